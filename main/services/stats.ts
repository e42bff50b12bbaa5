import type { AreaImplementation, AreaInputs } from '../../preload/contract';
import { setMaxListeners } from 'node:events';
import http from 'node:http';
import type { StatsSample, StatsUpdate } from '../../preload/contract/stats';
import type { EngineConnection } from '../engine/connection';
import type { EngineRegistry } from '../engine/registry';
import type { ContainersService } from './containers';
import { localCpuPercent } from './stats-cgroup';
import { LocalCgroupStats, type LocalReading } from './stats-local';
import { cpuBaseline, isEmptyReading, toSample, type CpuBaseline, type RawStats } from './stats-math';

export interface StatsOptions {
  /** Round interval for the ids on screen. */
  intervalMs: number;
  /** Round interval for background ids (totals). */
  backgroundIntervalMs: number;
  /** Engine requests in flight at once per stream. */
  concurrency: number;
  /** Read the cgroups on this host when the engine provably runs here (stats-local.ts); default on. */
  localCgroups?: boolean;
}

/** How long a newly watched on-screen container is read every second before its normal interval. */
const WARMUP_MS = 10_000;

/** The wait before a container's next reading: a second while it warms up, else its interval. */
export function intervalOf(w: { interval: number; fastUntil: number }, now: number): number {
  return now < w.fastUntil ? Math.min(1000, w.interval) : w.interval;
}

/**
 * When a reading taken at `at` is next due, `wait` later, on a grid shared by every container: the first multiple of
 * `wait` at least half a wait after `at`. Containers read at their own phases drifted apart (each answer takes its
 * own time), and the page got four batches every 2 s, each a frame drawn (idle-100); on the grid, all on-screen
 * containers fall due in one round and reach the page as one batch. A reading off the grid (after an event) rejoins
 * it at the next.
 */
export function nextReadingAt(at: number, wait: number): number {
  return Math.ceil((at + wait / 2) / wait) * wait;
}

const DEFAULTS: StatsOptions = { intervalMs: 2000, backgroundIntervalMs: 10_000, concurrency: 64, localCgroups: true };
/** A baseline older than this says little about "now": the first reading after it shows no CPU yet. */
const BASELINE_TTL_MS = 60_000;
const MAX_BASELINES = 4000;
/** How far back the readings of on-screen containers are kept, to be sent at once to a view that opens later. */
export const RECENT_MS = 60_000;
/** Containers whose recent readings are kept (the most recently read first; 60 readings each at most). */
const MAX_RECENT_KEYS = 400;
const MAX_RECENT_PER_KEY = 60;
/** Actions after which a watched container is looked at again at once (`update`: its memory limit may be new). */
const WAKE_ACTIONS = new Set(['start', 'unpause', 'restart', 'die', 'stop', 'pause', 'destroy', 'update']);

/** Kept-alive connections for the direct unix-socket path (a round sends up to `concurrency` requests at once). */
const socketAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * One one-shot reading. Over a unix socket it is a plain GET (half the CPU of going through dockerode, which formats
 * every request for its debug log); other transports (TCP, TLS, SSH) go through dockerode.
 */
function oneShot(engine: EngineConnection, id: string, signal: AbortSignal): Promise<RawStats> {
  const api = engine.api;
  const socketPath = (api.modem as { socketPath?: unknown }).socketPath;
  if (typeof socketPath !== 'string') {
    return api.getContainer(id).stats({ stream: false, 'one-shot': true, abortSignal: signal } as never) as unknown as Promise<RawStats>;
  }
  return new Promise((resolve, reject) => {
    const path = `/containers/${encodeURIComponent(id)}/stats?stream=false&one-shot=true`;
    const req = http.get({ socketPath, path, agent: socketAgent, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(body);
        } catch {
          json = { message: body };
        }
        if (res.statusCode === 200) resolve(json as RawStats);
        else reject(Object.assign(new Error((json as { message?: string }).message ?? `HTTP ${res.statusCode}`), { statusCode: res.statusCode, json }));
      });
    });
    req.on('error', reject);
  });
}

interface Watched {
  id: string;
  interval: number;
  /** Until then an on-screen container is read every second, so a chart that just opened fills at once. */
  fastUntil: number;
  nextAt: number;
  /** 'stopped' once reported, so it is said once and not again until the container runs. */
  reported: 'stopped' | 'running' | null;
  /** Its readings carry network, block I/O and pids too (a Stats view); else CPU and memory suffice (a list). */
  full: boolean;
}

/**
 * Live stats of what the renderer shows, one reading per container per round (every 2 s for what is on screen, and
 * every second for its first 10 s; every 10 s for the totals' background ids). When the engine provably runs on this host, a reading is Berth's own read of the
 * container's cgroup files (stats-local.ts): no engine request, so none of the engine's per-reading cost. Otherwise
 * it is one `stream=false&one-shot=true` request per container per round. Docker 20.10 answers a one-shot request
 * from its stats collector, which reads every container someone waits for once a second; so a round sends all its
 * requests at once (they share one collector tick) and the engine does half the reads of a `stream=true` connection
 * per container (what `docker stats` holds open, read every second). Measured in bench/stats-50.ts. Neither kind of
 * reading carries a previous one, so CPU % comes from this container's previous reading (kept per source), kept
 * here across re-subscriptions (the visible rows change while scrolling; the baseline should not be lost each time).
 */
