import { createHash } from 'node:crypto';
import path from 'node:path';
import type { EngineKind, EngineOrigin } from '../../preload/contract/engine';
import { contextDigest, discoverEndpoints, parseHost, type DiscoveryInput, type DiscoveryResult, type EndpointCandidate, type TlsMaterial } from './discovery';

/**
 * Which engines Berth holds: every endpoint the docker CLI knows (the one it would pick, every context, the usual
 * sockets that exist), merged with what the user added, renamed, disabled or removed in Settings. Pure: the file
 * system comes in through `input`, so discovery and the settings merge are unit-tested.
 */

/** Where an engine's endpoint comes from; resolved again before every connection attempt (files may change). */
export type EngineSource =
  /** The engine the docker CLI would pick: DOCKER_HOST, else the current context, else the default sockets. */
  | { type: 'cli' }
  | { type: 'context'; context: string }
  | { type: 'socket'; socketPath: string; detail: string }
  /** Added by the user as a URL (ssh://, tcp://, unix://), with TLS files for tcp. */
  | { type: 'host'; host: string; tls?: TlsMaterial };

export interface EngineDefinition {
  id: string;
  name: string;
  origin: EngineOrigin;
  source: EngineSource;
  enabled: boolean;
}

/** What Settings keeps under the `engines` key. */
export interface SavedEngines {
  added: { id: string; name: string; enabled: boolean; source: Extract<EngineSource, { type: 'host' | 'context' }> }[];
  /** Changes to discovered engines, by id; `removed` hides one the next discovery would bring back. */
  discovered: Record<string, { name?: string; enabled?: boolean; removed?: boolean }>;
}

export const ENGINE_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const LOCAL_ENGINE_ID = 'local';

export interface EngineListInput extends DiscoveryInput {
  /** Names in a folder (contexts/meta); [] when it does not exist. */
  listDir(dir: string): string[];
  exists(p: string): boolean;
}

const shortHash = (s: string, n: number) => createHash('sha256').update(s).digest('hex').slice(0, n);

/** A URL-safe slug; lossy names get a short hash of the original so two names never share an id. */
export function slugId(prefix: string, name: string): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const room = 63 - prefix.length;
  if (slug && slug === name && slug.length <= room) return `${prefix}${slug}`;
  const hash = shortHash(name, 6);
  const base = slug.slice(0, room - hash.length - 1).replace(/-+$/, '');
  return base ? `${prefix}${base}-${hash}` : `${prefix}${hash}`;
}

export const contextEngineId = (context: string) => slugId('ctx-', context);
/** An added endpoint's id: stable for the same URL (so re-adding after a removal finds its old settings). */
export const addedEngineId = (host: string) => `e-${shortHash(host.trim(), 10)}`;

/** Names of every context under contexts/meta (the folder names are digests; the name is inside). */
export function listContexts(input: EngineListInput): string[] {
  const configDir = input.env.DOCKER_CONFIG || path.join(input.homedir, '.docker');
  const metaDir = path.join(configDir, 'contexts', 'meta');
  const names: string[] = [];
  for (const digest of input.listDir(metaDir)) {
    const raw = input.readFile(path.join(metaDir, digest, 'meta.json'));
    if (!raw) continue;
    try {
      const name = (JSON.parse(raw) as { Name?: unknown }).Name;
      if (typeof name === 'string' && name && contextDigest(name) === digest) names.push(name);
    } catch {
      // an unreadable context is skipped here; the CLI lists it with an error, and Berth cannot connect to it either
    }
  }
  return names.sort((a, b) => a.localeCompare(b));
}

/** The endpoint(s) of a source, as discovery finds them now. */
export function resolveSource(source: EngineSource, input: DiscoveryInput): DiscoveryResult {
  switch (source.type) {
    case 'cli':
      return discoverEndpoints(input);
    case 'context':
      // The docker CLI's rule for one named context, without DOCKER_HOST in the way.
      return discoverEndpoints({ ...input, env: { ...input.env, DOCKER_HOST: undefined, DOCKER_CONTEXT: source.context } });
    case 'socket':
      return { candidates: [{ endpoint: `unix://${source.socketPath}`, source: 'default-socket', sourceDetail: source.detail, transport: { kind: 'unix', socketPath: source.socketPath } }] };
    case 'host': {
      const parsed = parseHost(source.host, source.tls ?? null, 'added', 'added in Settings');
      return 'problem' in parsed ? { candidates: [], problem: parsed.problem } : { candidates: [parsed] };
    }
  }
}

export function kindOf(result: DiscoveryResult): EngineKind | undefined {
  return result.candidates[0]?.transport.kind;
}

const PODMAN_SOCKETS = (input: DiscoveryInput): { id: string; name: string; socketPath: string; detail: string }[] => {
  const list = [{ id: 'podman', name: 'Podman', socketPath: '/run/podman/podman.sock', detail: 'Podman system socket' }];
  if (input.env.XDG_RUNTIME_DIR) list.unshift({ id: 'podman-user', name: 'Podman (rootless)', socketPath: path.join(input.env.XDG_RUNTIME_DIR, 'podman/podman.sock'), detail: 'Podman rootless socket' });
  return list;
};

/**
 * The engines found on this machine. `local` is the one the docker CLI would use, so everything that worked with
 * one engine keeps working. Every other context and every Podman socket that exists is an engine of its own, and
 * when DOCKER_HOST or a context points elsewhere, so is the default Docker socket. Two sources with the same
 * endpoint are one engine (the first found keeps it).
 */
