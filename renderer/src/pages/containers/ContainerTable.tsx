import { useNavigation } from '../../stores/navigation-store';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { SpriteIcon } from '../../components/SpriteIcon';
import { memo, useCallback, useEffect, useMemo, useReducer, useRef, type KeyboardEvent, type ReactElement } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ContainerSummary } from '../../../../preload/contract';
import { useNow } from '../../hooks/use-now';
import { formatRelativeTime } from '../../format/relative-time';
import { ageTickMs, liveStatus } from './status-text';
import { ContainerRowView } from './ContainerRowView';
import { COLUMNS } from './columns';
import { useVisibleStats } from '../../stats/use-visible-stats';
import { StatsTotals } from '../../stats/StatsTotals';
import { useContainerListView } from './container-list-view-store';
import type { ContainerListRow, ContainerRow, EngineRow, GroupRow, SortColumn, SortOrder } from './container-rows';
import { objectKey } from '../../data/keyed';
import { runContainerAction, usePendingActions, type ContainerAction } from './container-actions';
import { availableActions } from './container-states';
import { useSelection } from './bulk/selection-store';
import { SelectAllCheckbox } from './bulk/SelectAllCheckbox';
import { useShortcuts } from '../../keymap/shortcuts';
import { GroupLogsButton } from '../logs/GroupLogsButton';
import { EngineDot } from '../../shell/EngineDot';
import { useSettled } from '../../hooks/use-settled';
import { lazyInitialRect, observeRectLazily, scrollLazily } from '../../hooks/lazy-rect';
import { useStableItemKey } from '../../hooks/stable-item-key';
import { useFlingWatch, useFullAfterFling, type FlingWatch } from '../../hooks/fling';
import { useToTop } from '../../hooks/to-top';
import { assignSlots, sameOrder, stepToward, type RowSlots } from '../../hooks/row-slots';

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
 * takes focus; the keymap's list keys (↑↓ j k, Home/End, Enter, Space) and row action keys act on the selected row,
 * PageUp/PageDown page, ←/→ fold a group.
 */
