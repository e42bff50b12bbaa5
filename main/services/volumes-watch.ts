import type { EngineConnection, RawEngineEvent } from '../engine/connection';
import { untilAbortedOrRemoved } from './abort';

/** How long engine events are gathered before the list is read again (a compose up fires dozens at once). */
export const LIST_COALESCE_MS = 100;

/**
 * Streams a small engine list (volumes, networks) as snapshots: one at once, then a fresh one after each burst of
 * relevant engine events and after every reconnect. Lists of this kind are short, so a snapshot beats deltas here.
 */
export async function watchEngineList<T>(
  engine: EngineConnection,
  relevant: (e: RawEngineEvent) => boolean,
  load: () => Promise<T>,
  emit: (snapshot: T) => void,
  signal: AbortSignal,
): Promise<void> {
  let timer: NodeJS.Timeout | null = null;
  let loading = false;
  let again = false;
  const refresh = async () => {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    try {
      const snapshot = await load();
      if (!signal.aborted) emit(snapshot);
    } catch {
      // The engine went away mid-read: the resync after it reconnects sends the next snapshot.
    } finally {
      loading = false;
      if (again && !signal.aborted) {
        again = false;
        void refresh();
      }
    }
  };
  const schedule = () => {
    if (timer || signal.aborted) return;
    timer = setTimeout(() => {
      timer = null;
      void refresh();
    }, LIST_COALESCE_MS);
  };
  const offEvent = engine.onEvent((e) => relevant(e) && schedule());
  const offResync = engine.onResync(() => void refresh());
  try {
    if (engine.status.state === 'connected') await refresh();
    await untilAbortedOrRemoved(signal, engine);
  } finally {
    offEvent();
    offResync();
    if (timer) clearTimeout(timer);
  }
}
