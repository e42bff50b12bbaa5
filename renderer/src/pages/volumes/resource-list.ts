/** Filtering and sorting for the resource tables (volumes, networks): pure, so it is tested without a DOM. */

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

/** Sorted by one column; nulls (unknown sizes) always last; ties by `tieBreak`. */
export function sortRows<T, K extends string>(rows: readonly T[], sort: SortState<K>, value: (row: T, key: K) => SortValue, tieBreak: (row: T) => string): T[] {
  const sign = sort.dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a, sort.key);
    const y = value(b, sort.key);
    if (x === null && y !== null) return 1;
    if (y === null && x !== null) return -1;
    let c = 0;
    if (typeof x === 'number' && typeof y === 'number') c = x - y;
    else if (x !== null && y !== null) c = String(x).localeCompare(String(y));
    return c !== 0 ? c * sign : tieBreak(a).localeCompare(tieBreak(b));
  });
}

export function toggleSort<K extends string>(current: SortState<K>, key: K): SortState<K> {
  return current.key === key ? { key, dir: current.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' };
}

/** "berth-data-2025-01-31.tar.gz": a backup file name for a volume and a date. */
export function backupFileName(volume: string, now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}`;
  return `${volume}-${stamp}.tar.gz`;
}

/** Parses "key=value" lines (labels, driver options); blank lines ignored; an error names the bad line. */
export function parsePairs(text: string): { pairs: Record<string, string>; error: string | null } {
  const pairs: Record<string, string> = {};
  for (const [i, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { pairs, error: `Line ${i + 1}: write key=value.` };
    pairs[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { pairs, error: null };
}
