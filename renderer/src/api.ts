import type { BerthApi } from '../../preload/contract';
import { createPathClient } from '../../preload/contract/client';
import { WebSocketTransport, takeTokenFromLocation, type SocketState } from './transport/websocket-client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in web mode. */
    berth?: BerthApi;
  }
}

export type BackendState = SocketState;

function connect(): { api: BerthApi; mode: 'electron' | 'web'; transport: WebSocketTransport | null } {
  if (window.berth) return { api: window.berth, mode: 'electron', transport: null };
  const token = takeTokenFromLocation() ?? '';
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  const transport = new WebSocketTransport(`${scheme}://${window.location.host}/rpc?token=${encodeURIComponent(token)}`);
  // Not createClient(contract, …): the contract's zod schemas are main's to evaluate, not the first screen's.
  return { api: createPathClient<BerthApi>(transport), mode: 'web', transport };
}

const connection = connect();

/** The whole contract, the same object in Electron and in web mode. */
export const berth: BerthApi = connection.api;
export const transportMode = connection.mode;
/** The web-mode socket's state (null in Electron, where the IPC channel cannot drop). */
export const backendSocket = connection.transport;
