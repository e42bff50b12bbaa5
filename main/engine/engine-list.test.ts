import { describe, expect, it } from 'vitest';
import { contextDigest } from './discovery';
import {
  addedEngineId,
  contextEngineId,
  discoverEngines,
  ENGINE_ID,
  listContexts,
  localCandidates,
  mergeEngines,
  readSavedEngines,
  resolveSource,
  slugId,
  type EngineListInput,
} from './engine-list';

const HOME = '/home/ada';
const CONFIG = `${HOME}/.docker`;
const metaPath = (name: string) => `${CONFIG}/contexts/meta/${contextDigest(name)}/meta.json`;
const meta = (name: string, host: string) => JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } });

function world(opts: { env?: Record<string, string | undefined>; contexts?: Record<string, string>; sockets?: string[]; files?: Record<string, string> } = {}): EngineListInput {
  const files: Record<string, string> = { ...opts.files };
  for (const [name, host] of Object.entries(opts.contexts ?? {})) files[metaPath(name)] = meta(name, host);
  const sockets = new Set(opts.sockets ?? []);
  return {
    env: opts.env ?? {},
    homedir: HOME,
    platform: 'linux',
    readFile: (p) => (Object.hasOwn(files, p) ? files[p]! : null),
    listDir: (d) => (d === `${CONFIG}/contexts/meta` ? Object.keys(opts.contexts ?? {}).map(contextDigest) : []),
    exists: (p) => sockets.has(p) || Object.hasOwn(files, p),
  };
}
const ids = (input: EngineListInput) => discoverEngines(input).map((d) => d.id);

describe('engine ids', () => {
  it('are URL-safe slugs; a name that is already one is kept as is', () => {
    expect(contextEngineId('berth-world-tls')).toBe('ctx-berth-world-tls');
    expect(contextEngineId('colima')).toBe('ctx-colima');
    for (const name of ['My Context', 'prod_eu.1', 'Ünïcode', '---', 'x'.repeat(200), 'a+b']) {
      expect(contextEngineId(name)).toMatch(ENGINE_ID);
    }
  });

  it('lossy names get a hash, so two names never share an id and the id is stable', () => {
    expect(contextEngineId('Prod')).not.toBe(contextEngineId('prod'));
    expect(contextEngineId('a b')).not.toBe(contextEngineId('a-b'));
    expect(contextEngineId('My Context')).toBe(contextEngineId('My Context'));
    expect(contextEngineId('My Context')).toMatch(/^ctx-my-context-[0-9a-f]{6}$/);
    expect(slugId('ctx-', '!!!')).toMatch(/^ctx-[0-9a-f]{6}$/);
  });

  it('an added endpoint has a stable e-<hash> id', () => {
    expect(addedEngineId('ssh://me@box')).toMatch(/^e-[0-9a-f]{10}$/);
    expect(addedEngineId('ssh://me@box')).toBe(addedEngineId(' ssh://me@box '));
    expect(addedEngineId('ssh://me@box')).not.toBe(addedEngineId('ssh://me@box:2222'));
  });
});

