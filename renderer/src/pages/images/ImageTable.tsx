import { useVirtualizer } from '@tanstack/react-virtual';
import * as Menu from '@radix-ui/react-dropdown-menu';
import { ArrowDown, ArrowUp, History, MoreHorizontal, Play, Tag, Trash2, Upload } from 'lucide-react';
import { useRef, useState } from 'react';
import { useShortcuts } from '../../keymap/shortcuts';
import { withKey } from '../../keymap/keymap';
import { formatBytes } from '../../format/bytes';
import { formatRelativeTime, titleOnHover } from '../../format/relative-time';
import { useNow } from '../../hooks/use-now';
import { openContainerDialog } from '../containers/container-dialogs-store';
import { openImageDialog } from './image-dialogs-store';
import type { ImageRow, ImageSortKey } from './image-rows';
import { type EngineHeader } from '../../data/engine-sections';
import { EngineHeaderRow } from '../../components/EngineHeaderRow';
import { useEngineNames } from '../../data/scope';
import { useImageListView } from './images-store';
import '../containers/row-menu.css';

const ROW_HEIGHT = 40;
const COLUMNS: { id: string; label: string; sort?: ImageSortKey }[] = [
  { id: 'name', label: 'Repository:tag', sort: 'name' },
  { id: 'id', label: 'Id' },
  { id: 'size', label: 'Size', sort: 'size' },
  { id: 'created', label: 'Created', sort: 'created' },
  { id: 'users', label: 'Containers', sort: 'containers' },
  { id: 'actions', label: 'Actions' },
];

/** The images list: virtualized rows, sortable headers, an action menu per row; engine headers with several engines. */
export function ImageTable({ rows, showsEngines }: { rows: readonly (ImageRow | EngineHeader)[]; showsEngines: boolean }) {
  const names = useEngineNames();
  const scrollRef = useRef<HTMLDivElement>(null);
  const sort = useImageListView((s) => s.sort);
  const sortBy = useImageListView((s) => s.sortBy);
  const highlightId = useImageListView((s) => s.highlightId);
  const now = useNow(30_000);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 12,
  });
  // The keyboard's row (engine headers are skipped): the keymap's list keys move it, Enter opens its layers.
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const selectedIndex = rows.findIndex((r) => r.kind !== 'engine' && r.key === selectedKey);
  const selected = selectedIndex >= 0 ? (rows[selectedIndex] as ImageRow) : undefined;
  const moveTo = (from: number, step: 1 | -1) => {
    scrollRef.current?.focus({ preventScroll: true });
    for (let i = from; i >= 0 && i < rows.length; i += step) {
      const row = rows[i]!;
      if (row.kind === 'engine') continue;
      setSelectedKey(row.key);
      virtualizer.scrollToIndex(i, { align: 'auto' });
      return;
    }
  };
  const withImage = (fn: (row: ImageRow) => void) => () => (selected ? fn(selected) : false);
  useShortcuts({
    'list.down': () => moveTo(selectedIndex + 1, 1),
    'list.up': () => moveTo(selectedIndex === -1 ? 0 : selectedIndex - 1, -1),
    'list.first': () => moveTo(0, 1),
    'list.last': () => moveTo(rows.length - 1, -1),
    'image.layers': withImage(({ image }) => openImageDialog({ kind: 'history', image })),
    'image.run': withImage(({ image }) => openContainerDialog({ kind: 'run', mode: 'new', image: image.repoTags[0] ?? image.id, engineId: image.engineId })),
    'image.remove': withImage(({ image }) => openImageDialog({ kind: 'remove', image, target: image.id })),
  });
  return (
    <div
      ref={scrollRef}
      className="container-grid"
      role="grid"
      aria-label="Images"
      aria-rowcount={rows.length + 1}
      tabIndex={0}
      data-keyboard-list
      aria-activedescendant={selected ? imageRowId(selected.key) : undefined}
      onFocus={(e) => {
        if (e.target === e.currentTarget && selectedIndex === -1) moveTo(0, 1);
      }}
    >
      <div className="grid-header" role="row">
        {COLUMNS.map((c) => {
          const active = c.sort !== undefined && sort.key === c.sort;
          return (
            <div key={c.id} role="columnheader" className={`cell icell-${c.id}`} aria-sort={active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
              {c.sort ? (
                <button type="button" className="sort-button" onClick={() => sortBy(c.sort!)}>
                  {c.label}
                  {active && (sort.dir === 'asc' ? <ArrowUp size={12} /> : <ArrowDown size={12} />)}
                </button>
              ) : (
                <span className={c.id === 'actions' ? 'visually-hidden' : undefined}>{c.label}</span>
              )}
            </div>
          );
        })}
      </div>
      <div className="grid-rows" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          if (row.kind === 'engine') return <EngineHeaderRow key={row.key} header={row} top={item.start} height={ROW_HEIGHT} />;
          return (
            <ImageRowView
              key={row.key}
              row={row}
              selected={row.key === selectedKey}
              top={item.start}
              highlighted={row.image.id === highlightId}
              now={now}
              engineName={showsEngines ? (names.get(row.image.engineId) ?? row.image.engineId) : undefined}
            />
          );
        })}
      </div>
    </div>
  );
}

