import { parse } from 'yaml';

/** The first compose release with `docker compose watch` as a command of its own (2.17–2.21 had it as `alpha watch`). */
export const WATCH_MIN_VERSION = '2.22.0';

function versionParts(v: string): [number, number, number] | null {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(v.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}

/** Whether this compose CLI has `watch`, and when not, why, for a person. Pure. */
export function watchSupportOf(cli: { kind: 'v1' | 'v2' | null; version: string | null; problem?: string | null }): { supported: boolean; reason: string | null } {
  const needed = `Compose watch needs Docker Compose v${WATCH_MIN_VERSION} or later`;
  if (!cli.kind || !cli.version) return { supported: false, reason: `${needed}; no compose CLI was found${cli.problem ? ` (${cli.problem})` : ''}.` };
  if (cli.kind === 'v1') return { supported: false, reason: `${needed}; this engine's stacks run docker-compose ${cli.version} (v1), which has no watch (and refuses a file with a develop section).` };
  const have = versionParts(cli.version);
  const min = versionParts(WATCH_MIN_VERSION)!;
  if (!have) return { supported: false, reason: `${needed}; the compose version "${cli.version}" could not be read.` };
  for (let i = 0; i < 3; i++) {
    if (have[i]! > min[i]!) break;
    if (have[i]! < min[i]!) return { supported: false, reason: `${needed}; this is Docker Compose ${cli.version}.` };
  }
  return { supported: true, reason: null };
}

const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Services of a compose file with a non-empty `develop.watch` list; none while the text does not parse. Pure. */
export function watchedServicesOf(text: string): string[] {
  let doc: unknown;
  try {
    doc = parse(text, { strict: false, uniqueKeys: false });
  } catch {
    return [];
  }
  if (!isRecord(doc) || !isRecord(doc.services)) return [];
  return Object.entries(doc.services)
    .filter(([, def]) => isRecord(def) && isRecord(def.develop) && Array.isArray(def.develop.watch) && def.develop.watch.length > 0)
    .map(([name]) => name);
}

/**
 * A line of `compose watch` output as the page shows it: without the terminal control sequences compose writes
 * even with `--ansi never` (each status line starts with an erase-line, ESC [2K), trailing space trimmed.
 */
export function cleanWatchLine(raw: string): string {
  // eslint-disable-next-line no-control-regex
  return raw.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/\r/g, '').trimEnd();
}

/** compose says so once its watchers are set up ("Watch enabled" in 2.22+; "watching [paths]" in some releases). */
export function isWatchingLine(line: string): boolean {
  return /^\s*(Watch enabled|watching\b)/i.test(line);
}
