import type { StatsSample, StatsUpdate } from '../../../preload/contract';
import { berth } from '../api';

/**
 * The renderer's one `stats.watch` stream. Views say which containers they show (`wantStats`); the hub merges what
 * every view wants, waits for the wishes to settle (scrolling changes the visible rows many times a second), then
 * re-opens the stream with the union. Samples reach views through transient listeners, never through React state.
 */

const SETTLE_MS = 300;
const MAX_FAST = 200;
const MAX_BACKGROUND = 1000;
/** Points kept per container for sparklines (about a minute at one reading every 2 s). */
export const SPARK_POINTS = 30;

interface Wish {
  fast: readonly string[];
  background: readonly string[];
}

const wishes = new Map<string, Wish>();
const listeners = new Map<string, Set<(u: StatsUpdate) => void>>();
const batchListeners = new Set<(batch: StatsUpdate[]) => void>();
/** The latest reading of each watched container, and a short history of CPU % and memory for sparklines. */
const latest = new Map<string, StatsUpdate>();
const sparks = new Map<string, { cpu: number[]; mem: number[] }>();

let current = { fast: '', background: '' };
let unsubscribe: (() => void) | null = null;
let settleTimer: ReturnType<typeof setTimeout> | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

/** Asks for stats of `fast` (on screen, ~2 s) and `background` (totals, ~10 s) ids until the returned function runs. */
export function wantStats(owner: string, fast: readonly string[], background: readonly string[] = []): () => void {
  wishes.set(owner, { fast, background });
  scheduleReopen();
  return () => {
    if (wishes.get(owner)?.fast === fast) wishes.delete(owner);
    scheduleReopen();
  };
}

export function onStats(containerId: string, fn: (u: StatsUpdate) => void): () => void {
  let set = listeners.get(containerId);
  if (!set) listeners.set(containerId, (set = new Set()));
  set.add(fn);
  return () => {
    set.delete(fn);
    if (set.size === 0) listeners.delete(containerId);
  };
}

export function onStatsBatch(fn: (batch: StatsUpdate[]) => void): () => void {
  batchListeners.add(fn);
  return () => batchListeners.delete(fn);
}

export function latestStats(containerId: string): StatsUpdate | undefined {
  return latest.get(containerId);
}

export function latestSamples(): IterableIterator<StatsUpdate> {
  return latest.values();
}

export function sparkline(containerId: string): { cpu: readonly number[]; mem: readonly number[] } | undefined {
  return sparks.get(containerId);
}

function scheduleReopen() {
  clearTimeout(settleTimer);
  settleTimer = setTimeout(reopen, SETTLE_MS);
}

function union(): { fast: string[]; background: string[] } {
  const fast = new Set<string>();
  const background = new Set<string>();
  for (const w of wishes.values()) for (const id of w.fast) fast.add(id);
  for (const w of wishes.values()) for (const id of w.background) if (!fast.has(id)) background.add(id);
  return { fast: [...fast].slice(0, MAX_FAST), background: [...background].slice(0, MAX_BACKGROUND) };
}

function reopen(force = false) {
  const want = union();
  const key = { fast: [...want.fast].sort().join(','), background: [...want.background].sort().join(',') };
  if (!force && key.fast === current.fast && key.background === current.background) return;
  current = key;
  clearTimeout(retryTimer);
  unsubscribe?.();
  unsubscribe = null;
  const keep = new Set([...want.fast, ...want.background]);
  for (const id of latest.keys()) if (!keep.has(id)) latest.delete(id);
  for (const id of sparks.keys()) if (!keep.has(id)) sparks.delete(id);
  if (keep.size === 0) return;
  unsubscribe = berth.stats.watch(
    { containerIds: want.fast, ...(want.background.length ? { backgroundIds: want.background } : {}) },
    {
      next: receive,
      // Not a stream of errors for the user: the views keep their last reading; try again shortly.
      error: () => retrySoon(),
      complete: () => retrySoon(),
    },
  );
}

function retrySoon() {
  unsubscribe = null;
  clearTimeout(retryTimer);
  retryTimer = setTimeout(() => reopen(true), 2000);
}

function receive(batch: StatsUpdate[]) {
  for (const u of batch) {
    latest.set(u.containerId, u);
    if (!u.stopped) pushSpark(u);
    const set = listeners.get(u.containerId);
    if (set) for (const fn of set) fn(u);
  }
  for (const fn of batchListeners) fn(batch);
}

function pushSpark(s: StatsSample) {
  let spark = sparks.get(s.containerId);
  if (!spark) sparks.set(s.containerId, (spark = { cpu: [], mem: [] }));
  if (s.cpuPercent !== null) spark.cpu.push(s.cpuPercent);
  spark.mem.push(s.memory.usage);
  if (spark.cpu.length > SPARK_POINTS) spark.cpu.shift();
  if (spark.mem.length > SPARK_POINTS) spark.mem.shift();
}
