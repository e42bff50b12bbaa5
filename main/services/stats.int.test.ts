import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StatsSample, StatsUpdate } from '../../preload/contract/stats';
import { EngineRegistry } from '../engine/registry';
import { createTestContainer, eventually, FIXTURE_IMAGE, removeTestObjects, requireEngine, testDocker, testLabels, uniqueName } from '../test-support/engine';
import { ContainersService } from './containers';
import { LifecycleController } from './lifecycle';
import { StatsService } from './stats';

const docker = testDocker();
let engines: EngineRegistry;
let containers: ContainersService;
let stats: StatsService;
/** The same service without the local cgroup path: every reading is an engine request. */
let engineStats: StatsService;

beforeAll(async () => {
  await requireEngine(docker);
  engines = EngineRegistry.fromEnvironment();
  containers = new ContainersService(engines, new LifecycleController());
  // Short rounds keep the suite quick; the service's behaviour does not depend on the interval.
  stats = new StatsService(engines, containers, { intervalMs: 500, backgroundIntervalMs: 1000, concurrency: 4 });
  engineStats = new StatsService(engines, containers, { intervalMs: 500, backgroundIntervalMs: 1000, concurrency: 4, localCgroups: false });
  engines.startAll();
  await eventually(() => expect(containers.store().ready).toBe(true));
});

afterAll(async () => {
  await removeTestObjects(docker);
  await engines.stopAll();
});

function watch(input: { containerIds: string[]; backgroundIds?: string[]; fullIds?: string[] }, service = stats) {
  const got: StatsUpdate[] = [];
  const abort = new AbortController();
  const done = service.watch(input, (u) => got.push(...u), abort.signal);
  return { got, abort, done };
}

/** `sh` spinning one CPU; optionally with a memory limit. */
async function busyContainer(prefix: string, memory?: number) {
  const c = await docker.createContainer({
    Image: FIXTURE_IMAGE,
    name: uniqueName(prefix),
    Cmd: ['sh', '-c', 'while :; do :; done'],
    Labels: testLabels(),
    StopTimeout: 1,
    // Weighted above the machine's other work (2 shared cores under load), so it gets most of one CPU for a few seconds.
    // Even so a loaded machine can hold it near half a CPU: the tests ask for > 25% (an idle container reads ~0%).
    HostConfig: { Init: true, CpuShares: 8192, ...(memory ? { Memory: memory } : {}) },
  });
  await c.start();
  await eventually(() => expect(containers.store().get(c.id)?.state).toBe('running'));
  return c;
}

const samplesOf = (got: StatsUpdate[], id: string) => got.filter((u): u is StatsSample => u.containerId === id && !u.stopped);

