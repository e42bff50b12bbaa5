import { splitKeyValue } from '../../../../preload/contract/key-value';

/** Values the volume and network forms compute from what was typed: pure, tested without a DOM. */

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
    const { key, value } = splitKeyValue(line);
    if (!key || value === null) return { pairs, error: `Line ${i + 1}: write key=value.` };
    pairs[key.trim()] = value.trim();
  }
  return { pairs, error: null };
}