/** Memoized: the page re-renders for store changes its rows do not show (a hidden page holds its rows). */
export const ContainerTable = memo(function ContainerTable({ rows, stale, engineNames, onRemove }: ContainerTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const { sort, sortBy, selectedKey, select, toggleGroup } = useContainerListView(
    useShallow(({ sort, sortBy, selectedKey, select, toggleGroup }) => ({ sort, sortBy, selectedKey, select, toggleGroup })),
  );
  const pending = usePendingActions((s) => s.pending);
  // Ages in the status column count seconds in their first minute ("Up 45 s"), then minutes, then hours: the clock
  // ticks as often as the newest age needs (ageTickMs). A tick re-renders the table; a row renders again only when its
  // status or created text changed.
  const newest = useMemo(() => newestAge(rows), [rows]);
  const now = useNow(ageTickMs(newest, Date.now()));

  // The rows beyond the visible ones (drawn ahead for smooth scrolling) wait until the first rows are on screen: at
  // 1280×800 that is 12 of the 30 rows the first paint would otherwise mount.
  const settled = useSettled(rows.length > 0);
  const fling = useFlingWatch(scrollRef);
  // A new filter or order replaces the rows in and around the view at once: a key that narrows 5,000 containers had
  // 30-odd rows to mount in full, and as many to take away. They are drawn lite in that frame, filled in after it;
  // the rows beyond the view's edges wait for the fill-in too (a key that leaves the same rows keeps them).
  const refiltered = useRef(false);
  useEffect(
    () =>
      useContainerListView.subscribe((s, was) => {
        const filter = s.filterText !== was.filterText || s.stateFilter !== was.stateFilter || s.healthFilter !== was.healthFilter;
        if (filter) {
          // For the render this change brings, which comes before the next task (a filter that leaves the same
          // matches brings none: the rows are the same list, and the table does not render again).
          refiltered.current = true;
          setTimeout(() => (refiltered.current = false), 0);
        }
        if (filter || s.sort !== was.sort) fling.jump();
      }),
    [fling],
  );
  // Held until the fill-in, not just for the key's own render: the scroll event of the key's frame (a list scrolled
  // down goes back to its top, below) renders the table again, and took the edges' 20-odd rows into that frame.
  const drawnRows = useRef(rows);
  const edgesHeld = useRef(false);
  if (rows !== drawnRows.current && fling.jumping()) edgesHeld.current = true;
  const edgesWait = edgesHeld.current;
  const [, drawEdges] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    drawnRows.current = rows;
    if (!edgesWait) return;
    return fling.whenSettled(() => {
      edgesHeld.current = false;
      drawEdges();
    });
  });
  const getItemKey = useStableItemKey(rows);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (i) => (rows[i]?.kind === 'group' ? GROUP_ROW_HEIGHT : ROW_HEIGHT),
    getItemKey,
    overscan: settled && !edgesWait ? 12 : 1,
    scrollMargin: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
    initialRect: lazyInitialRect(),
    observeElementRect: observeRectLazily,
    scrollToFn: scrollLazily,
  });

  // A filter that changes what matches shows the first matches; a key that leaves the same matches moves nothing.
  const refilteredRows = refiltered.current && rows !== drawnRows.current;
  if (refilteredRows) refiltered.current = false;
  useToTop(virtualizer, scrollRef, refilteredRows);

  // Rows recycled: a row that leaves the view lends its elements to one that comes in (row-slots.ts). A filter key
  // that replaces the rows in view then changes their texts instead of making ~30 rows' elements anew.
  const inView = virtualizer.getVirtualItems();
  const flung = fling.flinging();
  const slotsRef = useRef<TableSlots>({ containers: new Map(), groups: new Map() });
  const slots = tableSlots(slotsRef.current, rows, inView, focusedRowId(scrollRef.current), flung);
  // The rows' elements in the order of the list's children: while the list is flung (or a filter key replaces its
  // rows) they keep their places, a recycled row changing in place; at rest they go back to the rows' order a few a
  // frame (stepToward). Moved in the rows' order every frame, a fling of 5,000 containers took 8 rows a frame out of
  // the page and put them back: styled and laid out anew, their garbage 4 of 6 major collections in the scroll.
  const slotKey = (row: ContainerListRow) => (row.kind === 'container' ? `c${slots.containers.get(row.key)}` : `g${slots.groups.get(row.key)}`);
  const byKey = new Map<string, (typeof inView)[number]>();
  for (const item of inView) {
    const row = rows[item.index];
    if (row) byKey.set(slotKey(row), item);
  }
  const target = [...byKey.keys()];
  const childOrder = useRef<readonly string[]>([]);
  const order = stepToward(childOrder.current, target, flung ? 0 : REORDER_MOVES);
  const items = order.map((key) => byKey.get(key)!);
  const ordered = sameOrder(order, target);
  const [, reorder] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    slotsRef.current = slots;
    childOrder.current = order;
    if (ordered) return;
    if (flung) return fling.whenSettled(reorder);
    // The next step after this one's frame: the moves' cost is the browser's styling and layout of the moved rows.
    const frame = requestAnimationFrame(reorder);
    return () => cancelAnimationFrame(frame);
  });

  // Each row's element, kept from one render to the next while nothing it shows changed: a scroll frame renders the
  // table again, and building the 40-odd rows' props, status and age texts anew each frame was a fifth of what
  // scrolling 5,000 containers allocated. The same element lets React skip the row at once.
  const rowElements = useRef(new Map<string, RowElement>());
  const drawn = new Map<string, RowElement>();
  const handlers = useMemo(() => ({ fling, select, onRemove }), [fling, select, onRemove]);
  useEffect(() => {
    rowElements.current = drawn;
  });

  const selectAndToggle = useCallback(
    (key: string) => {
      select(key);
      toggleGroup(key);
    },
    [select, toggleGroup],
  );

  const selectedIndex = selectedKey === null ? -1 : rows.findIndex((r) => r.key === selectedKey);
  const shownKeys = useMemo(() => containerKeys(rows), [rows]);
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

  const current = rows[selectedIndex];
  const selectedContainer = current?.kind === 'container' ? current.container : undefined;
  // Keys from the keymap (↑↓ j k, Enter, Space, a row's action keys): they act when focus is on the list or on
  // nothing in particular, and never while typing in the filter.
  const focusList = () => scrollRef.current?.focus({ preventScroll: true });
  const withRow = (fn: (c: ContainerSummary) => void) => () => {
    if (!selectedContainer || pending.has(objectKey(selectedContainer.engineId, selectedContainer.id))) return false;
    fn(selectedContainer);
  };
  const can = selectedContainer ? availableActions(selectedContainer.state) : null;
  useShortcuts({
    'list.down': () => (focusList(), moveTo(selectedIndex + 1)),
    'list.up': () => (focusList(), moveTo(selectedIndex === -1 ? 0 : selectedIndex - 1)),
    'list.first': () => (focusList(), moveTo(0)),
    'list.last': () => (focusList(), moveTo(rows.length - 1)),
    'list.open': () => {
      if (current?.kind === 'container') useNavigation.getState().open(current.container.id, null, 'containers', current.container.engineId);
      else if (current) toggleGroup(current.key);
      else return false;
    },
    'list.toggle': () => {
      if (current?.kind === 'container') useSelection.getState().toggle(current.key);
      else if (current) toggleGroup(current.key);
      else return false;
    },
    'container.startStop': withRow((c) => void runContainerAction(c, can?.stop ? 'stop' : 'start')),
    'container.restart': withRow((c) => void runContainerAction(c, 'restart')),
    'container.pause': withRow((c) => void runContainerAction(c, c.state === 'paused' ? 'unpause' : 'pause')),
    'container.logs': withRow((c) => useNavigation.getState().open(c.id, 'logs', 'containers', c.engineId)),
    'container.terminal': withRow((c) => useNavigation.getState().open(c.id, 'terminal', 'containers', c.engineId)),
    'container.inspect': withRow((c) => useNavigation.getState().open(c.id, 'inspect', 'containers', c.engineId)),
    'container.remove': withRow(onRemove),
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.target !== e.currentTarget) return; // keys typed into a row's button or link belong to it
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const handled = (() => {
      switch (e.key) {
        case 'PageDown':
          moveTo(selectedIndex + page);
          return true;
        case 'PageUp':
          moveTo(selectedIndex - page);
          return true;
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
      data-keyboard-list
      // Set while the rows' elements are not yet back in the rows' order after a fling (stepToward).
      data-settling={ordered ? undefined : ''}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        if (e.target === e.currentTarget && selectedIndex === -1 && rows.length > 0) moveTo(0);
      }}
    >
      <GridHeader sort={sort} sortBy={sortBy} shownKeys={shownKeys} />
      <div className="grid-rows" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          const selected = row.key === selectedKey;
          if (row.kind !== 'container') {
            return (
              <GroupHeader
                key={`g${slots.groups.get(row.key)}`}
                row={row}
                index={item.index}
                selected={selected}
                top={item.start - HEADER_HEIGHT}
                height={item.size}
                fling={fling}
                onToggle={selectAndToggle}
              />
            );
          }
          const top = item.start - HEADER_HEIGHT;
          const rowPending = pending.get(row.key);
          const engineName = engineNames ? (engineNames.get(row.container.engineId) ?? row.container.engineId) : undefined;
          const slot = slots.containers.get(row.key)!;
          const was = rowElements.current.get(row.key);
          if (
            was &&
            was.slot === slot &&
            was.row === row &&
            was.now === now &&
            was.index === item.index &&
            was.selected === selected &&
            was.pending === rowPending &&
            was.top === top &&
            was.height === item.size &&
            was.engineName === engineName &&
            was.handlers === handlers
          ) {
            drawn.set(row.key, was);
            return was.element;
          }
          const element = (
            <ContainerRowView
              key={`c${slot}`}
              domId={rowDomId(row.key)}
              container={row.container}
              rowIndex={item.index + 2}
              selected={selected}
              pending={rowPending}
              top={top}
              height={item.size}
              statusText={liveStatus(row.container.status, row.container.statusSince, now)}
              createdText={formatRelativeTime(row.container.created, now, 'short')}
              {...(engineName !== undefined ? { engineName } : {})}
              fling={fling}
              onSelect={select}
              onRemove={onRemove}
            />
          );
          drawn.set(row.key, { slot, row, now, index: item.index, selected, pending: rowPending, top, height: item.size, engineName, handlers, element });
          return element;
        })}
      </div>
    </div>
  );
});