describe('StatsService against the real engine', () => {
  it('samples a running container with sane values, CPU % from the second reading on', async () => {
    const c = await createTestContainer(docker, { name: uniqueName('stats'), start: true });
    await eventually(() => expect(containers.store().get(c.id)?.state).toBe('running'));
    const w = watch({ containerIds: [c.id] });
    try {
      await eventually(() => expect(samplesOf(w.got, c.id).filter((s) => s.cpuPercent !== null).length).toBeGreaterThanOrEqual(2));
      const info = await engines.get().api.info();
      for (const s of samplesOf(w.got, c.id)) {
        expect(s.memory.usage).toBeGreaterThan(0);
        expect(s.memory.limit).toBeGreaterThanOrEqual(s.memory.usage);
        expect(s.memory.percent).toBeGreaterThan(0);
        expect(s.memory.percent).toBeLessThanOrEqual(100);
        expect(s.pids).toBeGreaterThanOrEqual(1);
        expect(s.onlineCpus).toBe(info.NCPU);
        expect(s.time).toBeGreaterThan(Date.now() - 60_000);
        if (s.cpuPercent !== null) {
          expect(s.cpuPercent).toBeGreaterThanOrEqual(0);
          expect(s.cpuPercent).toBeLessThanOrEqual(100 * info.NCPU);
        }
      }
      expect(w.got.some((u) => u.stopped)).toBe(false);
    } finally {
      w.abort.abort();
      await w.done;
    }
  });

  it('a stopped container is reported stopped once, and samples resume when it starts', async () => {
    const c = await createTestContainer(docker, { name: uniqueName('stats-stopped') });
    const w = watch({ containerIds: [c.id] });
    try {
      await eventually(() => expect(w.got).toContainEqual(expect.objectContaining({ containerId: c.id, stopped: true })));
      // Several rounds later still one report, and no error ended the stream.
      const rounds = w.got.length;
      await new Promise((r) => setTimeout(r, 1600));
      expect(w.got.filter((u) => u.stopped)).toHaveLength(1);
      expect(w.got.length).toBe(rounds);

      await c.start();
      await eventually(() => expect(samplesOf(w.got, c.id).length).toBeGreaterThanOrEqual(1));
      await c.stop({ t: 0 });
      await eventually(() => expect(w.got.filter((u) => u.stopped)).toHaveLength(2));
    } finally {
      w.abort.abort();
      await w.done;
    }
  });

  it('a container that does not exist is reported gone, once', async () => {
    const w = watch({ containerIds: ['berth-no-such-container-xyz'] });
    try {
      await eventually(() => expect(w.got).toEqual([expect.objectContaining({ containerId: 'berth-no-such-container-xyz', stopped: true, gone: true })]));
    } finally {
      w.abort.abort();
      await w.done;
    }
  });

  it('a busy container through the local cgroup path: CPU % over 25, its memory limit, the pids the engine counts; no engine reading', async () => {
    const limit = 64 * 1024 * 1024;
    const c = await busyContainer('stats-busy', limit);
    const before = { ...stats.sources };
    const w = watch({ containerIds: [c.id] });
    try {
      // Shared CI cores: a busy loop gets over half a CPU at some reading, not necessarily at each.
      await eventually(() => expect(Math.max(...samplesOf(w.got, c.id).map((s) => s.cpuPercent ?? 0))).toBeGreaterThan(25), 25_000);
      expect(stats.sources.cgroup).toBeGreaterThan(before.cgroup);
      expect(stats.sources.engine).toBe(before.engine);
      const last = samplesOf(w.got, c.id).at(-1)!;
      expect(last.memory.limit).toBe(limit);
      expect(last.memory.usage).toBeGreaterThan(0);
      expect(last.memory.usage).toBeLessThan(limit);
      const engine = (await c.stats({ stream: false })) as unknown as { pids_stats: { current: number }; networks?: Record<string, { rx_bytes: number }> };
      expect(last.pids).toBe(engine.pids_stats.current);
      // Read before the engine's reading: never more than it counts (lo, which the engine leaves out, is not added).
      const rx = Object.values(engine.networks ?? {}).reduce((n, x) => n + x.rx_bytes, 0);
      expect(last.net!.rxBytes).toBeLessThanOrEqual(rx);
      // Its files are held open between readings (a CPU % over 25 above shows each read sees the counters anew)…
      expect(stats.heldFiles).toBeGreaterThan(0);
    } finally {
      w.abort.abort();
      await w.done;
    }
    // …and closed once nobody watches.
    expect(stats.heldFiles).toBe(0);
  });

  it('a list reading (not in fullIds) has CPU and memory only; a Stats reading (in fullIds) has the counters too', async () => {
    const limit = 96 * 1024 * 1024;
    const [listed, detailed] = await Promise.all([busyContainer('stats-lean', limit), busyContainer('stats-full', limit)]);
    const w = watch({ containerIds: [listed.id, detailed.id], fullIds: [detailed.id] });
    try {
      await eventually(() => {
        expect(samplesOf(w.got, listed.id).filter((s) => s.cpuPercent !== null).length).toBeGreaterThanOrEqual(2);
        expect(samplesOf(w.got, detailed.id).filter((s) => s.cpuPercent !== null).length).toBeGreaterThanOrEqual(2);
      }, 20_000);
      for (const s of samplesOf(w.got, listed.id)) {
        expect(s.memory.usage).toBeGreaterThan(0);
        expect(s.memory.limit).toBe(limit);
        expect(s).not.toHaveProperty('net');
        expect(s).not.toHaveProperty('blockIo');
        expect(s).not.toHaveProperty('pids');
      }
      expect(Math.max(...samplesOf(w.got, listed.id).map((s) => s.cpuPercent ?? 0))).toBeGreaterThan(0);
      for (const s of samplesOf(w.got, detailed.id)) {
        expect(s.memory.limit).toBe(limit);
        expect(s.pids).toBeGreaterThanOrEqual(1);
        expect(s.net).toEqual({ rxBytes: expect.any(Number), txBytes: expect.any(Number) });
        expect(s.blockIo).toEqual({ read: expect.any(Number), write: expect.any(Number) });
      }
    } finally {
      w.abort.abort();
      await w.done;
    }
  });

  it('with the local path off, the engine path samples the busy container and reports it stopped once', async () => {
    const c = await busyContainer('stats-busy-engine');
    const before = { ...engineStats.sources };
    const w = watch({ containerIds: [c.id] }, engineStats);
    try {
      await eventually(() => expect(Math.max(...samplesOf(w.got, c.id).map((s) => s.cpuPercent ?? 0))).toBeGreaterThan(25), 25_000);
      expect(engineStats.sources.engine).toBeGreaterThan(before.engine);
      expect(engineStats.sources.cgroup).toBe(0);
      await c.kill();
      await eventually(() => expect(w.got.filter((u) => u.stopped)).toHaveLength(1));
      const rounds = w.got.length;
      await new Promise((r) => setTimeout(r, 1200));
      expect(w.got.length).toBe(rounds);
    } finally {
      w.abort.abort();
      await w.done;
    }
  });

  it('cancelling destroys the engine requests in flight and makes no more', async () => {
    const c = await createTestContainer(docker, { name: uniqueName('stats-cancel'), start: true });
    await eventually(() => expect(containers.store().get(c.id)?.state).toBe('running'));
    // The service reads over the engine's unix socket with node:http; watch the requests it makes.
    const requests: http.ClientRequest[] = [];
    const original = http.get;
    http.get = ((...args: Parameters<typeof http.get>) => {
      const req = original(...args);
      if (String((args[0] as http.RequestOptions).path).includes('/stats?')) requests.push(req);
      return req;
    }) as typeof http.get;
    try {
      const w = watch({ containerIds: [c.id] }, engineStats);
      await eventually(() => expect(requests.length).toBeGreaterThanOrEqual(2));
      w.abort.abort();
      await w.done; // the stream's promise settles: nothing keeps running behind it
      expect(requests.every((r) => r.destroyed)).toBe(true);
      const made = requests.length;
      await new Promise((r) => setTimeout(r, 1200));
      expect(requests.length).toBe(made);
    } finally {
      http.get = original;
    }
  });

  it('a view that opens later gets the last minute of an on-screen container at once, oldest first; a background id gets none', async () => {
    const c = await busyContainer('berth-stats-recent');
    const first = watch({ containerIds: [c.id] });
    await eventually(() => expect(samplesOf(first.got, c.id).length).toBeGreaterThanOrEqual(3));
    first.abort.abort();
    await first.done;
    const seen = samplesOf(first.got, c.id).map((s) => s.time);

    // A second view of the same container: before any new reading, its first batch is what the first view saw.
    const batches: StatsUpdate[][] = [];
    const abort = new AbortController();
    const done = stats.watch({ containerIds: [c.id], historyIds: [c.id] }, (u) => batches.push(u), abort.signal);
    await eventually(() => expect(batches.length).toBeGreaterThanOrEqual(1));
    const replay = samplesOf(batches[0]!, c.id).map((s) => s.time);
    expect(replay).toEqual(seen);
    abort.abort();
    await done;

    // Not asked for (the page has them already): no replay, the first batch is a fresh reading.
    const fresh: StatsUpdate[][] = [];
    const abort3 = new AbortController();
    const done3 = stats.watch({ containerIds: [c.id] }, (u) => fresh.push(u), abort3.signal);
    await eventually(() => expect(fresh.length).toBeGreaterThanOrEqual(1));
    expect(samplesOf(fresh[0]!, c.id)).toHaveLength(1);
    expect(samplesOf(fresh[0]!, c.id)[0]!.time).toBeGreaterThan(Math.max(...seen));
    abort3.abort();
    await done3;

    // Only what was on screen is kept: a container read only for the totals has no history to replay.
    const other = await busyContainer('berth-stats-recent-bg');
    const bg = watch({ containerIds: [], backgroundIds: [other.id] });
    await eventually(() => expect(samplesOf(bg.got, other.id).length).toBeGreaterThanOrEqual(1));
    bg.abort.abort();
    await bg.done;
    const later: StatsUpdate[][] = [];
    const abort2 = new AbortController();
    const done2 = stats.watch({ containerIds: [other.id], historyIds: [other.id] }, (u) => later.push(u), abort2.signal);
    await eventually(() => expect(later.length).toBeGreaterThanOrEqual(1));
    expect(samplesOf(later[0]!, other.id)).toHaveLength(1); // a fresh reading, not a replay
    abort2.abort();
    await done2;
  });
});
