import type { BerthApi } from '../../preload/contract';
import { createClientFromShape, type ContractShape } from '../../preload/contract/client';
import { socketUrl } from './transport/socket-url';
import { WebSocketTransport, takeTokenFromLocation, type SocketState } from './transport/websocket-client';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in web mode. */
    berth?: BerthApi;
  }
}

export type BackendState = SocketState;

/**
 * Every contract entry's path and kind, put in by the build (scripts/build.mjs), as for the Electron preload: the
 * contract object itself would build every zod schema before the first screen (20–35 ms of a cold load with 500
 * containers); main is where inputs are checked.
 */
declare const __BERTH_CONTRACT_SHAPE__: ContractShape;

function connect(): { api: BerthApi; mode: 'electron' | 'web'; transport: WebSocketTransport | null } {
  if (window.berth) return { api: window.berth, mode: 'electron', transport: null };
  const token = takeTokenFromLocation() ?? '';
  const limits = new Map<string, number>();
  for (const [path, , maxInputBytes] of __BERTH_CONTRACT_SHAPE__) if (maxInputBytes !== undefined) limits.set(path, maxInputBytes);
  // The socket the early script opened while this bundle loaded (transport/early-socket.ts), if it is for this address.
  const transport = new WebSocketTransport(socketUrl(window.location, token), limits, window.__berthEarlySocket ?? null);
  return { api: createClientFromShape<BerthApi>(__BERTH_CONTRACT_SHAPE__, transport), mode: 'web', transport };
}

const connection = connect();

/** The whole contract, the same object in Electron and in web mode. */
export const berth: BerthApi = connection.api;
export const transportMode = connection.mode;
/** The web-mode socket's state (null in Electron, where the IPC channel cannot drop). */
export const backendSocket = connection.transport;
