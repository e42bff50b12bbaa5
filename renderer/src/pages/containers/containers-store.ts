import { create } from 'zustand';
import type { ContainersMessage } from '../../../../preload/contract';
import { berth } from '../../api';
import { errorMessage } from '../../format/error-message';
import { useEngineStore } from '../../stores/engine-store';
import { primaryEngine } from '../../engine/engine-view';
import { applyContainersMessage, type ContainerMap } from './container-map';

interface ContainersStore {
  containers: ContainerMap;
  /** False until the first snapshot arrives, so "no containers" is never shown for "not loaded yet". */
  loaded: boolean;
  /** Why the stream broke, while it is being re-opened. */
  streamError: string | null;
  receive(message: ContainersMessage): void;
}

export const useContainersStore = create<ContainersStore>()((set) => ({
  containers: new Map(),
  loaded: false,
  streamError: null,
  receive(message) {
    set((s) => ({
      containers: applyContainersMessage(s.containers, message),
      loaded: s.loaded || message.type === 'snapshot',
      streamError: null,
    }));
  },
}));

/** Feeds the store from `containers.watch`, re-opening the stream with backoff if it fails. Returns a stop function. */
export function watchContainers(): () => void {
  let unsubscribe: (() => void) | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retryMs = 1000;
  let stopped = false;
  const subscribe = () => {
    unsubscribe = berth.containers.watch(
      {},
      {
        next: (message) => {
          retryMs = 1000;
          useContainersStore.getState().receive(message);
        },
        error: (error) => {
          useContainersStore.setState({ streamError: errorMessage(error) });
          resubscribeSoon();
        },
        complete: () => resubscribeSoon(),
      },
    );
  };
  const resubscribeSoon = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      subscribe();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, 10_000);
  };
  subscribe();
  // A stream that failed while the engine was away should not wait out its backoff once the engine is back.
  const offEngine = useEngineStore.subscribe((s, prev) => {
    const connectedNow = primaryEngine(s.statuses)?.state === 'connected';
    const connectedBefore = primaryEngine(prev.statuses)?.state === 'connected';
    if (connectedNow && !connectedBefore && timer !== undefined && !stopped) {
      clearTimeout(timer);
      timer = undefined;
      retryMs = 1000;
      subscribe();
    }
  });
  return () => {
    stopped = true;
    clearTimeout(timer);
    offEngine();
    unsubscribe?.();
  };
}
