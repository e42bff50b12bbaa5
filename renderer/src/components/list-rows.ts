/** Filtering and sorting for the list tables (`ListTable`): pure, so it is tested without a DOM. */

import { compareNatural } from '../format/natural-compare';

export interface SortState<K extends string> {
  key: K;
  dir: 'asc' | 'desc';
}

export type SortValue = string | number | null;

/** Rows whose text (what `text` returns) contains every word of the filter, case-insensitively. */
export function filterRows<T>(rows: readonly T[], filter: string, text: (row: T) => string): T[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((r) => {
    const hay = text(r).toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Sorted by one column, texts in natural order ("data-2" before "data-10", as the containers list); nulls (unknown
 * sizes) always last; ties by `tieBreak`. */
export function sortRows<T, K extends string>(rows: readonly T[], sort: SortState<K>, value: (row: T, key: K) => SortValue, tieBreak: (row: T) => string): T[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    let c = 0;
    if (typeof x === 'number' && typeof y === 'number') c = x - y;
    else if (x !== null && y !== null) c = compareNatural(String(x), String(y));
    return c !== 0 ? c * sign : compareNatural(tieBreak(a), tieBreak(b));
  });
}

/** The next sort after a click on a column's header: the same column flips, another starts in `firstDir`. */
export function toggleSort<K extends string>(current: SortState<K>, key: K, firstDir: 'asc' | 'desc' = 'asc'): SortState<K> {
  return current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: firstDir };
}

/** The sum of a table's columns' least widths, from their grid tracks: "90px", or the first value of "minmax(200px, 2fr)". */
export function leastWidth(columns: readonly { width: string }[]): number {
  return columns.reduce((sum, c) => sum + Number(/^(?:minmax\()?(\d+)px/.exec(c.width)?.[1] ?? 0), 0);
}
