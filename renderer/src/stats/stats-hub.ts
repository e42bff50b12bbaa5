import type { StatsSample, StatsUpdate } from '../../../preload/contract';
import { berth } from '../api';
import { followStream, type FollowedStream } from '../data/follow-stream';
import { objectKey, splitObjectKey } from '../data/keyed';

/**
 * The renderer's `stats.watch` streams, one per engine. Views say which containers they show (`wantStats`, by
 * object key `<engineId>/<id>`); the hub merges what every view wants, waits for the wishes to settle (scrolling
 * changes the visible rows many times a second), then re-opens each engine's stream whose set changed. Samples reach
 * views through transient listeners, never through React state.
 */

const SETTLE_MS = 300;
const MAX_FAST = 200;
const MAX_BACKGROUND = 1000;
/** Points kept per container for sparklines (about a minute at one reading every 2 s). */
export const SPARK_POINTS = 30;

interface Wish {
  fast: readonly string[];
  background: readonly string[];
  /** The view shows the network, block I/O and pids counters too (a Stats tab), not only CPU and memory (a list). */
  full: boolean;
}

const wishes = new Map<string, Wish>();
const listeners = new Map<string, Set<(u: StatsUpdate) => void>>();
const batchListeners = new Set<() => void>();
/** The latest reading of each watched container (by object key), and a short history for sparklines. */
const latest = new Map<string, StatsUpdate>();
const sparks = new Map<string, { cpu: number[]; mem: number[] }>();
/**
 * The last minute of readings of each container (by object key), kept a minute after its view closes, so a Stats
 * chart opened from the list starts with what the list already read. Bounded: the most recently read keys only.
 */
const recent = new Map<string, StatsSample[]>();
const RECENT_MS = 60_000;
const MAX_RECENT_KEYS = 400;

/** Engine → the ids its stream was opened with, and the stream. */
const streams = new Map<string, { ids: string; stream: FollowedStream }>();
let settleTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Asks for stats of `fast` (on screen, ~2 s) and `background` (totals, ~10 s) object keys until the returned function
 * runs. `full`: the view shows the counters (network, block I/O, pids) of its `fast` keys, not only CPU and memory.
 */
export function wantStats(owner: string, fast: readonly string[], background: readonly string[] = [], full = false): () => void {
  wishes.set(owner, { fast, background, full });
  scheduleReopen();
  return () => {
    if (wishes.get(owner)?.fast === fast) wishes.delete(owner);
    scheduleReopen();
  };
}

export function onStats(key: string, fn: (u: StatsUpdate) => void): () => void {
  let set = listeners.get(key);
  if (!set) listeners.set(key, (set = new Set()));
  set.add(fn);
  return () => {
    set.delete(fn);
    if (set.size === 0) listeners.delete(key);
  };
}

/** Called after each round of readings from any engine. */
export function onStatsBatch(fn: () => void): () => void {
  batchListeners.add(fn);
  return () => batchListeners.delete(fn);
}

export function latestStats(key: string): StatsUpdate | undefined {
  return latest.get(key);
}

/** The latest running samples of these containers (object keys). */
export function latestSamplesOf(keys: Iterable<string>): StatsSample[] {
  const out: StatsSample[] = [];
  for (const key of keys) {
    const u = latest.get(key);
    if (u && !u.stopped) out.push(u);
  }
  return out;
}

/** The readings of this container (object key) from the last minute, oldest first. */
export function recentStats(key: string): readonly StatsSample[] {
  const kept = recent.get(key);
  const cutoff = Date.now() - RECENT_MS;
  return kept ? kept.filter((s) => receivedAt.get(s)! > cutoff) : [];
}

export function sparkline(key: string): { cpu: readonly number[]; mem: readonly number[] } | undefined {
  return sparks.get(key);
}

function scheduleReopen() {
  clearTimeout(settleTimer);
  settleTimer = setTimeout(reopen, SETTLE_MS);
}

/** Engine → fast, full (of fast) and background ids, over every wish, capped as main caps them. */
function wantedByEngine(): Map<string, { fast: string[]; full: string[]; background: string[] }> {
  const fast = new Set<string>();
  const full = new Set<string>();
  const background = new Set<string>();
  for (const w of wishes.values()) for (const k of w.fast) fast.add(k);
  for (const w of wishes.values()) if (w.full) for (const k of w.fast) full.add(k);
  for (const w of wishes.values()) for (const k of w.background) if (!fast.has(k)) background.add(k);
  const out = new Map<string, { fast: string[]; full: string[]; background: string[] }>();
  const slot = (engineId: string) => out.get(engineId) ?? out.set(engineId, { fast: [], full: [], background: [] }).get(engineId)!;
  for (const k of fast) {
    const { engineId, id } = splitObjectKey(k);
    const s = slot(engineId);
    if (s.fast.length < MAX_FAST) {
      s.fast.push(id);
      if (full.has(k)) s.full.push(id);
    }
  }
  for (const k of background) {
    const { engineId, id } = splitObjectKey(k);
    const s = slot(engineId);
    if (s.background.length < MAX_BACKGROUND) s.background.push(id);
  }
  return out;
}

