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
