import type { HostEntry, HostEntryKind } from '../../preload/contract/host';

/** Pure parts of listing a host folder: kind of an entry, order, cap. */

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function isDirKind(kind: HostEntryKind): boolean {
  return kind === 'dir' || kind === 'symlink-dir';
}

/** Folders (and links to folders) first, then by name: natural order ("file2" before "file10"), case-insensitive, ties by code point. */
export function compareEntries(a: Pick<HostEntry, 'name' | 'kind'>, b: Pick<HostEntry, 'name' | 'kind'>): number {
  const da = isDirKind(a.kind);
  const db = isDirKind(b.kind);
  if (da !== db) return da ? -1 : 1;
  return collator.compare(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Sorted and cut at `limit`; `truncated` says whether anything was cut. Does not change its input. */
export function sortAndCap<T extends Pick<HostEntry, 'name' | 'kind'>>(entries: readonly T[], limit: number): { entries: T[]; truncated: boolean } {
  const sorted = [...entries].sort(compareEntries);
  return sorted.length > limit ? { entries: sorted.slice(0, limit), truncated: true } : { entries: sorted, truncated: false };
}

export function isHidden(name: string): boolean {
  return name.startsWith('.');
}
