import type Docker from 'dockerode';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_UPLOAD_CHUNK, type FileDownloadMessage } from '../../preload/contract/container-details';
import { EngineRegistry } from '../engine/registry';
import { detailContainerSpec, eventually, FIXTURE_IMAGE, requireEngine, testDocker, testLabels, uniqueName } from '../test-support/engine';
import { ContainerDetailsService } from './container-details';
import { ContainerFilesService } from './container-details-files';

const docker = testDocker();
const engines = EngineRegistry.fromEnvironment(process.env);
const files = new ContainerFilesService(engines);
const details = new ContainerDetailsService(engines, files);
const created: Docker.Container[] = [];

const SPACED = '/data/dir é x';
const SETUP = [
  'mkdir -p "/data/dir é x"',
  'echo "hello wörld" > "/data/dir é x/fïle 1.txt"',
  'ln -s /etc /data/etclink',
  'ln -s "/data/dir é x" /data/spaced',
  "printf 'ab\\000cd' > /data/blob.bin",
  'dd if=/dev/zero of=/data/big.txt bs=1024 count=1100 2>/dev/null',
  'rm /bin/acpid',
  'touch /data/ready',
].join(' && ');

let main: Docker.Container;
let mainId: string;

async function make(opts: Partial<Docker.ContainerCreateOptions> & { start?: boolean } = {}): Promise<Docker.Container> {
  const { start = true, ...create } = opts;
  const c = await docker.createContainer({
    Image: FIXTURE_IMAGE,
    name: uniqueName('detail'),
    Cmd: ['sleep', '3600'],
    Labels: testLabels(),
    StopTimeout: 1,
    ...create,
    HostConfig: { Init: true, ...create.HostConfig },
  });
  created.push(c);
  if (start) await c.start();
  return c;
}

beforeAll(async () => {
  await requireEngine(docker);
  engines.startAll();
  await eventually(() => expect(engines.get().status.state).toBe('connected'));
  main = await make(detailContainerSpec(SETUP, ['PLAIN=visible', 'DB_PASSWORD=hunter2', 'GITHUB_TOKEN=ghp_x'], { 'com.docker.compose.project': 'demo', 'com.docker.compose.service': 'web', team: 'core' }));
  mainId = main.id;
  await eventually(async () => expect(await files.stat({ id: mainId }, '/data/ready')).not.toBeNull());
});

afterAll(async () => {
  files.close();
  await Promise.all(created.map((c) => c.remove({ force: true, v: true }).catch(() => undefined)));
  await engines.stopAll();
});

