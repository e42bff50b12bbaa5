import { splitKeyValue } from '../../../../../preload/contract/key-value';

/**
 * Parses a pasted `.env` block into variables, the way compose reads env files: `KEY=value` per line, `#` comments
 * and blank lines skipped, an optional `export ` prefix, values in single quotes taken literally, in double quotes
 * with `\n` `\t` `\"` `\\` escapes, unquoted values trimmed with a trailing ` # comment` removed. A line with no `=`
 * is a variable with an empty value.
 */
export function parseDotEnv(text: string): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const body = line.replace(/^export\s+/, '');
    const pair = splitKeyValue(body, '');
    const key = pair.key.trim();
    if (!key || /\s/.test(key)) continue;
    let value = pair.value.trim();
    if (value.startsWith("'") && value.lastIndexOf("'") > 0) {
      value = value.slice(1, value.lastIndexOf("'"));
    } else if (value.startsWith('"') && value.lastIndexOf('"') > 0) {
      value = value
        .slice(1, value.lastIndexOf('"'))
        .replace(/\\([nt"\\])/g, (_, c: string) => ({ n: '\n', t: '\t', '"': '"', '\\': '\\' })[c] ?? c);
    } else {
      value = value.replace(/\s+#.*$/, '');
    }
    out.push({ key, value });
  }
  return out;
}

/** Adds parsed variables to existing rows: a name already present gets the new value, new names are appended. */
export function mergeEnv<T extends { key: string; value: string }>(rows: readonly T[], added: readonly { key: string; value: string }[], make: (v: { key: string; value: string }) => T): T[] {
  const next = rows.filter((r) => r.key !== '' || r.value !== '');
  for (const v of added) {
    const i = next.findIndex((r) => r.key === v.key);
    if (i >= 0) next[i] = { ...next[i]!, value: v.value };
    else next.push(make(v));
  }
  return next;
}
