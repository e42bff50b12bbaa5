import { create } from 'zustand';
import { backendSocket } from '../api';
import type { BackendState } from '../api';

interface BackendStore {
  /** The web-mode socket's state; always 'open' in Electron, whose IPC channel cannot drop. */
  state: BackendState;
  /** Whether the socket has ever opened, to tell "lost" from "never reached". */
  everOpened: boolean;
}

export const useBackendStore = create<BackendStore>()(() => ({
  state: backendSocket ? backendSocket.state : 'open',
  everOpened: backendSocket ? backendSocket.state === 'open' : true,
}));

/** Mirrors the socket's state into the store. Returns a stop function. */
export function watchBackendSocket(): () => void {
  if (!backendSocket) return () => {};
  const off = backendSocket.onState((state) =>
    useBackendStore.setState((s) => ({ state, everOpened: s.everOpened || state === 'open' })),
  );
  return () => {
    off();
  };
}