describe('inspect', () => {
  it('summarises the container and flags secret env names, leaving the raw JSON untouched', async () => {
    const result = await details.inspect({ id: mainId });
    const o = result.overview;
    expect(o.id).toBe(mainId);
    expect(o.state).toBe('running');
    expect(o.command).toEqual(['sh', '-c', `${SETUP} && sleep 3600`]);
    expect(o.startedAt).toBeGreaterThan(0);
    expect(o.exitCode).toBeNull();
    expect(o.oomKilled).toBe(false);
    expect(o.ports).toEqual([expect.objectContaining({ privatePort: 8080, ip: '127.0.0.1', type: 'tcp', publicPort: expect.any(Number) })]);
    expect(o.mounts).toEqual([expect.objectContaining({ type: 'volume', destination: '/cache', readOnly: false })]);
    expect(o.networks[0]).toMatchObject({ name: 'bridge', ipAddress: expect.stringMatching(/^\d+\.\d+\.\d+\.\d+$/) });
    expect(o.labels['com.docker.compose.service']).toBe('web');
    expect(result.secretEnvNames.sort()).toEqual(['DB_PASSWORD', 'GITHUB_TOKEN']);
    expect((result.raw as { Config: { Env: string[] } }).Config.Env).toContain('DB_PASSWORD=hunter2');
  });

  it('reports the health checks with their output', async () => {
    await eventually(async () => {
      const { overview } = await details.inspect({ id: mainId });
      expect(overview.health?.status).toBe('healthy');
      expect(overview.health?.test).toEqual(['CMD-SHELL', 'echo checked-ok']);
      expect(overview.health?.log.at(-1)).toMatchObject({ exitCode: 0, output: expect.stringContaining('checked-ok') });
    }, 15_000, 200);
  });

  it('gives an exit code once the container exited, and none before it ever ran', async () => {
    const exited = await make({ Cmd: ['sh', '-c', 'exit 3'] });
    await exited.wait();
    const { overview } = await details.inspect({ id: exited.id });
    expect(overview.state).toBe('exited');
    expect(overview.exitCode).toBe(3);
    expect(overview.oomKilled).toBe(false);
    expect(overview.finishedAt).toBeGreaterThan(0);

    const fresh = await make({ start: false });
    expect((await details.inspect({ id: fresh.id })).overview).toMatchObject({ state: 'created', exitCode: null, startedAt: null });
  });

  it('says which container is missing', async () => {
    await expect(details.inspect({ id: 'berth-no-such-container' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('top and changes', () => {
  it('lists the processes of a running container, and says a stopped one has none', async () => {
    const top = await details.top({ id: mainId });
    expect(top.running).toBe(true);
    expect(top.titles).toContain('PID');
    expect(top.processes.some((p) => p.join(' ').includes('sleep 3600'))).toBe(true);

    const stopped = await make({ start: false });
    expect(await details.top({ id: stopped.id })).toEqual({ running: false, titles: [], processes: [] });
  });

  it('groups the writable layer changes', async () => {
    const changes = await details.changes({ id: mainId });
    expect(changes.added).toEqual(expect.arrayContaining(['/data', `${SPACED}/fïle 1.txt`, '/data/big.txt']));
    expect(changes.deleted).toContain('/bin/acpid');
    expect(changes.changed).toContain('/bin');
    expect(changes.truncated).toBe(false);
    expect(changes.total).toBe(changes.added.length + changes.changed.length + changes.deleted.length);
  });
});

describe('files', () => {
  it('lists a folder: names with spaces and accents, symlinks with their target, folders first', async () => {
    const listing = await files.list({ id: mainId, path: '/data' });
    expect(listing.truncated).toBe(false);
    const byName = new Map(listing.entries.map((e) => [e.name, e]));
    expect(listing.entries[0]!.kind).toBe('directory');
    expect(byName.get('dir é x')).toMatchObject({ kind: 'directory', path: SPACED });
    expect(byName.get('etclink')).toMatchObject({ kind: 'symlink', linkTarget: '/etc' });
    expect(byName.get('big.txt')).toMatchObject({ kind: 'file', size: 1100 * 1024, mode: 0o644 });
    expect([...byName.keys()]).not.toContain('fïle 1.txt'); // one level only

    const inner = await files.list({ id: mainId, path: SPACED });
    expect(inner.entries.map((e) => e.name)).toEqual(['fïle 1.txt']);
  });

  it('lists the root and follows a symlinked folder', async () => {
    const root = await files.list({ id: mainId, path: '/' });
    expect(root.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['bin', 'data', 'etc']));
    expect(root.entries.find((e) => e.name === 'bin')?.path).toBe('/bin');

    const viaLink = await files.list({ id: mainId, path: '/data/spaced' });
    expect(viaLink).toMatchObject({ path: SPACED, linkedFrom: '/data/spaced' });
    expect(viaLink.entries.map((e) => e.name)).toEqual(['fïle 1.txt']);
  });

  it('reads text, refuses binary and oversized files, and says what is missing', async () => {
    expect(await files.read({ id: mainId, path: `${SPACED}/fïle 1.txt` })).toEqual({
      kind: 'text',
      path: `${SPACED}/fïle 1.txt`,
      size: 13,
      text: 'hello wörld\n',
    });
    expect(await files.read({ id: mainId, path: '/data/blob.bin' })).toMatchObject({ kind: 'binary', size: 5 });
    expect(await files.read({ id: mainId, path: '/data/big.txt' })).toMatchObject({ kind: 'too-large', size: 1100 * 1024 });
    await expect(files.read({ id: mainId, path: '/data' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(files.read({ id: mainId, path: '/data/nope' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('/data/nope') });
    await expect(files.list({ id: 'berth-no-such-container', path: '/' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/container/i),
    });
  });

  it('works in a container that has never run (no exec, no shell needed)', async () => {
    const fresh = await make({ start: false });
    const listing = await files.list({ id: fresh.id, path: '/bin' });
    expect(listing.entries.find((e) => e.name === 'busybox')).toMatchObject({ kind: 'file' });
    expect(listing.entries.find((e) => e.name === 'sh')).toMatchObject({ kind: 'symlink', linkTarget: '/bin/busybox' });
  });

  it('downloads a file as its bytes and a folder as a tar', async () => {
    const file = await download(`${SPACED}/fïle 1.txt`);
    expect(file.start).toEqual({ type: 'start', fileName: 'fïle 1.txt', kind: 'file', size: 13 });
    expect(Buffer.from(file.bytes).toString('utf8')).toBe('hello wörld\n');

    const folder = await download(SPACED);
    expect(folder.start).toMatchObject({ fileName: 'dir é x.tar', kind: 'folder', size: null });
    expect(await tarNames(folder.bytes)).toEqual(['dir é x/', 'dir é x/fïle 1.txt']);
  });

  it('uploads a file in chunks, refuses to replace it unasked, replaces it when told', async () => {
    const data = Buffer.alloc(FILE_UPLOAD_CHUNK + 1000, 'x');
    await upload('/data', 'up lo å.txt', data, false);
    const listed = (await files.list({ id: mainId, path: '/data' })).entries.find((e) => e.name === 'up lo å.txt');
    expect(listed).toMatchObject({ kind: 'file', size: data.length });

    await expect(upload('/data', 'up lo å.txt', Buffer.from('second'), false)).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { exists: true },
    });
    await upload('/data', 'up lo å.txt', Buffer.from('second'), true);
    expect(await files.read({ id: mainId, path: '/data/up lo å.txt' })).toMatchObject({ kind: 'text', text: 'second' });

    await expect(files.uploadStart({ id: mainId, folder: '/data', name: 'dir é x', size: 1, overwrite: true })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(files.uploadStart({ id: mainId, folder: '/data/nope', name: 'a', size: 1, overwrite: false })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a cancelled upload leaves nothing behind', async () => {
    const { uploadId } = await files.uploadStart({ id: mainId, folder: '/data', name: 'cancelled.txt', size: 10, overwrite: false });
    await files.uploadChunk({ uploadId, data: Buffer.from('12345') });
    await files.uploadCancel({ uploadId });
    await expect(files.uploadChunk({ uploadId, data: Buffer.from('67890') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await files.stat({ id: mainId }, '/data/cancelled.txt')).toBeNull();
  });
});

async function download(path: string): Promise<{ start: FileDownloadMessage; bytes: Uint8Array }> {
  const messages: FileDownloadMessage[] = [];
  await files.download({ id: mainId, path }, (m) => messages.push(m), new AbortController().signal);
  const chunks = messages.flatMap((m) => (m.type === 'chunk' ? [m.data] : []));
  return { start: messages[0]!, bytes: Buffer.concat(chunks) };
}

async function upload(folder: string, name: string, data: Buffer, overwrite: boolean): Promise<void> {
  const { uploadId } = await files.uploadStart({ id: mainId, folder, name, size: data.length, overwrite });
  for (let at = 0; at < data.length; at += FILE_UPLOAD_CHUNK) {
    await files.uploadChunk({ uploadId, data: data.subarray(at, at + FILE_UPLOAD_CHUNK) });
  }
  await files.uploadFinish({ uploadId });
}

async function tarNames(bytes: Uint8Array): Promise<string[]> {
  const names: string[] = [];
  const extract = tar.extract();
  extract.on('entry', (header, body, next) => {
    names.push(header.name);
    body.on('end', () => next());
    body.resume();
  });
  const done = new Promise<void>((resolve) => extract.on('finish', () => resolve()));
  extract.end(Buffer.from(bytes));
  await done;
  return names;
}
