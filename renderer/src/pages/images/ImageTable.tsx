import * as Menu from '@radix-ui/react-dropdown-menu';
import { FileJson, History, MoreHorizontal, Play, Tag, Trash2, Upload } from 'lucide-react';
import { memo, useMemo } from 'react';
import { ShortcutKeys } from '../../keymap/Kbd';
import { EngineTag } from '../../components/EngineTag';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { withKey } from '../../keymap/keymap';
import { formatBytes } from '../../format/bytes';
import { formatRelativeTime, titleOnHover } from '../../format/relative-time';
import { useNow } from '../../hooks/use-now';
import { openContainerDialog } from '../containers/container-dialogs-store';
import { openImageDialog } from './image-dialogs-store';
import { openCopyImageDialog } from './CopyImageDialog';
import { usersByName, type ImageRow, type ImageSortKey } from './image-rows';
import { type EngineHeader } from '../../data/engine-sections';
import { useEngineNames } from '../../data/scope';
import { useImageListView } from './images-store';
import '../containers/row-menu.css';

/**
 * The images list on the shared `ListTable`: an action menu per row, engine headers with several engines; the
 * keymap's image keys (Enter layers, r run, Delete remove) act on the keyboard's row.
 */
export const ImageTable = memo(function ImageTable({ rows, showsEngines, filter }: { rows: readonly (ImageRow | EngineHeader)[]; showsEngines: boolean; filter: string }) {
  const names = useEngineNames();
  const sort = useImageListView((s) => s.sort);
  const sortBy = useImageListView((s) => s.sortBy);
  const highlightId = useImageListView((s) => s.highlightId);
  const now = useNow(30_000);
  // The same columns until what the cells read besides the row changes: rows not touched by an update are not rendered.
  const columns = useMemo((): ListColumn<ImageRow, ImageSortKey>[] => [
    { id: 'name', label: 'Repository:tag', width: 'minmax(260px, 2.4fr)', sortKey: 'name', className: 'icell-name', cell: (row) => <ImageName row={row} engineName={showsEngines ? (names.get(row.image.engineId) ?? row.image.engineId) : undefined} /> },
    { id: 'id', label: 'Id', width: '120px', className: 'mono muted', cell: (row) => row.shortId },
    { id: 'size', label: 'Size', width: '96px', sortKey: 'size', numeric: true, cell: (row) => formatBytes(row.image.size) },
    { id: 'created', label: 'Created', width: '130px', sortKey: 'created', className: 'muted', cell: (row) => <span {...titleOnHover(row.image.created)}>{formatRelativeTime(row.image.created, now)}</span> },
    { id: 'users', label: 'Containers', width: 'minmax(220px, 2fr)', sortKey: 'containers', className: 'icell-users', cell: (row) => <ImageUsers row={row} /> },
    { id: 'actions', label: 'Actions', hideLabel: true, width: '132px', className: 'icell-actions', deferWhileFlung: true, cell: (row) => <ImageActions row={row} /> },
  ], [showsEngines, names, now]);
  return (
    <ListTable
      label="Images"
      rows={rows}
      filter={filter}
      columns={columns}
      rowKey={(row) => row.key}
      rowHeight={40}
      minWidth={980}
      sort={sort}
      onSort={sortBy}
      rowClassName={(row) => `image-row${row.image.id === highlightId ? ' highlighted' : ''}${row.image.dangling ? ' dangling' : ''}`}
      rowProps={(row) => ({ 'data-testid': 'image-row', 'data-image-id': row.image.id, 'data-engine': row.image.engineId, 'data-image-name': row.name, 'data-tags': row.image.repoTags.join(' ') })}
      rowShortcuts={{
        'image.layers': ({ image }) => openImageDialog({ kind: 'history', image }),
        'image.run': ({ image }) => runImage(image),
        'image.inspect': ({ image }) => openImageDialog({ kind: 'inspect', image }),
        'image.remove': ({ image }) => openImageDialog({ kind: 'remove', image, target: image.id }),
      }}
    />
  );
});

const runImage = (image: ImageRow['image']) => openContainerDialog({ kind: 'run', mode: 'new', image: image.repoTags[0] ?? image.id, engineId: image.engineId });

function ImageName({ row, engineName }: { row: ImageRow; engineName: string | undefined }) {
  const { image } = row;
  const more = image.repoTags.length - 1;
  return (
    <>
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
      {engineName && <EngineTag name={engineName} />}
    </>
  );
}

function ImageUsers({ row: { users } }: { row: ImageRow }) {
  const byName = useMemo(() => usersByName(users), [users]);
  if (byName.length === 0) return <span className="muted">—</span>;
  const running = byName.filter((u) => u.state === 'running').length;
  return (
    <>
      <span className={`badge ${running > 0 ? 'tone-success' : 'tone-neutral'}`} data-testid="in-use-badge">
        in use{running > 0 ? ` · ${running} running` : ''}
      </span>
      <span className="image-users muted" title={byName.map((u) => `${u.name} (${u.state})`).join('\n')}>
        {byName.map((u) => u.name).join(', ')}
      </span>
    </>
  );
}

function ImageActions({ row }: { row: ImageRow }) {
  const { image } = row;
  return (
    <>
      <button type="button" className="icon-btn" aria-label={`Run ${row.name}`} title={withKey('Run a container from this image', 'image.run')} onClick={() => runImage(image)}>
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
            <Menu.Item className="menu-item" onSelect={() => openImageDialog({ kind: 'inspect', image })}>
              <FileJson size={14} /> Inspect
              <ShortcutKeys id="image.inspect" />
            </Menu.Item>
            <Menu.Item className="menu-item" onSelect={() => openImageDialog({ kind: 'tag', image })}>
              <Tag size={14} /> Tag…
            </Menu.Item>
            <Menu.Item className="menu-item" onSelect={() => openImageDialog({ kind: 'push', image })} disabled={image.dangling}>
              <Upload size={14} /> Push…
            </Menu.Item>
            <Menu.Item className="menu-item" onSelect={() => openImageDialog({ kind: 'save-load', image })}>
              Save to a tar file…
            </Menu.Item>
            <Menu.Item className="menu-item" onSelect={() => openCopyImageDialog(image)}>
              Copy to engine…
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
    </>
  );
}
