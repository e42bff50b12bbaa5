/**
 * `KEY=value` text split at its first `=`: env entries, labels, mount fields, `.env` lines, `--flag=value` words.
 * Pure and zod-free, so main and the renderer share it.
 */

/** The key and the value after the first `=`; with no `=`, the whole text is the key and the value is `missing`. */
export function splitKeyValue(text: string): { key: string; value: string | null };
export function splitKeyValue(text: string, missing: string): { key: string; value: string };
export function splitKeyValue(text: string, missing: string | null = null): { key: string; value: string | null } {
  const eq = text.indexOf('=');
  return eq < 0 ? { key: text, value: missing } : { key: text.slice(0, eq), value: text.slice(eq + 1) };
}
