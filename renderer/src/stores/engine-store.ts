import { create } from 'zustand';
import type { EngineStatus } from '../../../preload/contract';
import { berth } from '../api';
import { primaryEngine } from '../engine/engine-view';

interface EngineStore {
  statuses: readonly EngineStatus[];
  /** Local clock time the primary engine's state was first seen (renderer and engine clocks may differ). */
  stateSeenAt: number;
  setStatuses(statuses: readonly EngineStatus[]): void;
}

export const useEngineStore = create<EngineStore>()((set, get) => ({
  statuses: [],
  stateSeenAt: Date.now(),
  setStatuses(statuses) {
    const before = primaryEngine(get().statuses)?.state;
    const after = primaryEngine(statuses)?.state;
    set(before === after ? { statuses } : { statuses, stateSeenAt: Date.now() });
  },
}));

export const usePrimaryEngine = () => useEngineStore((s) => primaryEngine(s.statuses));

/** Feeds the store from `engine.watch`; re-subscribes if the stream ends. Returns a stop function. */
export function watchEngine(): () => void {
  let unsubscribe: (() => void) | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const subscribe = () => {
    unsubscribe = berth.engine.watch(
      {},
      {
        next: (statuses) => useEngineStore.getState().setStatuses(statuses),
        error: () => resubscribeSoon(),
        complete: () => resubscribeSoon(),
      },
    );
  };
  const resubscribeSoon = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(subscribe, 2000);
  };
  subscribe();
  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe?.();
  };
}