export function discoverEngines(input: EngineListInput): EngineDefinition[] {
  const local = discoverEndpoints(input);
  const first = local.candidates[0];
  const defaultMode = !input.env.DOCKER_HOST?.trim() && local.candidates.length > 1;
  const podman = PODMAN_SOCKETS(input).filter((p) => input.exists(p.socketPath));
  const seen = new Set<string>();
  if (defaultMode) {
    // Podman sockets that exist are engines of their own, so `local` keeps to Docker's sockets.
    for (const c of local.candidates) if (!podman.some((p) => c.endpoint === `unix://${p.socketPath}`)) seen.add(c.endpoint);
  } else if (first) seen.add(first.endpoint);
  const localOrigin: EngineOrigin = first?.source ?? (input.env.DOCKER_HOST?.trim() ? 'DOCKER_HOST' : 'default-socket');
  const currentContext = first?.source === 'context' ? /^context "(.*)"$/.exec(first.sourceDetail)?.[1] : undefined;
  const out: EngineDefinition[] = [{ id: LOCAL_ENGINE_ID, name: localName(local), origin: localOrigin, source: { type: 'cli' }, enabled: true }];

  for (const context of listContexts(input)) {
    if (context === currentContext) continue;
    const found = resolveSource({ type: 'context', context }, input);
    const endpoint = found.candidates[0]?.endpoint;
    if (endpoint && seen.has(endpoint)) continue;
    if (endpoint) seen.add(endpoint);
    out.push({ id: contextEngineId(context), name: context, origin: 'context', source: { type: 'context', context }, enabled: true });
  }
  const sockets = [...(defaultMode || input.platform === 'win32' ? [] : [{ id: 'docker-socket', name: 'Docker (default socket)', socketPath: '/var/run/docker.sock', detail: 'Docker default socket' }]), ...podman];
  for (const s of sockets) {
    const endpoint = `unix://${s.socketPath}`;
    if (seen.has(endpoint) || !input.exists(s.socketPath)) continue;
    seen.add(endpoint);
    out.push({ id: s.id, name: s.name, origin: 'default-socket', source: { type: 'socket', socketPath: s.socketPath, detail: s.detail }, enabled: true });
  }
  return out;
}

/** The candidates `local` tries: the CLI's, minus Podman sockets that are engines of their own. */
export function localCandidates(result: DiscoveryResult, others: EngineDefinition[]): DiscoveryResult {
  const taken = new Set(others.flatMap((d) => (d.source.type === 'socket' ? [`unix://${d.source.socketPath}`] : [])));
  if (result.candidates.length <= 1) return result;
  return { ...result, candidates: result.candidates.filter((c: EndpointCandidate) => !taken.has(c.endpoint)) };
}

function localName(found: DiscoveryResult): string {
  const c = found.candidates[0];
  if (c?.source === 'context') return /^context "(.*)"$/.exec(c.sourceDetail)?.[1] ?? 'Local';
  if (!c || c.source === 'default-socket' || c.transport.kind === 'unix' || c.transport.kind === 'npipe') return 'Local';
  return c.endpoint.replace(/ \(TLS\)$/, '');
}

/** Discovered engines with the user's changes, then the engines the user added. */
export function mergeEngines(discovered: EngineDefinition[], saved: SavedEngines): EngineDefinition[] {
  const out: EngineDefinition[] = [];
  const ids = new Set<string>();
  for (const d of discovered) {
    const change = saved.discovered[d.id];
    if (change?.removed) continue;
    ids.add(d.id);
    out.push({ ...d, ...(change?.name ? { name: change.name } : {}), ...(change?.enabled === false ? { enabled: false } : {}) });
  }
  for (const a of saved.added) {
    if (ids.has(a.id) || !ENGINE_ID.test(a.id)) continue;
    ids.add(a.id);
    out.push({ id: a.id, name: a.name, origin: 'added', source: a.source, enabled: a.enabled });
  }
  return out;
}

/** Reads the `engines` settings value, dropping anything malformed (a hand-edited file never stops Berth). */
export function readSavedEngines(value: unknown): SavedEngines {
  const out: SavedEngines = { added: [], discovered: {} };
  if (!value || typeof value !== 'object') return out;
  const v = value as { added?: unknown; discovered?: unknown };
  if (Array.isArray(v.added)) {
    for (const a of v.added as Record<string, unknown>[]) {
      if (!a || typeof a.id !== 'string' || !ENGINE_ID.test(a.id) || typeof a.name !== 'string') continue;
      const s = a.source as Record<string, unknown> | undefined;
      let source: SavedEngines['added'][number]['source'] | null = null;
      if (s?.type === 'context' && typeof s.context === 'string') source = { type: 'context', context: s.context };
      else if (s?.type === 'host' && typeof s.host === 'string') {
        const t = s.tls as Record<string, unknown> | undefined;
        const str = (x: unknown) => (typeof x === 'string' && x ? x : undefined);
        const tls: TlsMaterial | undefined = t && typeof t === 'object' ? { verify: t.verify !== false, ...(str(t.ca) ? { ca: str(t.ca) } : {}), ...(str(t.cert) ? { cert: str(t.cert) } : {}), ...(str(t.key) ? { key: str(t.key) } : {}) } : undefined;
        source = { type: 'host', host: s.host, ...(tls ? { tls } : {}) };
      }
      if (source) out.added.push({ id: a.id, name: a.name, enabled: a.enabled !== false, source });
    }
  }
  if (v.discovered && typeof v.discovered === 'object') {
    for (const [id, c] of Object.entries(v.discovered as Record<string, Record<string, unknown>>)) {
      if (!ENGINE_ID.test(id) || !c || typeof c !== 'object') continue;
      out.discovered[id] = {
        ...(typeof c.name === 'string' && c.name ? { name: c.name } : {}),
        ...(typeof c.enabled === 'boolean' ? { enabled: c.enabled } : {}),
        ...(c.removed === true ? { removed: true } : {}),
      };
    }
  }
  return out;
}