export class StatsService implements AreaImplementation<'stats'> {
  private readonly baselines = new Map<string, { b: CpuBaseline; at: number }>();
  /** The last minute of readings of each on-screen container (`<engine>/<id>`), oldest first. */
  private readonly recent = new Map<string, { at: number; sample: StatsSample }[]>();
  private readonly local: LocalCgroupStats | null;
  /** Samples made so far from each source (for tests and benchmarks; not part of the contract). */
  readonly sources = { cgroup: 0, engine: 0 };
  /** Streams open now: with none, the fast path's held files are closed. */
  private watching = 0;
  /** Descriptors the local path holds open (for tests; not part of the contract). */
  get heldFiles(): number {
    return this.local?.heldFiles ?? 0;
  }

  constructor(
    private readonly engines: EngineRegistry,
    private readonly containers: ContainersService,
    private readonly options: StatsOptions = DEFAULTS,
  ) {
    this.local = options.localCgroups === false ? null : new LocalCgroupStats();
  }

  async watch(
    input: AreaInputs<'stats'>['watch'],
    emit: (updates: StatsUpdate[]) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const engine = this.engines.get(input.engineId);
    const store = this.containers.store(input.engineId);
    const now = Date.now();
    const watched = new Map<string, Watched>();
    const full = input.fullIds ? new Set(input.fullIds) : null;
    for (const id of input.containerIds) {
      watched.set(id, { id, interval: this.options.intervalMs, fastUntil: now + WARMUP_MS, nextAt: now, reported: null, full: full === null || full.has(id) });
    }
    for (const id of input.backgroundIds ?? []) {
      if (!watched.has(id)) watched.set(id, { id, interval: this.options.backgroundIntervalMs, fastUntil: 0, nextAt: now, reported: null, full: false });
    }

    // What was read of these containers in the last minute (say, while they were on the list): a chart that opens now
    // shows it at once instead of starting empty.
    // Only for the ids the page asked it for: a stream reopened because the visible rows changed does not resend
    // what the page already has.
    const fast = new Set(input.containerIds);
    const history = (input.historyIds ?? []).filter((id) => fast.has(id)).flatMap((id) => this.recentOf(engine.id, id, now));
    if (history.length) emit(history.sort((a, b) => a.time - b.time));

    let wake: (() => void) | null = null;
    const wakeNow = () => wake?.();
    const offEvent = engine.onEvent((ev) => {
      if (ev.Type !== 'container' || !WAKE_ACTIONS.has(ev.Action ?? '')) return;
      const id = ev.Actor?.ID ?? ev.id ?? '';
      for (const w of watched.values()) {
        // The store learns of the change a few ms later (it coalesces); look again shortly after the event.
        if (id === w.id || id.startsWith(w.id) || ev.Actor?.Attributes?.name === w.id) {
          w.nextAt = Math.min(w.nextAt, Date.now() + 150);
          this.local?.forget(engine.id, w.id); // a new pid (and cgroup) after a start
        }
      }
      wakeNow();
    });
    const offStatus = engine.onStatus(() => {
      this.local?.forget(engine.id); // events may have been missed while disconnected
      wakeNow();
    });
    signal.addEventListener('abort', wakeNow, { once: true });

    this.watching++;
    try {
      while (!signal.aborted) {
        if (engine.status.state === 'connected') {
          const due = [...watched.values()].filter((w) => w.nextAt <= Date.now());
          const updates = await this.round(engine, store, due, signal);
          if (signal.aborted) break;
          if (updates.length) emit(updates);
        }
        const next = Math.min(...[...watched.values()].map((w) => w.nextAt));
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, Math.max(50, next - Date.now()));
          function done() {
            clearTimeout(timer);
            wake = null;
            resolve();
          }
          wake = done;
        });
      }
    } finally {
      offEvent();
      offStatus();
      signal.removeEventListener('abort', wakeNow);
      if (--this.watching === 0) this.local?.releaseFiles(); // a hidden page holds no descriptors either
    }
  }

  private async round(
    engine: EngineConnection,
    store: ReturnType<ContainersService['store']>,
    due: Watched[],
    signal: AbortSignal,
  ): Promise<StatsUpdate[]> {
    const updates: StatsUpdate[] = [];
    const toRead: Watched[] = [];
    for (const w of due) {
      const summary = store.get(w.id);
      const running = summary ? summary.state === 'running' || summary.state === 'paused' : !store.ready;
      if (running) {
        toRead.push(w);
        continue;
      }
      w.nextAt = nextReadingAt(Date.now(), intervalOf(w, Date.now()));
      if (w.reported !== 'stopped') {
        w.reported = 'stopped';
        updates.push({ containerId: w.id, time: Date.now(), stopped: true, ...(summary ? {} : { gone: true }) });
      }
    }
    // All of a round at once: the engine's collector answers them from one tick. Each request listens on the signal.
    setMaxListeners(this.options.concurrency + 16, signal);
    let next = 0;
    const worker = async () => {
      while (next < toRead.length && !signal.aborted) {
        const w = toRead[next++]!;
        const u = await this.read(engine, w, signal);
        if (!u) continue;
        updates.push(u);
        if (!u.stopped && w.interval === this.options.intervalMs) this.remember(engine.id, u);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.options.concurrency, toRead.length) }, worker));
    return updates;
  }

  private async read(engine: EngineConnection, w: Watched, signal: AbortSignal): Promise<StatsUpdate | null> {
    const key = `${engine.id}/${w.id}`;
    // The cadence counts from the request, not the answer (which can wait up to a second for the engine's collector).
    const sentAt = Date.now();
    if (this.local) {
      const got = await this.local.read(engine, w.id, signal, w.full).catch(() => null);
      if (signal.aborted) return null;
      if (got?.kind === 'stopped') return this.stoppedOnce(w, sentAt, got.gone);
      if (got) return this.localSample(engine, w, got.reading, sentAt);
    }
    let raw: RawStats;
    try {
      raw = await oneShot(engine, w.id, signal);
    } catch (err) {
      if (signal.aborted) return null;
      w.nextAt = nextReadingAt(sentAt, intervalOf(w, sentAt));
      return this.stoppedOnce(w, sentAt, (err as { statusCode?: number }).statusCode === 404);
    }
    // Stopped between the store's last word and this request.
    if (isEmptyReading(raw)) return this.stoppedOnce(w, sentAt, false);
    this.sources.engine++;
    const kept = this.baselines.get(key);
    const baseline = kept && Date.now() - kept.at < BASELINE_TTL_MS ? kept.b : null;
    const sample = toSample(w.id, raw, baseline);
    const b = cpuBaseline(raw);
    if (b) this.keepBaseline(key, b);
    w.reported = 'running';
    // The first reading has no CPU %: take the second one sooner than a full interval.
    w.nextAt = nextReadingAt(sentAt, sample.cpuPercent === null ? Math.min(1000, w.interval) : intervalOf(w, sentAt));
    return sample;
  }

  private stoppedOnce(w: Watched, sentAt: number, gone: boolean): StatsUpdate | null {
    w.nextAt = nextReadingAt(sentAt, intervalOf(w, sentAt));
    if (w.reported === 'stopped') return null;
    w.reported = 'stopped';
    return { containerId: w.id, time: Date.now(), stopped: true, ...(gone ? { gone: true } : {}) };
  }

  /** A reading of the cgroup files → the same sample the engine path makes; its CPU baseline is kept apart. */
  private localSample(engine: EngineConnection, w: Watched, r: LocalReading, sentAt: number): StatsSample {
    const key = `cgroup:${engine.id}/${w.id}`;
    const kept = this.baselines.get(key);
    const prev = kept && Date.now() - kept.at < BASELINE_TTL_MS ? { cpuNs: kept.b.total, wallNs: kept.b.system } : null;
    const cpuPercent = localCpuPercent(r, prev);
    this.keepBaseline(key, { total: r.cpuNs, system: r.wallNs });
    this.sources.cgroup++;
    w.reported = 'running';
    w.nextAt = nextReadingAt(sentAt, cpuPercent === null ? Math.min(1000, w.interval) : intervalOf(w, sentAt));
    const { usage, limit } = r.memory;
    return {
      containerId: w.id,
      time: r.time,
      cpuPercent,
      onlineCpus: r.onlineCpus,
      memory: { usage, limit, percent: limit > 0 ? (usage / limit) * 100 : 0 },
      ...(r.counters ?? {}),
    };
  }

  /** Readings of one container younger than RECENT_MS, oldest first. */
  private recentOf(engineId: string, id: string, now: number): StatsSample[] {
    const kept = this.recent.get(`${engineId}/${id}`);
    // By this host's clock (when it was read), not the sample's, which is a remote engine's clock.
    return kept ? kept.filter((r) => r.at > now - RECENT_MS).map((r) => r.sample) : [];
  }

  private remember(engineId: string, sample: StatsSample) {
    const key = `${engineId}/${sample.containerId}`;
    const kept = this.recent.get(key) ?? [];
    this.recent.delete(key);
    const at = Date.now();
    kept.push({ at, sample });
    while (kept.length > MAX_RECENT_PER_KEY || (kept.length && kept[0]!.at < at - RECENT_MS)) kept.shift();
    this.recent.set(key, kept);
    if (this.recent.size > MAX_RECENT_KEYS) this.recent.delete(this.recent.keys().next().value!);
  }

  private keepBaseline(key: string, b: CpuBaseline) {
    this.baselines.delete(key);
    this.baselines.set(key, { b, at: Date.now() });
    if (this.baselines.size > MAX_BASELINES) this.baselines.delete(this.baselines.keys().next().value!);
  }
}