/** A container row's element and what it was made from. */
interface RowElement {
  slot: number;
  row: ContainerRow;
  now: number;
  index: number;
  selected: boolean;
  pending: ContainerAction | undefined;
  top: number;
  height: number;
  engineName: string | undefined;
  handlers: object;
  element: ReactElement;
}

interface TableSlots {
  containers: RowSlots;
  groups: RowSlots;
}

/** Moves a step toward the rows' order, once the list rests (stepToward): about 5 ms of a frame's styling and layout. */
const REORDER_MOVES = 8;

/** The slots of the rows drawn now, container rows and headers apart (a slot stays with one kind of element); rows
 * that come in above the rows that stay reuse slots only while flung (`reuseAbove`, assignSlots). */
function tableSlots(prev: TableSlots, rows: readonly ContainerListRow[], items: readonly { index: number }[], focusedId: string | null, reuseAbove: boolean): TableSlots {
  const containers: string[] = [];
  const groups: string[] = [];
  let focused: string | null = null;
  for (const item of items) {
    const row = rows[item.index];
    if (!row) continue;
    (row.kind === 'container' ? containers : groups).push(row.key);
  }
  if (focusedId !== null) {
    for (const [key] of [...prev.containers, ...prev.groups]) if (rowDomId(key) === focusedId) focused = key;
  }
  return { containers: assignSlots(prev.containers, containers, focused, reuseAbove), groups: assignSlots(prev.groups, groups, focused, reuseAbove) };
}

