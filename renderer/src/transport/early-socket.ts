/**
 * Web mode's first script: a file of its own in <head> (scripts/build.mjs puts it there) that runs as soon as the
 * page's HTML is parsed, while the browser is still fetching and compiling the app's bundle (a quarter of a second
 * and more for 600 KB on a 2-core machine). It opens the socket to `berth serve` and sends the subscriptions every
 * first screen makes (the engines; the local engine's containers and images), so the handshake and their first
 * answers have arrived by the time the app runs.
 * The app's transport takes the socket over (websocket-client.ts, `WebSocketTransport`'s `early` argument).
 *
 * It imports only socket-url.ts, bundled into it: built alone, it never waits for the app's bundle.
 */
import type { EarlySocket } from './early-socket-types';
import { socketUrl } from './socket-url';

/** `{ id, path, input, frame }`: the subscriptions, MessagePack-encoded by the build (scripts/build.mjs). */
declare const __BERTH_EARLY_SUBSCRIPTIONS__: { id: number; path: string; input: unknown; frame: number[] }[];

(() => {
  const subscriptions = __BERTH_EARLY_SUBSCRIPTIONS__;
  // Electron: the preload's IPC channel is the transport, there is no socket to open.
  if (window.berth) return;
  let token: string | null;
  try {
    token = new URL(window.location.href).searchParams.get('token') ?? window.sessionStorage.getItem('berth.token');
  } catch {
    return; // storage refused (a sandboxed frame): the app's transport opens its socket itself
  }
  const url = socketUrl(window.location, token ?? '');
  const ws = new WebSocket(url);
  ws.binaryType = 'arraybuffer';
  const early: EarlySocket = {
    url,
    ws,
    received: [],
    subscriptions: subscriptions.map(({ id, path, input }) => ({ id, path, input })),
    closeCode: null,
    taken: false,
  };
  // Until the transport takes over (it sets `taken`), this keeps what comes, in order. Listeners rather than `on…`
  // properties: the transport sets those and these go quiet.
  ws.addEventListener('open', () => {
    if (early.taken) return;
    for (const s of subscriptions) ws.send(new Uint8Array(s.frame));
  });
  ws.addEventListener('message', (ev: MessageEvent<ArrayBuffer>) => {
    if (!early.taken) early.received.push(ev.data);
  });
  ws.addEventListener('close', (ev) => {
    if (!early.taken) early.closeCode = ev.code;
  });
  window.__berthEarlySocket = early;
})();