/** The page is hidden (a hidden tab, a minimised or hidden window): nothing is drawn, so nothing is read. */
const pageHidden = () => typeof document !== 'undefined' && document.visibilityState === 'hidden';

if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    clearTimeout(settleTimer);
    if (!pageHidden()) {
      reopen(); // the wishes were kept: the same streams open again (main sends the last minute it has)
      return;
    }
    for (const s of streams.values()) s.stream.stop();
    streams.clear();
  });
}

function reopen() {
  if (pageHidden()) return;
  const want = wantedByEngine();
  const keep = new Set<string>();
  for (const [engineId, w] of want) for (const id of [...w.fast, ...w.background]) keep.add(objectKey(engineId, id));
  for (const key of latest.keys()) if (!keep.has(key)) latest.delete(key);
  for (const key of sparks.keys()) if (!keep.has(key)) sparks.delete(key);
  const cutoff = Date.now() - RECENT_MS;
  for (const [key, kept] of recent) if (!keep.has(key) && !kept.some((s) => receivedAt.get(s)! > cutoff)) recent.delete(key);
  for (const [engineId, s] of streams) {
    if (want.has(engineId)) continue;
    s.stream.stop();
    streams.delete(engineId);
  }
  for (const [engineId, w] of want) {
    const ids = `${[...w.fast].sort().join(',')}|${[...w.full].sort().join(',')}|${[...w.background].sort().join(',')}`;
    if (streams.get(engineId)?.ids === ids) continue;
    streams.get(engineId)?.stream.stop();
    // Not a stream of errors for the user: the views keep their last reading while it is re-opened.
    const stream = followStream<StatsUpdate[]>({
      open: (h) => {
        // Main's last minute only of what this page has not read lately (asked again at each reopen after a drop).
        const historyIds = w.fast.filter((id) => recentStats(objectKey(engineId, id)).length === 0);
        return berth.stats.watch(
          {
            engineId,
            containerIds: w.fast,
            fullIds: w.full,
            ...(w.background.length ? { backgroundIds: w.background } : {}),
            ...(historyIds.length ? { historyIds } : {}),
          },
          h,
        );
      },
      onMessage: (batch) => receive(engineId, batch),
    });
    streams.set(engineId, { ids, stream });
  }
}

function receive(engineId: string, batch: StatsUpdate[]) {
  for (const u of batch) {
    const key = objectKey(engineId, u.containerId);
    const prev = latest.get(key);
    // A stream that (re)opens starts with main's last minute of this container: skip what is already here.
    if (!u.stopped && prev && !prev.stopped && u.time <= prev.time) continue;
    latest.set(key, u);
    if (!u.stopped) {
      pushSpark(key, u);
      remember(key, u);
    }
    const set = listeners.get(key);
    if (set) for (const fn of set) fn(u);
  }
  for (const fn of batchListeners) fn();
}

/** When each kept reading arrived, by this page's clock (a sample's own time is its engine's clock). */
const receivedAt = new WeakMap<StatsSample, number>();

function remember(key: string, s: StatsSample) {
  const now = Date.now();
  receivedAt.set(s, now);
  const kept = recent.get(key) ?? [];
  recent.delete(key);
  kept.push(s);
  while (kept.length && receivedAt.get(kept[0]!)! < now - RECENT_MS) kept.shift();
  if (kept.length > 120) kept.splice(0, kept.length - 120);
  recent.set(key, kept);
  if (recent.size > MAX_RECENT_KEYS) recent.delete(recent.keys().next().value!);
}

function pushSpark(key: string, s: StatsSample) {
  let spark = sparks.get(key);
  if (!spark) sparks.set(key, (spark = { cpu: [], mem: [] }));
  if (s.cpuPercent !== null) spark.cpu.push(s.cpuPercent);
  spark.mem.push(s.memory.usage);
  if (spark.cpu.length > SPARK_POINTS) spark.cpu.shift();
  if (spark.mem.length > SPARK_POINTS) spark.mem.shift();
}
