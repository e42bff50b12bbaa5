import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { useRef, type ReactNode } from 'react';
import type { SortState } from './resource-list';
import { isEngineHeader, type EngineHeader } from '../../data/engine-sections';
import { EngineHeaderRow } from '../../components/EngineHeaderRow';
import './resources.css';

export interface ResourceColumn<T, K extends string> {
  id: string;
  label: string;
  /** CSS grid track, e.g. "minmax(200px, 2fr)" or "90px". */
  width: string;
  sortKey?: K;
  numeric?: boolean;
  cell(row: T): ReactNode;
}

interface ResourceTableProps<T, K extends string> {
  label: string;
  /** With several engines shown, each engine's rows come under its header. */
  rows: readonly (T | EngineHeader)[];
  columns: readonly ResourceColumn<T, K>[];
  rowKey(row: T): string;
  /** Attributes for the e2e hooks (data-testid, data-name…). */
  rowProps?(row: T): Record<string, string>;
  sort: SortState<K>;
  onSort(key: K): void;
  selectedKey?: string | null;
  onSelect?(row: T): void;
}

const ROW_HEIGHT = 38;

/**
 * The one table of the volumes and networks pages: a CSS grid with a sticky header, rows virtualized with
 * @tanstack/react-virtual (the containers list's approach), sortable headers.
 */
export function ResourceTable<T, K extends string>({ label, rows, columns, rowKey, rowProps, sort, onSort, selectedKey, onSelect }: ResourceTableProps<T, K>) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => {
      const row = rows[i];
      return row === undefined ? i : isEngineHeader(row) ? row.key : rowKey(row);
    },
    overscan: 10,
  });
  const template = columns.map((c) => c.width).join(' ');
  return (
    <div ref={scrollRef} className="resource-grid" role="table" aria-label={label}>
      <div className="resource-head" role="row" style={{ gridTemplateColumns: template }}>
        {columns.map((c) => (
          <div key={c.id} role="columnheader" className={c.numeric ? 'num' : undefined} aria-sort={c.sortKey && sort.key === c.sortKey ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
            {c.sortKey ? (
              <button type="button" className="sort-btn" onClick={() => onSort(c.sortKey!)}>
                {c.label}
                {sort.key === c.sortKey && (sort.dir === 'asc' ? <ArrowUp size={12} /> : <ArrowDown size={12} />)}
              </button>
            ) : (
              c.label
            )}
          </div>
        ))}
      </div>
      <div className="resource-body" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((v) => {
          const row = rows[v.index]!;
          if (isEngineHeader(row)) return <EngineHeaderRow key={v.key} header={row} top={v.start} height={ROW_HEIGHT} />;
          const key = rowKey(row);
          return (
            <div
              key={v.key}
              role="row"
              className={`resource-row${selectedKey === key ? ' selected' : ''}`}
              style={{ gridTemplateColumns: template, transform: `translateY(${v.start}px)`, height: ROW_HEIGHT }}
              onClick={onSelect ? () => onSelect(row) : undefined}
              {...rowProps?.(row)}
            >
              {columns.map((c) => (
                <div key={c.id} role="cell" className={c.numeric ? 'num' : undefined}>
                  {c.cell(row)}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
