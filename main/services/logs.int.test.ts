import type Docker from 'dockerode';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackLines, type LogLinesBatch, type LogsMessage } from '../../preload/contract/logs';
import { EngineRegistry } from '../engine/registry';
import { createTestContainer, eventually, FIXTURE_IMAGE, requireEngine, testDocker, testLabels, uniqueName } from '../test-support/engine';
import { EngineSocketProxy } from '../test-support/socket-proxy';
import { LogsService, type FollowInput } from './logs';

const docker = testDocker();
const engines = EngineRegistry.fromEnvironment(process.env);
const logs = new LogsService(engines);
const created: Docker.Container[] = [];

beforeAll(async () => {
  await requireEngine(docker);
  engines.startAll();
  await eventually(() => expect(engines.get().status.state).toBe('connected'));
});

afterAll(async () => {
  await Promise.all(created.map((c) => c.remove({ force: true }).catch(() => undefined)));
  await engines.stopAll();
});

async function container(script: string, opts: { tty?: boolean; name?: string } = {}): Promise<Docker.Container> {
  const c = opts.tty
    ? await docker.createContainer({
        Image: FIXTURE_IMAGE,
        name: opts.name ?? uniqueName('logs'),
        Cmd: ['sh', '-c', script],
        Tty: true,
        Labels: testLabels(),
        StopTimeout: 1,
        HostConfig: { Init: true },
      })
    : await createTestContainer(docker, { name: opts.name ?? uniqueName('logs'), cmd: ['sh', '-c', script] });
  created.push(c);
  await c.start();
  return c;
}

interface Line {
  id: string;
  stderr: boolean;
  time: number;
  text: string;
}

/** Runs a follow and collects what it sends; `done` resolves when the stream completes. */
function follow(input: Partial<FollowInput> & { containerIds: string[] }, service: LogsService = logs) {
  const messages: LogsMessage[] = [];
  const abort = new AbortController();
  const done = service.follow({ tail: 'all', follow: true, resume: true, ...input }, (m) => messages.push(m), abort.signal);
  const lines = (): Line[] =>
    messages
      .filter((m): m is LogLinesBatch => m.type === 'lines')
      .flatMap((b) => unpackLines(b).map((l) => ({ id: l.containerId, stderr: l.stderr, time: l.time, text: l.text })));
  const markers = () => messages.flatMap((m) => (m.type === 'marker' ? [m.marker] : []));
  return { messages, lines, markers, done, stop: () => abort.abort() };
}

