import { useVirtualizer } from '@tanstack/react-virtual';
import { lazyInitialRect, observeRectLazily, scrollLazily } from '../hooks/lazy-rect';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { memo, useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { isEngineHeader, type EngineHeader } from '../data/engine-sections';
import type { ShortcutId } from '../keymap/keymap';
import { useShortcuts } from '../keymap/shortcuts';
import { EngineHeaderRow } from './EngineHeaderRow';
import { leastWidth, type SortState } from './list-rows';
import { useFlingWatch, useFullAfterFling, type FlingWatch } from '../hooks/fling';
import { useToTop } from '../hooks/to-top';
import './list-table.css';

export interface ListColumn<T, K extends string = never> {
  id: string;
  /** The header's text; with `hideLabel` only screen readers get it (an actions column). */
  label: string;
  hideLabel?: boolean;
  /** CSS grid track, e.g. "minmax(200px, 2fr)" or "90px". */
  width: string;
  sortKey?: K;
  numeric?: boolean;
  /** Extra class of the column's cells (a flex cell, a muted one). */
  className?: string;
  /** Cells with buttons and icons (an actions column): a row that comes into view while the list is flung leaves
   * them empty until the fling ends (hooks/fling.ts). */
  deferWhileFlung?: boolean;
  cell(row: T): ReactNode;
}

interface ListTableProps<T, K extends string> {
  /** The grid's accessible name ("Volumes"). */
  label: string;
  /** With several engines shown, each engine's rows come under its header (the keyboard skips headers). */
  rows: readonly (T | EngineHeader)[];
  columns: readonly ListColumn<T, K>[];
  rowKey(row: T): string;
  /** Attributes for the e2e hooks (data-testid, data-name…). */
  rowProps?(row: T): Record<string, string | undefined>;
  rowClassName?(row: T): string;
  rowHeight?: number;
  /** The table's own width below which it scrolls sideways rather than squeezing its columns. */
  minWidth?: number;
  sort?: SortState<K>;
  onSort?(key: K): void;
  /** A row shown as open elsewhere (the volume whose files the side panel shows). */
  openKey?: string | null;
  /** Enter on the keyboard's row (and a click, with `openOnClick`). Without it, Enter is not bound. */
  onOpen?(row: T): void;
  openOnClick?: boolean;
  /** Space on the keyboard's row: only where the page has bulk actions. */
  onToggle?(row: T): void;
  /** The page's row keys, from the keymap (`image.remove: (row) => …`): they act on the keyboard's row. */
  rowShortcuts?: Partial<Record<ShortcutId, (row: T) => void>>;
  className?: string;
  /** What the rows are filtered by (the filter box's text, and any choice beside it): a new one that changes the
   * rows puts the list back at its top, on the first matches. */
  filter?: string;
}

/**
 * The one list table (images, volumes, networks, stacks, events): a CSS grid with a sticky, sortable header, rows
 * virtualized with @tanstack/react-virtual, and the keymap's list keys — arrows and j/k move a keyboard row, Home/End,
 * Enter opens, Space selects for bulk, the page's row keys act on it. The containers list keeps its own table: it
 * folds project groups and has a selection model of its own.
 */
export function ListTable<T, K extends string = never>(props: ListTableProps<T, K>) {
  const { label, rows, columns, rowKey, rowProps, rowClassName, sort, onSort, openKey, onOpen, openOnClick, onToggle, rowShortcuts } = props;
  const rowHeight = props.rowHeight ?? 38;
  const scrollRef = useRef<HTMLDivElement>(null);
  const idPrefix = useId();
  const keyOf = (row: T | EngineHeader) => (isEngineHeader(row) ? row.key : rowKey(row));
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    getItemKey: (i) => (rows[i] === undefined ? i : keyOf(rows[i]!)),
    overscan: 10,
    initialRect: lazyInitialRect(),
    observeElementRect: observeRectLazily,
    scrollToFn: scrollLazily,
  });
  const fling = useFlingWatch(scrollRef);
  const filtered = useRef({ filter: props.filter, rows });
  useToTop(virtualizer, scrollRef, props.filter !== filtered.current.filter && !sameKeys(rows, filtered.current.rows, keyOf));
  useEffect(() => {
    filtered.current = { filter: props.filter, rows };
  });
  const [cursorKey, setCursorKey] = useState<string | null>(null);
  const cursorIndex = cursorKey === null ? -1 : rows.findIndex((r) => !isEngineHeader(r) && rowKey(r) === cursorKey);
  const cursor = cursorIndex >= 0 ? (rows[cursorIndex] as T) : undefined;
  const lastIndex = useRef(0);
  if (cursorIndex >= 0) lastIndex.current = cursorIndex;
  const moveTo = (from: number, step: 1 | -1) => {
    scrollRef.current?.focus({ preventScroll: true });
    for (let i = from; i >= 0 && i < rows.length; i += step) {
      const row = rows[i]!;
      if (isEngineHeader(row)) continue;
      setCursorKey(rowKey(row));
      virtualizer.scrollToIndex(i, { align: 'auto' });
      return;
    }
  };
  // A handler returns false when there is no keyboard row: the key then does what it would have done.
  const onCursor = (fn: (row: T) => void) => () => (cursor === undefined ? false : fn(cursor));
  const handlers: Partial<Record<ShortcutId, () => boolean | void>> = {
    'list.down': () => moveTo(cursorIndex + 1, 1),
    'list.up': () => moveTo(cursorIndex === -1 ? 0 : cursorIndex - 1, -1),
    'list.first': () => moveTo(0, 1),
    'list.last': () => moveTo(rows.length - 1, -1),
  };
  if (onOpen) handlers['list.open'] = onCursor(onOpen);
  if (onToggle) handlers['list.toggle'] = onCursor(onToggle);
  for (const [id, fn] of Object.entries(rowShortcuts ?? {}) as [ShortcutId, (row: T) => void][]) handlers[id] = onCursor(fn);
  useShortcuts(handlers);
  // The keyboard row left the rows (a filter that lands after the list took focus, a removed object): while the list
  // has focus, the row now at its place takes it, so the keys keep acting on a row the user can see.
  useEffect(() => {
    if (cursorKey === null || cursorIndex !== -1 || document.activeElement !== scrollRef.current) return;
    const at = Math.min(lastIndex.current, rows.length - 1);
    for (let i = at; i >= 0; i--) {
      if (!isEngineHeader(rows[i]!)) return moveTo(i, -1);
    }
    moveTo(at, 1);
  });

  // The row a click lands on takes the keyboard row (and opens, with openOnClick): one handler for every row, so a
  // row whose props did not change is not rendered again.
  const latest = useRef({ rowKey, onOpen, openOnClick });
  latest.current = { rowKey, onOpen, openOnClick };
  const onRowClick = useCallback((row: T) => {
    setCursorKey(latest.current.rowKey(row));
    if (latest.current.openOnClick) latest.current.onOpen?.(row);
  }, []);

  const template = columns.map((c) => c.width).join(' ');
  // Below the columns' least widths the table scrolls sideways: rows are laid out alone (`contain`), so a row wider
  // than the body would not widen what scrolls, and its last cells would be out of reach.
  const width = { minWidth: Math.max(props.minWidth ?? 0, leastWidth(columns)) };
  const rowDomId = (key: string) => `${idPrefix}-${key.replace(/[^a-zA-Z0-9_-]/g, '_')}`;
  return (
    <div
      ref={scrollRef}
      className={`list-table${props.className ? ` ${props.className}` : ''}`}
      role="grid"
      aria-label={label}
      aria-rowcount={rows.length + 1}
      tabIndex={0}
      data-keyboard-list
      aria-activedescendant={cursorKey !== null && cursor !== undefined ? rowDomId(cursorKey) : undefined}
      onFocus={(e) => {
        if (e.target === e.currentTarget && cursorIndex === -1) moveTo(0, 1);
      }}
    >
      <div className="list-table-head" role="row" style={{ gridTemplateColumns: template, ...width }}>
        {columns.map((c) => {
          const active = c.sortKey !== undefined && sort?.key === c.sortKey;
          return (
            <div key={c.id} role="columnheader" className={c.numeric ? 'num' : undefined} aria-sort={active ? (sort!.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
              {c.sortKey && onSort ? (
                <button type="button" className="sort-button" tabIndex={-1} onClick={() => onSort(c.sortKey!)}>
                  {c.label}
                  {active && (sort!.dir === 'asc' ? <ArrowUp size={12} /> : <ArrowDown size={12} />)}
                </button>
              ) : (
                <span className={c.hideLabel ? 'visually-hidden' : undefined}>{c.label}</span>
              )}
            </div>
          );
        })}
      </div>
      <div className="list-table-body" style={{ height: virtualizer.getTotalSize(), ...width }}>
        {virtualizer.getVirtualItems().map((v) => {
          const row = rows[v.index];
          if (row === undefined) return null;
          if (isEngineHeader(row)) return <EngineHeaderRow key={v.key} header={row} top={v.start} height={rowHeight} />;
          const key = rowKey(row);
          const extra = rowClassName?.(row);
          return (
            <ListTableRow
              key={v.key}
              row={row}
              id={rowDomId(key)}
              selected={key === cursorKey}
              className={`list-table-row${openKey === key ? ' open' : ''}${extra ? ` ${extra}` : ''}${openOnClick ? ' clickable' : ''}`}
              template={template}
              top={v.start}
              height={rowHeight}
              columns={columns}
              attributes={rowProps?.(row)}
              fling={fling}
              onClick={onRowClick}
            />
          );
        })}
      </div>
    </div>
  );
}

interface ListTableRowProps<T> {
  row: T;
  id: string;
  selected: boolean;
  className: string;
  template: string;
  top: number;
  height: number;
  columns: readonly ListColumn<T, string>[];
  attributes: Record<string, string | undefined> | undefined;
  fling: FlingWatch;
  onClick(row: T): void;
}

/**
 * One row, rendered again only when something it shows changed: its row object, its place, its classes and
 * attributes, or the columns (a page whose cells read more than the row — a clock, the engines' names — gives new
 * columns when that changes). With thousands of rows an update then costs the rows it touched, not every row on screen.
 */
const ListTableRow = memo(function ListTableRow<T>({ row, id, selected, className, template, top, height, columns, attributes, fling, onClick }: ListTableRowProps<T>) {
  const full = useFullAfterFling(fling);
  return (
    <div
      id={id}
      role="row"
      aria-selected={selected}
      className={className}
      style={{ gridTemplateColumns: template, transform: `translateY(${top}px)`, height }}
      onClick={() => onClick(row)}
      {...attributes}
      data-lite={full ? undefined : ''}
    >
      {columns.map((c) => (
        <div key={c.id} role="gridcell" className={[c.numeric ? 'num' : '', c.className ?? ''].join(' ').trim() || undefined}>
          {full || !c.deferWhileFlung ? c.cell(row) : null}
        </div>
      ))}
    </div>
  );
}, sameRowProps) as <T>(props: ListTableRowProps<T>) => ReactNode;

function sameRowProps<T>(a: ListTableRowProps<T>, b: ListTableRowProps<T>): boolean {
  return (
    a.row === b.row &&
    a.id === b.id &&
    a.selected === b.selected &&
    a.className === b.className &&
    a.template === b.template &&
    a.top === b.top &&
    a.height === b.height &&
    a.columns === b.columns &&
    a.fling === b.fling &&
    a.onClick === b.onClick &&
    sameAttributes(a.attributes, b.attributes)
  );
}

function sameAttributes(a: Record<string, string | undefined> | undefined, b: Record<string, string | undefined> | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

/** Whether two lists hold the same rows in the same order. */
function sameKeys<R>(a: readonly R[], b: readonly R[], keyOf: (row: R) => string): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (keyOf(a[i]!) !== keyOf(b[i]!)) return false;
  return true;
}
