import { create } from 'zustand';
import type { EngineEvent } from '../../../../preload/contract';
import { berth } from '../../api';
import { errorMessage } from '../../format/error-message';
import { appendBounded, type HeldEvent } from './event-filter';

/** The page keeps the newest this many events. */
export const MAX_EVENTS = 5000;
/** On opening, the engine's events of the last hour are shown first. */
const BACKFILL_SECONDS = 3600;
/** Arrivals are gathered and shown together at most this often (an event storm is one render, not hundreds). */
const FLUSH_MS = 100;

interface EventsStore {
  events: HeldEvent[];
  paused: boolean;
  /** Events that arrived while paused, shown on resume. */
  waiting: number;
  streamError: string | null;
  setPaused(paused: boolean): void;
  clear(): void;
}

let queue: HeldEvent[] = [];
let seq = 0;
let flushTimer: ReturnType<typeof setTimeout> | undefined;

export const useEventsStore = create<EventsStore>()((set) => ({
  events: [],
  paused: false,
  waiting: 0,
  streamError: null,
  setPaused(paused) {
    set({ paused });
    if (!paused) flush();
  },
  clear() {
    queue = [];
    set({ events: [], waiting: 0 });
  },
}));

function flush() {
  flushTimer = undefined;
  const s = useEventsStore.getState();
  if (s.paused) {
    useEventsStore.setState({ waiting: queue.length });
    return;
  }
  if (queue.length === 0) return;
  const incoming = queue;
  queue = [];
  useEventsStore.setState({ events: appendBounded(s.events, incoming, MAX_EVENTS), waiting: 0 });
}

function receive(e: EngineEvent) {
  queue.push({ ...e, seq: ++seq });
  if (queue.length > MAX_EVENTS * 2) queue = queue.slice(-MAX_EVENTS);
  flushTimer ??= setTimeout(flush, FLUSH_MS);
}

/** Follows the engine's events while the page is open (after the last hour's); re-opens after a failure. */
export function watchEvents(): () => void {
  let unsubscribe: (() => void) | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const subscribe = () => {
    // A fresh subscription replays the last hour: start from an empty list so nothing shows twice.
    queue = [];
    useEventsStore.setState({ events: [], waiting: 0, streamError: null });
    unsubscribe = berth.events.watch(
      { sinceSeconds: BACKFILL_SECONDS },
      {
        next: receive,
        error: (err) => {
          useEventsStore.setState({ streamError: errorMessage(err) });
          again();
        },
        complete: again,
      },
    );
  };
  function again() {
    if (stopped) return;
    clearTimeout(retry);
    retry = setTimeout(subscribe, 3000);
  }
  subscribe();
  return () => {
    stopped = true;
    clearTimeout(retry);
    unsubscribe?.();
  };
}
