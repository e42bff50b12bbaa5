/**
 * What the early script (early-socket.ts) leaves on `window` for the app's transport: a socket opened before the
 * app's bundle ran, what it has received so far, and the subscriptions it sent.
 */
export interface EarlySocket {
  /** The address it was opened with: the transport takes it only if that is the address it would use. */
  url: string;
  ws: WebSocket;
  /** Frames that arrived before the transport took the socket, in order. */
  received: ArrayBuffer[];
  /** The subscriptions it sends once open (ids from 1): the app claims them by path and input. */
  subscriptions: { id: number; path: string; input: unknown }[];
  /** The close code, if the socket closed before the transport took it. */
  closeCode: number | null;
  /** Set by the transport when it takes the socket: the early script's listeners do nothing from then on. */
  taken: boolean;
}

declare global {
  interface Window {
    __berthEarlySocket?: EarlySocket;
  }
}
