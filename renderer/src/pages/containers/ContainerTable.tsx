import { useNavigation } from '../../stores/navigation-store';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, ChevronDown, ChevronRight } from 'lucide-react';
import { useCallback, useEffect, useRef, type KeyboardEvent } from 'react';
import type { ContainerSummary } from '../../../../preload/contract';
import { useNow } from '../../hooks/use-now';
import { ContainerRowView } from './ContainerRowView';
import { COLUMNS } from './columns';
import { useVisibleStats } from '../../stats/use-visible-stats';
import { StatsTotals } from '../../stats/StatsTotals';
import { useContainerListView } from './container-list-view-store';
import type { ContainerListRow, EngineRow, GroupRow } from './container-rows';
import { objectKey } from '../../data/keyed';
import { usePendingActions } from './container-actions';
import { GroupLogsButton } from '../logs/GroupLogsButton';
import { EngineDot } from '../../shell/EngineDot';

const HEADER_HEIGHT = 32;
const ROW_HEIGHT = 36;
const GROUP_ROW_HEIGHT = 34;

const rowDomId = (key: string) => `container-list-row-${key.replace(/[^a-zA-Z0-9_-]/g, '_')}`;

interface ContainerTableProps {
  rows: readonly ContainerListRow[];
  stale: boolean;
  /** Engine names, when the list shows several engines (rows then say their engine). */
  engineNames: ReadonlyMap<string, string> | null;
  onRemove(container: ContainerSummary): void;
}

/**
 * One virtual list holds group headers and container rows, so 1,000+ containers scroll smoothly. The list itself
 * takes focus; ↑/↓ (and Home/End) move the selection, Enter/Space or ←/→ fold a group.
 */
export function ContainerTable({ rows, stale, engineNames, onRemove }: ContainerTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const sort = useContainerListView((s) => s.sort);
  const sortBy = useContainerListView((s) => s.sortBy);
  const selectedKey = useContainerListView((s) => s.selectedKey);
  const select = useContainerListView((s) => s.select);
  const toggleGroup = useContainerListView((s) => s.toggleGroup);
  const pending = usePendingActions((s) => s.pending);
  // Ages in the status column count seconds in their first minute ("Up 45 s"); a tick re-renders only the rows on screen.
  const now = useNow(5_000);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'group' ? GROUP_ROW_HEIGHT : ROW_HEIGHT),
    getItemKey: (i) => rows[i]?.key ?? i,
    overscan: 12,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });

  const selectedIndex = selectedKey === null ? -1 : rows.findIndex((r) => r.key === selectedKey);
  useVisibleStats(visibleRunningKeys(rows, virtualizer.range));

  const moveTo = useCallback(
    (index: number) => {
      const row = rows[Math.max(0, Math.min(rows.length - 1, index))];
      if (!row) return;
      select(row.key);
      virtualizer.scrollToIndex(rows.indexOf(row), { align: 'auto' });
    },
    [rows, select, virtualizer],
  );

  // A selected row that disappears (removed, filtered out) should not leave the keyboard stranded.
  useEffect(() => {
    if (selectedKey !== null && selectedIndex === -1) select(null);
  }, [selectedKey, selectedIndex, select]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return; // keys typed into a row's button or link belong to it
    const current = rows[selectedIndex];
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const handled = (() => {
      switch (e.key) {
        case 'ArrowDown':
          moveTo(selectedIndex + 1);
          return true;
        case 'ArrowUp':
          moveTo(selectedIndex === -1 ? 0 : selectedIndex - 1);
          return true;
        case 'PageDown':
          moveTo(selectedIndex + page);
          return true;
        case 'PageUp':
          moveTo(selectedIndex - page);
          return true;
        case 'Home':
          moveTo(0);
          return true;
        case 'End':
          moveTo(rows.length - 1);
          return true;
        case 'Enter':
          if (current?.kind === 'container') useNavigation.getState().open(current.container.id, null, 'containers', current.container.engineId);
          else if (current) toggleGroup(current.key);
          return current !== undefined;
        case ' ':
          if (current && current.kind !== 'container') toggleGroup(current.key);
          else if (current) select(current.key);
          return current !== undefined;
        case 'ArrowLeft':
        case 'ArrowRight': {
          const group = current && current.kind !== 'container' ? current : undefined;
          if (group && group.collapsed === (e.key === 'ArrowRight')) toggleGroup(group.key);
          return group !== undefined;
        }
        default:
          return false;
      }
    })();
    if (handled) e.preventDefault();
  };

  return (
    <div
      ref={scrollRef}
      className={`container-grid${stale ? ' stale' : ''}`}
      role="grid"
      aria-label="Containers"
      aria-rowcount={rows.length + 1}
      aria-activedescendant={selectedIndex >= 0 ? rowDomId(selectedKey ?? '') : undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        if (e.target === e.currentTarget && selectedIndex === -1 && rows.length > 0) moveTo(0);
      }}
    >
      <div className="grid-header" role="row" aria-rowindex={1}>
        {COLUMNS.map((col) => {
          const active = col.sort !== null && sort.column === col.sort;
          return (
            <div
              key={col.id}
              role="columnheader"
              className={`cell cell-${col.id}`}
              aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
            >
              {col.sort ? (
                <button type="button" className="sort-button" tabIndex={-1} onClick={() => col.sort && sortBy(col.sort)}>
                  {col.label}
                  {active && (sort.direction === 'asc' ? <ArrowUp size={12} /> : <ArrowDown size={12} />)}
                </button>
              ) : (
                <span className={col.id === 'actions' ? 'visually-hidden' : undefined}>{col.label}</span>
              )}
              {col.id === 'usage' && <StatsTotals />}
            </div>
          );
        })}
      </div>
      <div className="grid-rows" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const selected = row.key === selectedKey;
          if (row.kind !== 'container') {
            return (
              <GroupHeader
                key={row.key}
                row={row}
                index={item.index}
                selected={selected}
                top={item.start - HEADER_HEIGHT}
                height={item.size}
                onClick={() => {
                  select(row.key);
                  toggleGroup(row.key);
                }}
              />
            );
          }
          return (
            <ContainerRowView
              key={row.key}
              domId={rowDomId(row.key)}
              container={row.container}
              rowIndex={item.index + 2}
              selected={selected}
              pending={pending.get(row.key)}
              top={item.start - HEADER_HEIGHT}
              height={item.size}
              now={now}
              {...(engineNames ? { engineName: engineNames.get(row.container.engineId) ?? row.container.engineId } : {})}
              onSelect={select}
              onRemove={onRemove}
            />
          );
        })}
      </div>
    </div>
  );
}

