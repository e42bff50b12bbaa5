import http from 'node:http';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import { decode, encode, ExtData } from '@msgpack/msgpack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthApi, ContainerSummary, ContainersMessage, EngineStatus } from '../../preload/contract';
import { createBackend, type Backend } from '../backend';
import { createTestContainer, eventually, requireEngine, testDocker, uniqueName } from '../test-support/engine';
import { connectWebClient } from '../test-support/ws-client';
import { startWebServer, type WebServer } from './websocket';
import { FILE_UPLOAD_CHUNK } from '../../preload/contract/container-details';
import { STACK_FILE_MAX_BYTES } from '../../preload/contract/limits';
import { tempDir } from '../test-support/temp';
import { JSON_TEXT_EXT, PACKED_EXT } from '../../preload/contract/wire';
import type { StatsSample, StatsUpdate } from '../../preload/contract/stats';
import { decodeServerFrame } from '../../preload/contract/wire-decode';

const docker = testDocker();
let backend: Backend;
let server: WebServer;
let api: BerthApi;
let closeClient: () => void;
let staticDir = '';

beforeAll(async () => {
  await requireEngine(docker);
  staticDir = tempDir('berth-static-');
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Berth</title>');
  backend = await createBackend();
  server = await startWebServer({ router: backend.router, staticDir, port: 0 });
  const client = await connectWebClient(`ws://127.0.0.1:${server.port}/rpc?token=${server.token}`);
  api = client.api;
  closeClient = client.close;
  await eventually(() => expect(backend.engines.get().status.state).toBe('connected'));
});

afterAll(async () => {
  rmSync(staticDir, { recursive: true, force: true });
  closeClient?.();
  await server?.close();
  await backend?.close();
});

/** Mirrors what the renderer's store does with containers.watch. */
function watchContainers() {
  const byId = new Map<string, ContainerSummary>();
  let snapshots = 0;
  const unsubscribe = api.containers.watch(
    {},
    {
      next(m: ContainersMessage) {
        if (m.type === 'snapshot') {
          snapshots++;
          byId.clear();
          for (const c of m.containers) byId.set(c.id, c);
        } else {
          for (const c of m.upserts) byId.set(c.id, c);
          for (const id of m.removes) byId.delete(id);
        }
      },
    },
  );
  return { byId, unsubscribe, snapshots: () => snapshots };
}

