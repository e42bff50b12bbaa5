import type { FileKind } from '../../../../../preload/contract';
import { countOf } from '../../../format/count';
import { formatLocalDateTime } from '../../../format/relative-time';
import { compareNatural } from '../../../format/natural-compare';

/** "3 d 4 h", "2 h 5 min", "45 s": how long a container has been up. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86_400);
  const h = Math.floor((s % 86_400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  if (d > 0) return h > 0 ? `${d} d ${h} h` : `${d} d`;
  if (h > 0) return m > 0 ? `${h} h ${m} min` : `${h} h`;
  if (m > 0) return `${m} min`;
  return `${s} s`;
}

export function formatDateTime(ms: number | null): string {
  if (ms === null || ms <= 0) return '—';
  return formatLocalDateTime(ms);
}

const COMPOSE_PREFIX = 'com.docker.compose.';

/** Labels split into compose's own (prefix dropped, e.g. `project`) and the rest, each sorted by key. */
export function groupLabels(labels: Record<string, string>): { compose: [string, string][]; other: [string, string][] } {
  const compose: [string, string][] = [];
  const other: [string, string][] = [];
  for (const [k, v] of Object.entries(labels).sort(([a], [b]) => compareNatural(a, b))) {
    if (k.startsWith(COMPOSE_PREFIX)) compose.push([k.slice(COMPOSE_PREFIX.length), v]);
    else other.push([k, v]);
  }
  return { compose, other };
}

/** `ls -l`'s mode column: `drwxr-xr-x`, `lrwxrwxrwx`, `-rwsr-xr-x`. */
export function modeString(kind: FileKind, mode: number): string {
  const type = kind === 'directory' ? 'd' : kind === 'symlink' ? 'l' : kind === 'other' ? '?' : '-';
  const rwx = (bits: number, special: boolean, specialChar: string) =>
    `${bits & 4 ? 'r' : '-'}${bits & 2 ? 'w' : '-'}${special ? (bits & 1 ? specialChar : specialChar.toUpperCase()) : bits & 1 ? 'x' : '-'}`;
  return (
    type +
    rwx((mode >> 6) & 7, (mode & 0o4000) !== 0, 's') +
    rwx((mode >> 3) & 7, (mode & 0o2000) !== 0, 's') +
    rwx(mode & 7, (mode & 0o1000) !== 0, 't')
  );
}

/** The breadcrumb of a container path: `/`, then each folder on the way. */
export function breadcrumbs(path: string): { label: string; path: string }[] {
  const parts = path.split('/').filter(Boolean);
  return [{ label: '/', path: '/' }, ...parts.map((label, i) => ({ label, path: `/${parts.slice(0, i + 1).join('/')}` }))];
}

export function joinPath(folder: string, name: string): string {
  return folder === '/' ? `/${name}` : `${folder}/${name}`;
}

export function parentPath(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** The Changes tab's summary of `docker diff`: how many paths differ, with a verb that agrees ("1 path differs"). */
export function changesSummary(total: number): string {
  if (total === 0) return 'No changes: the container’s filesystem is exactly its image.';
  const [verb, pronoun] = total === 1 ? ['differs', 'It lives'] : ['differ', 'They live'];
  return `${countOf(total, 'path')} ${verb} from the image. ${pronoun} in the writable layer, which is lost when the container is removed.`;
}

/** Above a list cut short by main: "Showing the first 1000 of 1500 paths." */
export function changesTruncated(shown: number, total: number): string {
  return `Showing the first ${shown} of ${countOf(total, 'path')}.`;
}