/** The DOM id of the row in `list` that holds the keyboard's focus (a row's button or link), if any. */
function focusedRowId(list: HTMLElement | null): string | null {
  const active = document.activeElement;
  if (!list || !active || active === list || !list.contains(active)) return null;
  return active.closest('[role="row"]')?.id || null;
}

/** The keys of the container rows (a loop: `flatMap` made an array per row, the costliest line of a 5,000-row delta). */
function containerKeys(rows: readonly ContainerListRow[]): string[] {
  const keys: string[] = [];
  for (const row of rows) if (row.kind === 'container') keys.push(row.key);
  return keys;
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
  /** As the container rows: a header a fling or a filter key brings in comes lite (without its Logs button). */
  fling: FlingWatch;
  onToggle(key: string): void;
}

/** Memoized, as the container rows: a scroll frame renders the table again, not the headers it keeps. */
const GroupHeader = memo(function GroupHeader({ row, index, selected, top, height, fling, onToggle }: GroupHeaderProps) {
  // A key that narrows 5,000 containers to a few hundred brings in as many headers as rows; their Logs buttons wait
  // for the fill-in, as the rows' buttons do.
  const full = useFullAfterFling(fling, row.key);
  return (
    <div
      id={rowDomId(row.key)}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      aria-expanded={!row.collapsed}
      className={`grid-row group-row${row.kind === 'engine' ? ' engine-group-row' : ''}`}
      style={{ top, height }}
      data-testid={row.kind === 'engine' ? 'engine-group' : 'container-group'}
      data-group={row.kind === 'engine' ? undefined : (row.project ?? '')}
      data-engine={row.engineId}
      data-lite={full ? undefined : ''}
      onClick={() => onToggle(row.key)}
    >
      <div role="gridcell" className="group-cell">
        <SpriteIcon name={row.collapsed ? 'chevron-right' : 'chevron-down'} size={14} className="group-chevron" />
        {row.kind === 'engine' && <EngineDot engineId={row.engineId} />}
        <span className="group-title">{row.title}</span>
        <span className="group-count">{row.count}</span>
        <span className="group-summary">{row.summary}</span>
        {full && row.kind === 'group' && row.project && <GroupLogsButton key={row.key} engineId={row.engineId} project={row.project} />}
      </div>
    </div>
  );
});

/** When the newest age the rows show began (a status's start or a creation), or null with none. */
function newestAge(rows: readonly ContainerListRow[]): number | null {
  let newest: number | null = null;
  for (const row of rows) {
    if (row.kind !== 'container') continue;
    const c = row.container;
    const at = Math.max(c.created, c.statusSince ?? 0);
    if (newest === null || at > newest) newest = at;
  }
  return newest;
}

interface GridHeaderProps {
  sort: SortOrder;
  sortBy(column: SortColumn): void;
  shownKeys: readonly string[];
}

/** The columns' header row. Memoized: a scroll frame renders the table again, not its header. */
const GridHeader = memo(function GridHeader({ sort, sortBy, shownKeys }: GridHeaderProps) {
  return (
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
            {col.id === 'name' && <SelectAllCheckbox keys={shownKeys} />}
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
  );
});