describe('discoverEngines', () => {
  it('lists every context, not only the current one, each as an engine of its own beside local', () => {
    const input = world({ env: { DOCKER_HOST: 'unix:///var/run/docker.sock' }, contexts: { 'berth-world-tls': 'tcp://127.0.0.1:2376', 'berth-world-ssh': 'ssh://berth-world-ssh' } });
    expect(listContexts(input)).toEqual(['berth-world-ssh', 'berth-world-tls']);
    const engines = discoverEngines(input);
    expect(engines.map((e) => [e.id, e.name, e.origin])).toEqual([
      ['local', 'Local', 'DOCKER_HOST'],
      ['ctx-berth-world-ssh', 'berth-world-ssh', 'context'],
      ['ctx-berth-world-tls', 'berth-world-tls', 'context'],
    ]);
    expect(resolveSource(engines[1]!.source, input).candidates[0]?.endpoint).toBe('ssh://berth-world-ssh');
  });

  it('the current context is local (named after it), not listed twice', () => {
    const input = world({ env: { DOCKER_CONTEXT: 'colima' }, contexts: { colima: 'unix:///home/ada/.colima/docker.sock', remote: 'ssh://me@box' } });
    const engines = discoverEngines(input);
    expect(engines.map((e) => e.id)).toEqual(['local', 'ctx-remote']);
    expect(engines[0]).toMatchObject({ name: 'colima', origin: 'context' });
  });

  it('two sources with the same endpoint are one engine (DOCKER_HOST and a context naming it)', () => {
    const input = world({ env: { DOCKER_HOST: 'tcp://10.0.0.5:2375' }, contexts: { same: 'tcp://10.0.0.5:2375', other: 'tcp://10.0.0.6:2375' } });
    expect(ids(input)).toEqual(['local', 'ctx-other']);
  });

  it('a context whose folder name is not the digest of its name, or that is not JSON, is skipped', () => {
    const input = world({ contexts: { good: 'ssh://a@b' }, files: {} });
    const listDir = input.listDir;
    input.listDir = (d) => [...listDir(d), 'deadbeef', contextDigest('broken')];
    const read = input.readFile;
    input.readFile = (p) => (p.includes('deadbeef') ? meta('liar', 'ssh://x') : p === metaPath('broken') ? '{not json' : read(p));
    expect(listContexts(input)).toEqual(['good']);
  });

  it('Podman sockets that exist are engines of their own, and local keeps to Docker’s sockets', () => {
    const input = world({ env: { XDG_RUNTIME_DIR: '/run/user/1000' }, sockets: ['/var/run/docker.sock', '/run/podman/podman.sock', '/run/user/1000/podman/podman.sock'] });
    const engines = discoverEngines(input);
    expect(engines.map((e) => [e.id, e.origin])).toEqual([
      ['local', 'default-socket'],
      ['podman-user', 'default-socket'],
      ['podman', 'default-socket'],
    ]);
    const local = localCandidates(resolveSource({ type: 'cli' }, input), engines);
    expect(local.candidates.map((c) => c.endpoint)).toEqual(['unix:///var/run/docker.sock', `unix://${HOME}/.docker/run/docker.sock`]);
  });

  it('Podman sockets that do not exist are not listed (no unreachable engine on every Docker-only machine)', () => {
    expect(ids(world({ sockets: ['/var/run/docker.sock'] }))).toEqual(['local']);
  });

  it('with DOCKER_HOST elsewhere, the default Docker socket (when it exists) is an engine too', () => {
    expect(ids(world({ env: { DOCKER_HOST: 'ssh://me@box' }, sockets: ['/var/run/docker.sock'] }))).toEqual(['local', 'docker-socket']);
    expect(ids(world({ env: { DOCKER_HOST: 'unix:///var/run/docker.sock' }, sockets: ['/var/run/docker.sock'] }))).toEqual(['local']);
  });
});

describe('settings merge', () => {
  const discovered = discoverEngines(world({ env: { DOCKER_HOST: 'unix:///var/run/docker.sock' }, contexts: { a: 'ssh://a@h', b: 'tcp://h:2376' } }));

  it('no settings → what was discovered, enabled', () => {
    const merged = mergeEngines(discovered, readSavedEngines(undefined));
    expect(merged.map((e) => [e.id, e.enabled])).toEqual([
      ['local', true],
      ['ctx-a', true],
      ['ctx-b', true],
    ]);
  });

  it('renames and disables apply to discovered engines; removed ones stay hidden; added ones follow', () => {
    const saved = readSavedEngines({
      discovered: { 'ctx-a': { name: 'Build box', enabled: false }, 'ctx-b': { removed: true } },
      added: [{ id: 'e-0123456789', name: 'NAS', enabled: true, source: { type: 'host', host: 'ssh://me@nas', tls: undefined } }],
    });
    const merged = mergeEngines(discovered, saved);
    expect(merged.map((e) => [e.id, e.name, e.enabled, e.origin])).toEqual([
      ['local', 'Local', true, 'DOCKER_HOST'],
      ['ctx-a', 'Build box', false, 'context'],
      ['e-0123456789', 'NAS', true, 'added'],
    ]);
  });

  it('a hand-edited file with junk loses the junk, not the rest', () => {
    const saved = readSavedEngines({
      added: [
        { id: 'BAD ID', name: 'x', source: { type: 'host', host: 'ssh://x' } },
        { id: 'e-1', name: 'no source' },
        { id: 'e-2', name: 'tls', source: { type: 'host', host: 'tcp://h:2376', tls: { ca: '/c/ca.pem', cert: 7, verify: 'yes' } } },
        null,
      ],
      discovered: { local: { enabled: 'no', name: '' }, 'Not An Id': { removed: true } },
    });
    expect(saved.added).toEqual([{ id: 'e-2', name: 'tls', enabled: true, source: { type: 'host', host: 'tcp://h:2376', tls: { verify: true, ca: '/c/ca.pem' } } }]);
    expect(saved.discovered).toEqual({ local: {} });
    expect(readSavedEngines('nonsense')).toEqual({ added: [], discovered: {} });
  });

  it('an added engine whose id a discovered one already has is not listed twice', () => {
    const saved = readSavedEngines({ added: [{ id: 'ctx-a', name: 'dup', enabled: true, source: { type: 'context', context: 'a' } }] });
    expect(mergeEngines(discovered, saved).filter((e) => e.id === 'ctx-a')).toHaveLength(1);
  });
});