const imageRowId = (key: string) => `image-row-${key.replace(/[^a-zA-Z0-9_-]/g, '_')}`;

function ImageRowView({ row, selected, top, highlighted, now, engineName }: { row: ImageRow; selected: boolean; top: number; highlighted: boolean; now: number; engineName: string | undefined }) {
  const { image, users } = row;
  const running = users.filter((u) => u.state === 'running').length;
  const more = image.repoTags.length - 1;
  return (
    <div
      id={imageRowId(row.key)}
      role="row"
      aria-selected={selected}
      className={`grid-row image-row${highlighted ? ' highlighted' : ''}${image.dangling ? ' dangling' : ''}`}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
      data-testid="image-row"
      data-image-id={image.id}
      data-engine={image.engineId}
      data-image-name={row.name}
      data-tags={image.repoTags.join(' ')}
    >
      <div role="gridcell" className="cell icell-name">
        {/* .image-name cuts from the left (the registry host gives way, not the name and tag); the <bdi> keeps the
            text itself left to right, or "127.0.0.1:5000/app:1" would read "app:1/127.0.0.1:5000". */}
        <span className={image.dangling ? 'image-name muted' : 'image-name'} title={image.repoTags.join('\n')}>
          <bdi>{row.name}</bdi>
        </span>
        {more > 0 && (
          <span className="tag-more" title={image.repoTags.slice(1).join('\n')}>
            +{more}
          </span>
        )}
        {image.dangling && <span className="badge tone-warning">dangling</span>}
        {engineName && (
          <span className="engine-tag" data-testid="row-engine">
            {engineName}
          </span>
        )}
      </div>
      <div role="gridcell" className="cell icell-id mono muted">
        {row.shortId}
      </div>
      <div role="gridcell" className="cell icell-size num">
        {formatBytes(image.size)}
      </div>
      <div role="gridcell" className="cell icell-created muted" {...titleOnHover(image.created)}>
        {formatRelativeTime(image.created, now)}
      </div>
      <div role="gridcell" className="cell icell-users">
        {users.length > 0 ? (
          <>
            <span className={`badge ${running > 0 ? 'tone-success' : 'tone-neutral'}`} data-testid="in-use-badge">
              in use{running > 0 ? ` · ${running} running` : ''}
            </span>
            <span className="image-users muted" title={users.map((u) => `${u.name} (${u.state})`).join('\n')}>
              {users.map((u) => u.name).join(', ')}
            </span>
          </>
        ) : (
          <span className="muted">—</span>
        )}
      </div>
      <div role="gridcell" className="cell icell-actions">
        <button type="button" className="icon-btn" aria-label={`Run ${row.name}`} title={withKey('Run a container from this image', 'image.run')} onClick={() => openContainerDialog({ kind: 'run', mode: 'new', image: image.repoTags[0] ?? image.id, engineId: image.engineId })}>
          <Play size={14} />
        </button>
        <button type="button" className="icon-btn" aria-label={`Layers of ${row.name}`} title={withKey('Layers', 'image.layers')} onClick={() => openImageDialog({ kind: 'history', image })}>
          <History size={14} />
        </button>
        <button type="button" className="icon-btn danger" aria-label={`Remove ${row.name}`} title={withKey('Remove', 'image.remove')} onClick={() => openImageDialog({ kind: 'remove', image, target: image.id })}>
          <Trash2 size={14} />
        </button>
        <Menu.Root>
          <Menu.Trigger className="icon-btn" aria-label={`More actions for ${row.name}`}>
            <MoreHorizontal size={14} />
          </Menu.Trigger>
          <Menu.Portal>
            <Menu.Content className="menu" align="end" sideOffset={4}>
              <Menu.Item className="menu-item" onSelect={() => openImageDialog({ kind: 'tag', image })}>
                <Tag size={14} /> Tag…
              </Menu.Item>
              <Menu.Item className="menu-item" onSelect={() => openImageDialog({ kind: 'push', image })} disabled={image.dangling}>
                <Upload size={14} /> Push…
              </Menu.Item>
              <Menu.Item className="menu-item" onSelect={() => openImageDialog({ kind: 'save-load', image })}>
                Save to a tar file…
              </Menu.Item>
              {image.repoTags.length > 1 &&
                image.repoTags.map((t) => (
                  <Menu.Item key={t} className="menu-item danger" onSelect={() => openImageDialog({ kind: 'remove', image, target: t })}>
                    <Trash2 size={14} /> Remove tag {t}
                  </Menu.Item>
                ))}
            </Menu.Content>
          </Menu.Portal>
        </Menu.Root>
      </div>
    </div>
  );
}