/** Running containers in the rows actually on screen (not the overscan): the ones whose stats are read. */
function visibleRunningKeys(rows: readonly ContainerListRow[], range: { startIndex: number; endIndex: number } | null): string[] {
  if (!range) return [];
  const keys: string[] = [];
  for (let i = range.startIndex; i <= range.endIndex; i++) {
    const row = rows[i];
    if (row?.kind === 'container' && row.container.state === 'running') keys.push(objectKey(row.container.engineId, row.container.id));
  }
  return keys;
}

interface GroupHeaderProps {
  row: GroupRow | EngineRow;
  index: number;
  selected: boolean;
  top: number;
  height: number;
  onClick(): void;
}

function GroupHeader({ row, index, selected, top, height, onClick }: GroupHeaderProps) {
  const Chevron = row.collapsed ? ChevronRight : ChevronDown;
  return (
    <div
      id={rowDomId(row.key)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-expanded={!row.collapsed}
      className={`grid-row group-row${row.kind === 'engine' ? ' engine-group-row' : ''}`}
      style={{ transform: `translateY(${top}px)`, height }}
      data-testid={row.kind === 'engine' ? 'engine-group' : 'container-group'}
      data-group={row.kind === 'engine' ? undefined : (row.project ?? '')}
      data-engine={row.engineId}
      onClick={onClick}
    >
      <div role="gridcell" className="group-cell">
        <Chevron size={14} aria-hidden className="group-chevron" />
        {row.kind === 'engine' && <EngineDot engineId={row.engineId} />}
        <span className="group-title">{row.title}</span>
        <span className="group-count">{row.count}</span>
        <span className="group-summary">{row.summary}</span>
        {row.kind === 'group' && row.project && <GroupLogsButton engineId={row.engineId} project={row.project} />}
      </div>
    </div>
  );
}