describe('logs.follow against the real engine', () => {
  it('follows live lines, tells stdout from stderr and stops the request when cancelled', async () => {
    const c = await container('echo hello-out; echo hello-err >&2; i=0; while true; do i=$((i+1)); echo tick-$i; sleep 0.1; done');
    const f = follow({ containerIds: [c.id], tail: '1000' });
    try {
      await eventually(() => expect(f.lines().filter((l) => l.text.startsWith('tick-')).length).toBeGreaterThan(3));
      const lines = f.lines();
      expect(lines.find((l) => l.text === 'hello-out')).toMatchObject({ stderr: false, id: c.id });
      expect(lines.find((l) => l.text === 'hello-err')).toMatchObject({ stderr: true });
      expect(f.messages.some((m) => m.type === 'caught-up')).toBe(true);
      for (const l of lines) expect(Math.abs(l.time - Date.now())).toBeLessThan(120_000);
    } finally {
      f.stop();
    }
    await f.done;
    const count = f.lines().length;
    await new Promise((r) => setTimeout(r, 400));
    expect(f.lines().length).toBe(count);
  });

  it('honours tail and completes when not following', async () => {
    const c = await container('i=0; while [ $i -lt 50 ]; do i=$((i+1)); echo line-$i; done; sleep 3600');
    await eventually(async () => expect((await c.logs({ stdout: true, follow: false })).toString()).toContain('line-50'));
    const f = follow({ containerIds: [c.id], tail: 10, follow: false });
    await f.done;
    expect(f.lines().map((l) => l.text)).toEqual(Array.from({ length: 10 }, (_, i) => `line-${41 + i}`));
  });

  it('honours since and until', async () => {
    const c = await container('echo early; sleep 1.5; echo late; sleep 3600');
    await eventually(async () => expect((await c.logs({ stdout: true, follow: false })).toString()).toContain('late'));
    const all = follow({ containerIds: [c.id], follow: false });
    await all.done;
    const [early, late] = all.lines();
    expect([early?.text, late?.text]).toEqual(['early', 'late']);
    const since = follow({ containerIds: [c.id], follow: false, since: late!.time - 1 });
    const until = follow({ containerIds: [c.id], follow: false, until: early!.time + 500 });
    await Promise.all([since.done, until.done]);
    expect(since.lines().map((l) => l.text)).toEqual(['late']);
    expect(until.lines().map((l) => l.text)).toEqual(['early']);
  });

  it('merges several containers in time order', async () => {
    // Each container prints its next line only when the test says so, so the order does not depend on how fast a
    // busy machine creates containers: a0, b0, a1, b1.
    const script = (p: string) => `for s in 1 2; do while [ ! -f /go$s ]; do sleep 0.05; done; echo ${p}$((s-1)); done; sleep 3600`;
    const a = await container(script('a'));
    const b = await container(script('b'));
    const step = async (c: Docker.Container, n: number, expected: string) => {
      const exec = await c.exec({ Cmd: ['touch', `/go${n}`] });
      await exec.start({});
      await eventually(async () => expect((await c.logs({ stdout: true, follow: false })).toString()).toContain(expected));
    };
    await step(a, 1, 'a0');
    await step(b, 1, 'b0');
    await step(a, 2, 'a1');
    await step(b, 2, 'b1');
    // b listed first: without the merge its lines would come first.
    const f = follow({ containerIds: [b.id, a.id], follow: false });
    await f.done;
    const lines = f.lines();
    expect(lines.map((l) => l.text)).toEqual(['a0', 'b0', 'a1', 'b1']);
    expect(lines.map((l) => l.id)).toEqual([a.id, b.id, a.id, b.id]);
  });

  it('marks a stop and resumes after a restart, then ends with a marker when the container is removed', async () => {
    const c = await container('echo boot; sleep 3600');
    const f = follow({ containerIds: [c.id] });
    await eventually(() => expect(f.lines().map((l) => l.text)).toEqual(['boot']));
    await c.restart({ t: 0 });
    await eventually(() => expect(f.lines().map((l) => l.text)).toEqual(['boot', 'boot']));
    expect(f.markers()).toEqual(['stopped', 'restarted']);
    await c.remove({ force: true });
    await f.done;
    expect(f.markers()).toEqual(['stopped', 'restarted', 'stopped', 'removed']);
  });

  it('reads a TTY container’s raw stream', async () => {
    const c = await container("printf '\\033[31mred\\033[0m\\n'; echo plain; sleep 3600", { tty: true });
    await eventually(async () => expect((await c.logs({ stdout: true, follow: false })).toString()).toContain('plain'));
    const f = follow({ containerIds: [c.id], follow: false });
    await f.done;
    expect(f.lines().map((l) => l.text)).toEqual(['\x1b[31mred\x1b[0m', 'plain']);
  });

  it('delivers lines with carriage returns, control bytes and invalid UTF-8 one line each, shown as symbols', async () => {
    const c = await container("printf 'a\\rb\\001c\\n\\377ok\\n\\n'; printf 'err\\033[1mbold\\n' >&2; sleep 3600");
    await eventually(async () => expect((await c.logs({ stdout: true, stderr: true, follow: false })).toString()).toContain('bold'));
    const f = follow({ containerIds: [c.id], follow: false });
    await f.done;
    const lines = f.lines();
    expect(lines.filter((l) => !l.stderr).map((l) => l.text)).toEqual(['a\u240db\u2401c', '\uFFFDok', '']);
    expect(lines.filter((l) => l.stderr).map((l) => l.text)).toEqual(['err\x1b[1mbold']);
  });

  it('says when the container does not exist', async () => {
    const f = follow({ containerIds: ['berth-no-such-container-xyz'] });
    await expect(f.done).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('logs.follow of a quiet container', () => {
  it('says it caught up although no line came', async () => {
    const c = await container('sleep 3600');
    const f = follow({ containerIds: [c.id] });
    try {
      await eventually(() => expect(f.messages.some((m) => m.type === 'caught-up')).toBe(true));
      expect(f.lines()).toEqual([]);
    } finally {
      f.stop();
    }
    await f.done;
  });
});

describe('logs.follow when the engine connection drops', () => {
  it('marks the loss and follows again from the last line once the engine is back, without a gap or a repeat', async () => {
    const host = process.env.DOCKER_HOST;
    const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-logs-proxy-'));
    const proxy = new EngineSocketProxy(path.join(dir, 'engine.sock'), host ? host.replace(/^unix:\/\//, '') : '/var/run/docker.sock');
    await proxy.up();
    const proxied = EngineRegistry.fromEnvironment({ DOCKER_HOST: `unix://${proxy.path}` }, { retryMinMs: 50, retryMaxMs: 200 });
    proxied.startAll();
    const c = await container('i=0; while true; do i=$((i+1)); echo n-$i; sleep 0.05; done');
    const f = follow({ containerIds: [c.id] }, new LogsService(proxied));
    try {
      await eventually(() => expect(proxied.get().status.state).toBe('connected'));
      await eventually(() => expect(f.lines().length).toBeGreaterThan(3));
      await proxy.down();
      await eventually(() => expect(f.markers()).toEqual(['engine-lost']));
      const whileLost = f.lines().length;
      await proxy.up();
      await eventually(() => expect(f.markers()).toEqual(['engine-lost', 'engine-back']), 5000);
      await eventually(() => expect(f.lines().length).toBeGreaterThan(whileLost + 10), 5000);
      // The lines printed while the engine was away come too, once each and in order.
      const numbers = f.lines().map((l) => Number(l.text.replace('n-', '')));
      expect(numbers).toEqual(numbers.map((_, i) => numbers[0]! + i));
      // The markers sit where the stream broke and resumed.
      const order = f.messages.flatMap((m) => (m.type === 'marker' ? [m.marker] : m.type === 'lines' ? ['lines'] : []));
      expect(order.indexOf('engine-lost')).toBeGreaterThan(0);
      expect(order.lastIndexOf('lines')).toBeGreaterThan(order.indexOf('engine-back'));
    } finally {
      f.stop();
      await f.done;
      await proxied.stopAll();
      await proxy.down();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
