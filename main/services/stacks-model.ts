import path from 'node:path';
import { parse } from 'yaml';

/** What Berth reads from a compose file's text without running compose: pure and unit-tested. */

export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'] as const;

/** The project name compose derives from a folder: lower-cased, only `a-z0-9_-`, starting with a letter or digit. */
export function defaultProjectName(workingDir: string): string {
  const name = path
    .basename(workingDir)
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
  return name || 'default';
}

export interface ComposeOutline {
  services: string[];
  /** Dockerfiles named by `build:` (context + dockerfile, resolved against the project folder). */
  dockerfiles: { service: string; path: string }[];
}

/** Services and Dockerfiles of a compose file; empty while the text does not parse (the editor shows why). */
export function outlineOf(text: string, workingDir: string): ComposeOutline {
  let doc: unknown;
  try {
    doc = parse(text, { strict: false, uniqueKeys: false });
  } catch {
    return { services: [], dockerfiles: [] };
  }
  const services = isRecord(doc) && isRecord(doc.services) ? doc.services : {};
  const dockerfiles: ComposeOutline['dockerfiles'] = [];
  for (const [service, def] of Object.entries(services)) {
    if (!isRecord(def) || def.build === undefined) continue;
    const build = def.build;
    const context = typeof build === 'string' ? build : isRecord(build) && typeof build.context === 'string' ? build.context : '.';
    // A remote context (git URL) or an inline dockerfile has no file to open.
    if (/^[a-z]+:\/\//i.test(context) || context.startsWith('git@')) continue;
    if (isRecord(build) && typeof build.dockerfile_inline === 'string') continue;
    const dockerfile = isRecord(build) && typeof build.dockerfile === 'string' ? build.dockerfile : 'Dockerfile';
    dockerfiles.push({ service, path: path.resolve(workingDir, context, dockerfile) });
  }
  return { services: Object.keys(services), dockerfiles };
}

/** Whether `file` is `dir` or inside it (after resolving `.`/`..`). */
export function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Variables compose warned about: v1 `The FOO variable is not set.`, v2 `The "FOO" variable is not set.` */
export function undefinedVariables(stderr: string): string[] {
  const names = new Set<string>();
  for (const m of stderr.matchAll(/The \\?"?([A-Za-z_][A-Za-z0-9_]*)\\?"? variable is not set/g)) names.add(m[1]!);
  return [...names];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The top-level keys of the Compose Specification (besides `x-` extensions). */
const COMPOSE_TOP_LEVEL = new Set(['version', 'name', 'include', 'services', 'networks', 'volumes', 'configs', 'secrets', 'models']);

/**
 * Why `text` is not a compose file, or null. Opening a stack returns the file's text, so a path that is not a
 * compose file (`/etc/shadow`, a `.env`) is refused rather than read out. Empty text passes (a new file), and so
 * does YAML with a syntax error in a `.yml`/`.yaml` file: that is a compose file being edited, the editor shows
 * the error.
 */
export function notComposeReason(text: string, file: string): string | null {
  let doc: unknown;
  try {
    doc = parse(text, { strict: false, uniqueKeys: false });
  } catch {
    return /\.ya?ml$/i.test(file) ? null : 'it is not YAML';
  }
  if (doc === null || doc === undefined) return null;
  if (!isRecord(doc)) return 'it is not a YAML mapping of compose keys (services, volumes, …)';
  // The keys are not named: the message must not read out a file that is not the user's to read.
  if (Object.keys(doc).some((k) => !COMPOSE_TOP_LEVEL.has(k) && !k.startsWith('x-'))) return 'its top-level keys are not compose keys (services, volumes, …)';
  return null;
}
