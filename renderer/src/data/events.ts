import { create } from 'zustand';
import type { EngineEvent } from '../../../preload/contract';
import { appendBounded, type HeldEvent } from '../pages/events/event-filter';

/** The page keeps the newest this many events (of every engine together). */
export const MAX_EVENTS = 5000;
/** On opening, each engine's events of the last hour are shown first. */
export const BACKFILL_SECONDS = 3600;
/** Arrivals are gathered and shown together at most this often (an event storm is one render, not hundreds). */
const FLUSH_MS = 100;

interface EventsStore {
  /** Oldest first, in event time. */
  events: readonly HeldEvent[];
  paused: boolean;
  /** Events that arrived while paused, shown on resume. */
  waiting: number;
  /** Engine → why its stream broke, while it is re-opened. */
  errors: ReadonlyMap<string, string>;
  setPaused(paused: boolean): void;
  clear(): void;
}

let queue: HeldEvent[] = [];
let seq = 0;
let flushTimer: ReturnType<typeof setTimeout> | undefined;

export const useEvents = create<EventsStore>()((set) => ({
  events: [],
  paused: false,
  waiting: 0,
  errors: new Map(),
  setPaused(paused) {
    set({ paused });
    if (!paused) flush();
  },
  clear() {
    queue = [];
    set({ events: [], waiting: 0 });
  },
}));

const byTime = (a: HeldEvent, b: HeldEvent) => a.time - b.time || a.seq - b.seq;

/**
 * Appends arrivals in time order. One engine's events arrive in order; a second engine's backfill (the last hour)
 * can land after newer events of the first, so the list is re-sorted only when arrivals are older than its end.
 */
export function mergeEvents(held: readonly HeldEvent[], incoming: readonly HeldEvent[], max: number): HeldEvent[] {
  const last = held[held.length - 1];
  const sortedIn = [...incoming].sort(byTime);
  const inOrder = !last || !sortedIn[0] || sortedIn[0].time >= last.time;
  return inOrder ? appendBounded(held, sortedIn, max) : appendBounded([], [...held, ...sortedIn].sort(byTime), max);
}

function flush() {
  flushTimer = undefined;
  const s = useEvents.getState();
  if (s.paused) {
    useEvents.setState({ waiting: queue.length });
    return;
  }
  if (queue.length === 0) return;
  const incoming = queue;
  queue = [];
  useEvents.setState({
    events: mergeEvents(s.events, incoming, MAX_EVENTS),
    waiting: 0,
  });
}

export function receiveEvent(engineId: string, e: EngineEvent) {
  queue.push({ ...e, engineId, seq: ++seq });
  if (queue.length > MAX_EVENTS * 2) queue = queue.slice(-MAX_EVENTS);
  flushTimer ??= setTimeout(flush, FLUSH_MS);
  clearEventsError(engineId);
}

/** A fresh subscription replays the last hour: drop the engine's events so nothing shows twice. */
export function restartEngineEvents(engineId: string) {
  queue = queue.filter((e) => e.engineId !== engineId);
  useEvents.setState((s) => ({
    events: s.events.filter((e) => e.engineId !== engineId),
    waiting: 0,
  }));
}

export function eventsError(engineId: string, message: string) {
  useEvents.setState((s) => ({
    errors: new Map(s.errors).set(engineId, message),
  }));
}

function clearEventsError(engineId: string) {
  if (!useEvents.getState().errors.has(engineId)) return;
  useEvents.setState((s) => {
    const errors = new Map(s.errors);
    errors.delete(engineId);
    return { errors };
  });
}

/** Forgets the events of engines that are gone. */
export function retainEventEngines(keep: (engineId: string) => boolean) {
  queue = queue.filter((e) => keep(e.engineId));
  const s = useEvents.getState();
  if (s.events.every((e) => keep(e.engineId)) && [...s.errors.keys()].every(keep)) return;
  useEvents.setState({
    events: s.events.filter((e) => keep(e.engineId)),
    errors: new Map([...s.errors].filter(([id]) => keep(id))),
  });
}