describe('web mode: the contract over one WebSocket against the real engine', () => {
  it('sends the containers list as JSON text in its frame, and the engines as MessagePack', async () => {
    const raw = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` });
    const frames: Buffer[] = [];
    raw.on('message', (d: Buffer) => frames.push(d));
    await new Promise((resolve, reject) => raw.once('open', resolve).once('error', reject));
    raw.send(encode({ t: 'sub', id: 1, path: 'containers.watch', input: {} }));
    raw.send(encode({ t: 'sub', id: 2, path: 'engine.watch', input: {} }));
    const first = (id: number) => frames.map((f) => decode(f) as { t: string; id: number; value: unknown }).find((m) => m.t === 'next' && m.id === id);
    await eventually(() => expect(first(1) && first(2)).toBeTruthy());
    raw.close();
    const containers = first(1)!.value as ExtData;
    expect(containers).toBeInstanceOf(ExtData);
    expect(containers.type).toBe(JSON_TEXT_EXT);
    const snapshot = JSON.parse(Buffer.from(containers.data as Uint8Array).toString('utf8')) as ContainersMessage;
    expect(snapshot).toMatchObject({ type: 'snapshot', engineId: 'local' });
    // What every client reads: the same object either way.
    const decoded = frames.map((f) => decodeServerFrame(f)).find((m) => m.t === 'next' && m.id === 1) as { value: unknown };
    expect(decoded.value).toEqual(snapshot);
    expect(Array.isArray(first(2)!.value)).toBe(true);
  });

  it('sends stats rounds packed (ids by their place in the input), which the client reads back as readings', async () => {
    const c = await createTestContainer(docker, { name: uniqueName('ws-stats'), start: true });
    const input = { containerIds: [c.id] };
    const raw = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=${server.token}`, { origin: `http://127.0.0.1:${server.port}` });
    const frames: Buffer[] = [];
    raw.on('message', (d: Buffer) => frames.push(d));
    await new Promise((resolve, reject) => raw.once('open', resolve).once('error', reject));
    raw.send(encode({ t: 'sub', id: 1, path: 'stats.watch', input }));
    const got: StatsUpdate[] = [];
    const off = api.stats.watch(input, { next: (u) => got.push(...u) });
    try {
      await eventually(() => expect(frames.length).toBeGreaterThan(0), 15_000);
      const first = decode(frames[0]!) as { t: string; value: ExtData };
      expect(first.t).toBe('next');
      expect(first.value).toBeInstanceOf(ExtData);
      expect(first.value.type).toBe(PACKED_EXT);
      // The frame names the container by its place (0), not by its 64-character id.
      expect(Buffer.from(first.value.data as Uint8Array).includes(Buffer.from(c.id))).toBe(false);
      await eventually(() => expect(got.filter((u): u is StatsSample => !u.stopped && u.cpuPercent !== null).length).toBeGreaterThan(0), 15_000);
      const sample = got.find((u): u is StatsSample => !u.stopped)!;
      expect(sample.containerId).toBe(c.id);
      expect(sample.memory.usage).toBeGreaterThan(0);
      expect(sample.memory.limit).toBeGreaterThanOrEqual(sample.memory.usage);
      expect(sample.pids).toBeGreaterThanOrEqual(1); // no fullIds: every reading carries the counters
    } finally {
      off();
      raw.close();
    }
  });

  it('streams the engine status with its info', async () => {
    const statuses: EngineStatus[][] = [];
    const off = api.engine.watch({}, { next: (s) => statuses.push(s) });
    await eventually(() => expect(statuses.at(-1)?.[0]?.state).toBe('connected'));
    expect(statuses.at(-1)?.[0]?.info?.product).toBe('Docker Engine');
    off();
  });

  it('a container created, stopped and removed outside the app shows up live, without polling', async () => {
    const watch = watchContainers();
    await eventually(() => expect(watch.snapshots()).toBe(1));
    const name = uniqueName('live');
    const c = await createTestContainer(docker, { name, start: true, ports: [80] });
    const seen = await eventually(() => {
      const row = watch.byId.get(c.id);
      expect(row?.state).toBe('running');
      return row!;
    });
    expect(seen.name).toBe(name);
    expect(seen.image).toBe('berth-fixture/busybox:latest');
    expect(seen.ports).toEqual([expect.objectContaining({ privatePort: 80, type: 'tcp', ip: '127.0.0.1' })]);
    expect(seen.ports[0]!.publicPort).toBeGreaterThan(0);

    await c.stop({ t: 0 });
    await eventually(() => expect(watch.byId.get(c.id)?.state).toBe('exited'));
    await c.remove();
    await eventually(() => expect(watch.byId.has(c.id)).toBe(false));
    expect(watch.snapshots()).toBe(1); // deltas, not re-lists
    watch.unsubscribe();
  });

  it('a pause and unpause made outside the app show up (the engine sends these events before its list agrees)', async () => {
    const watch = watchContainers();
    const c = await createTestContainer(docker, { start: true });
    await eventually(() => expect(watch.byId.get(c.id)?.state).toBe('running'));
    await c.pause();
    await eventually(() => expect(watch.byId.get(c.id)?.state).toBe('paused'), 3000);
    await c.unpause();
    await eventually(() => expect(watch.byId.get(c.id)?.state).toBe('running'), 3000);
    watch.unsubscribe();
  });

  it('start, stop and restart through the contract change the engine', async () => {
    const c = await createTestContainer(docker);
    await api.containers.start({ id: c.id });
    expect((await c.inspect()).State.Running).toBe(true);
    await api.containers.stop({ id: c.id, timeoutSeconds: 0 });
    expect((await c.inspect()).State.Running).toBe(false);
    await api.containers.stop({ id: c.id }); // already stopped: not an error
    await api.containers.restart({ id: c.id, timeoutSeconds: 0 });
    expect((await c.inspect()).State.Running).toBe(true);
  });

  it('plans a removal, then removes with force and anonymous volumes', async () => {
    const name = uniqueName('rm');
    const container = await docker.createContainer({
      Image: 'berth-fixture/busybox:latest',
      name,
      Cmd: ['sleep', '3600'],
      Labels: { 'berth.test': process.env.BERTH_TEST_RUN_ID ?? '' },
      Volumes: { '/data': {} },
    });
    await container.start();
    const plan = await api.containers.planRemoval({ id: name });
    expect(plan.container.name).toBe(name);
    expect(plan.running).toBe(true);
    expect(plan.anonymousVolumes).toHaveLength(1);
    const volume = plan.anonymousVolumes[0]!;
    await api.containers.remove({ id: name, force: true, removeVolumes: true });
    await expect(container.inspect()).rejects.toMatchObject({ statusCode: 404 });
    await expect(docker.getVolume(volume).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('acting on a container removed behind the list says NOT_FOUND in words, and the list corrects itself', async () => {
    const watch = watchContainers();
    const c = await createTestContainer(docker);
    await eventually(() => expect(watch.byId.has(c.id)).toBe(true));
    await c.remove({ force: true });
    await expect(api.containers.start({ id: c.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/no longer exists/),
    });
    await eventually(() => expect(watch.byId.has(c.id)).toBe(false));
    watch.unsubscribe();
  });

  it('refuses bad input with INVALID_INPUT and keeps serving', async () => {
    const bad = [
      { id: 42 },
      { id: 'ok', unknownField: true },
      { id: 'a'.repeat(10_000) },
      { id: 'x; rm -rf /' },
      { id: 'abc', timeoutSeconds: -1 },
    ];
    for (const input of bad) {
      await expect(api.containers.stop(input as never)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    await expect((api.containers.list as (i: unknown) => Promise<unknown>)('not an object')).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(Array.isArray(await api.containers.list({}))).toBe(true);
  });

  it('one limit per kind of payload: a 300 KiB compose file saves, a 1.3 MiB upload goes in 512 KiB chunks', async () => {
    const stackDir = tempDir('berth-ws-stack-');
    const composeFile = path.join(stackDir, 'compose.yaml');
    writeFileSync(composeFile, 'services: {}\n');
    const doc = await api.stacks.open({ path: composeFile });
    const big = `services: {}\n${'# a long comment line, kept as typed\n'.repeat(Math.ceil((300 * 1024) / 37))}`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(300 * 1024);
    const saved = await api.stacks.save({ path: composeFile, text: big, expected: doc.compose.stamp });
    expect(saved.ok).toBe(true);
    expect(readFileSync(composeFile, 'utf8')).toBe(big);
    // Over the stack-file limit: refused in words, the socket still serving.
    await expect(api.stacks.save({ path: composeFile, text: 'x'.repeat(STACK_FILE_MAX_BYTES + 1), expected: null, force: true })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('4 MiB'),
    });

    const c = await createTestContainer(docker, { start: true });
    const data = Buffer.alloc(Math.round(2.6 * FILE_UPLOAD_CHUNK), 'b');
    const { uploadId } = await api.containerDetails.files.uploadStart({ id: c.id, folder: '/', name: 'big.bin', size: data.length });
    for (let at = 0; at < data.length; at += FILE_UPLOAD_CHUNK) {
      await api.containerDetails.files.uploadChunk({ uploadId, data: data.subarray(at, at + FILE_UPLOAD_CHUNK) });
    }
    await api.containerDetails.files.uploadFinish({ uploadId });
    const listing = await api.containerDetails.files.list({ id: c.id, path: '/' });
    expect(listing.entries.find((e) => e.name === 'big.bin')?.size).toBe(data.length);
    expect(Array.isArray(await api.containers.list({}))).toBe(true);
  });

  it('cancelling a stream removes it in main', async () => {
    const before = backend.router.openStreams();
    const off = api.events.watch({}, { next: () => {} });
    await eventually(() => expect(backend.router.openStreams()).toBe(before + 1));
    off();
    await eventually(() => expect(backend.router.openStreams()).toBe(before));
  });

  it('refuses a wrong token, a foreign Origin and a foreign Host', async () => {
    const closeCode = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/rpc?token=wrong`, { origin: `http://127.0.0.1:${server.port}` });
      ws.on('close', (code) => resolve(code));
    });
    expect(closeCode).toBe(1008);

    await expect(
      connectWebClient(`ws://127.0.0.1:${server.port}/rpc?token=${server.token}`, { origin: 'http://evil.example' }),
    ).rejects.toThrow(/403/);

    // fetch() will not send a foreign Host header; a raw request does, as a DNS-rebinding page would.
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: server.port, path: '/', headers: { host: `rebound.example:${server.port}` } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    expect(status).toBe(421);
    const ok = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
  });
});
