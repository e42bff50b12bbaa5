import { encode } from '@msgpack/msgpack';
import type { StreamHandlers, Unsubscribe } from '../../../preload/contract';
import { BerthError, type BerthErrorShape } from '../../../preload/contract/errors';
import type { ClientTransport } from '../../../preload/contract/client';
import { formatLimit, INPUT_LIMITS, WIRE_ENVELOPE_BYTES } from '../../../preload/contract/limits';
import type { ClientMessage, ServerMessage } from '../../../preload/contract/wire';
import { decodeServerFrame, streamValue } from '../../../preload/contract/wire-decode';
import type { EarlySocket } from './early-socket-types';

/** `refused`: main closed the socket for its token (1008); retrying would not help, so it is not retried. */
export type SocketState = 'connecting' | 'open' | 'closed' | 'refused';

interface PendingCall {
  resolve(v: unknown): void;
  reject(e: unknown): void;
}
interface ActiveStream {
  path: string;
  input: unknown;
  handlers: StreamHandlers<unknown>;
}
/** A subscription the early script sent that no `subscribe` has claimed yet, with what arrived for it meanwhile. */
interface UnclaimedStream {
  path: string;
  input: unknown;
  received: ServerMessage[];
}

/** How long an early subscription waits for the app to claim it before it is ended (the app claims its own at once). */
const UNCLAIMED_MS = 5000;
const streamKey = (path: string, input: unknown) => `${path}\n${JSON.stringify(input)}`;

/**
 * Web mode's side of the contract: one WebSocket multiplexing calls and streams (MessagePack frames, so bytes stay
 * bytes). It reconnects by itself with backoff and re-opens the streams that were open, so a restarted `berth serve`
 * does not need a page reload. Calls made while the socket is down wait for it (briefly) rather than fail at once.
 */
export class WebSocketTransport implements ClientTransport {
  private ws: WebSocket | null = null;
  private nextId = 1;
  private readonly calls = new Map<number, PendingCall>();
  private readonly streams = new Map<number, ActiveStream>();
  private readonly unclaimed = new Map<number, UnclaimedStream>();
  private readonly queue: ClientMessage[] = [];
  private retryMs = 250;
  private stateListeners = new Set<(s: SocketState) => void>();
  state: SocketState = 'connecting';

  /**
   * `inputLimits`: the entries that take more than INPUT_LIMITS.bytes (from the contract's shape). An input over its
   * entry's limit is refused here, that call alone, before it is sent: main would refuse it too, and a frame over the
   * socket's cap would close the socket and end every stream of the page with it.
   *
   * `early`: the socket the early script opened for this address (early-socket.ts), taken over with what it has
   * received, the subscriptions it sent, and its close if it has closed already (a refused token is not asked again);
   * without one, or for another address, the transport opens its own.
   */
  constructor(
    private readonly url: string,
    private readonly inputLimits: ReadonlyMap<string, number> = new Map(),
    early: EarlySocket | null = null,
  ) {
    if (early && !early.taken && early.url === url) this.take(early);
    else this.open();
  }

  onState(cb: (s: SocketState) => void): () => void {
    this.stateListeners.add(cb);
    return () => this.stateListeners.delete(cb);
  }

  call(path: string, input: unknown): Promise<unknown> {
    const id = this.nextId++;
    const m: ClientMessage = { t: 'call', id, path, input };
    const frame = encode(m);
    const refused = this.oversized(path, frame);
    if (refused) return Promise.reject(BerthError.from(refused));
    return new Promise((resolve, reject) => {
      this.calls.set(id, { resolve, reject });
      this.send(m, frame);
    });
  }

  subscribe(path: string, input: unknown, handlers: StreamHandlers<unknown>): Unsubscribe {
    const early = this.claim(path, input, handlers);
    if (early !== null) return this.unsubscriber(early);
    const id = this.nextId++;
    const m: ClientMessage = { t: 'sub', id, path, input };
    const frame = encode(m);
    const refused = this.oversized(path, frame);
    if (refused) {
      queueMicrotask(() => handlers.error?.(refused));
      return () => undefined;
    }
    this.streams.set(id, { path, input, handlers });
    this.send(m, frame);
    return this.unsubscriber(id);
  }

  private unsubscriber(id: number): Unsubscribe {
    return () => {
      if (this.streams.delete(id)) this.send({ t: 'unsub', id });
    };
  }

  /**
   * The early subscription with this path and input, now the caller's stream: its id, or null if there is none. What
   * arrived for it so far is handed over in a microtask, after `subscribe` has returned, as a live message would be.
   */
  private claim(path: string, input: unknown, handlers: StreamHandlers<unknown>): number | null {
    const key = streamKey(path, input);
    for (const [id, u] of this.unclaimed) {
      if (streamKey(u.path, u.input) !== key) continue;
      this.unclaimed.delete(id);
      this.streams.set(id, { path, input, handlers });
      if (u.received.length > 0) queueMicrotask(() => u.received.forEach((m) => this.receive(m)));
      return id;
    }
    return null;
  }

  /** The error for a message whose frame would be over its entry's limit (as main counts it, plus the envelope). */
  private oversized(path: string, frame: Uint8Array): BerthErrorShape | null {
    const limit = this.inputLimits.get(path) ?? INPUT_LIMITS.bytes;
    const bytes = frame.byteLength;
    if (bytes <= limit + WIRE_ENVELOPE_BYTES) return null;
    return {
      code: 'INVALID_INPUT',
      message: `Invalid input to ${path} — ${formatLimit(bytes)} is larger than ${formatLimit(limit)}, the most it takes. Nothing was sent.`,
      details: { limit: limit },
    };
  }

  private setState(s: SocketState) {
    this.state = s;
    for (const cb of this.stateListeners) cb(s);
  }

  private open() {
    const ws = new WebSocket(this.url);
    ws.binaryType = 'arraybuffer';
    this.attach(ws);
  }

  /**
   * Takes over the early script's socket. Its subscriptions wait to be claimed (ids below this transport's own). If
   * the socket has not opened yet they are sent on open like every stream's, and the early script sends nothing more.
   */
  private take(early: EarlySocket) {
    early.taken = true;
    for (const s of early.subscriptions) {
      this.unclaimed.set(s.id, { path: s.path, input: s.input, received: [] });
      this.nextId = Math.max(this.nextId, s.id + 1);
    }
    this.attach(early.ws);
    for (const data of early.received) this.onFrame(data);
    early.received.length = 0;
    if (early.closeCode !== null) this.closed(early.closeCode);
    setTimeout(() => {
      for (const id of this.unclaimed.keys()) if (this.ws?.readyState === WebSocket.OPEN) this.rawSend({ t: 'unsub', id });
      this.unclaimed.clear();
    }, UNCLAIMED_MS);
  }

  private attach(ws: WebSocket) {
    this.ws = ws;
    this.setState(ws.readyState === WebSocket.OPEN ? 'open' : 'connecting');
    ws.onopen = () => {
      this.retryMs = 250;
      this.setState('open');
      for (const [id, s] of [...this.streams, ...this.unclaimed]) this.rawSend({ t: 'sub', id, path: s.path, input: s.input });
      for (const m of this.queue.splice(0)) this.rawSend(m);
    };
    ws.onmessage = (ev) => this.onFrame(ev.data as ArrayBuffer);
    ws.onclose = (ev) => this.closed(ev.code);
  }

  private closed(code: number) {
    this.ws = null;
    this.setState(code === 1008 ? 'refused' : 'closed');
    const err: BerthErrorShape = {
      code: 'TRANSPORT_CLOSED',
      message:
        code === 1008
          ? 'Berth refused this page (its access token is missing or stale). Open the URL that `berth serve` printed.'
          : 'Lost the connection to Berth. Reconnecting…',
    };
    for (const [id, c] of this.calls) {
      c.reject(BerthError.from(err));
      this.calls.delete(id);
    }
    if (code === 1008) return; // a refused token will not get better by retrying
    setTimeout(() => this.open(), this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, 3000);
  }

  private send(m: ClientMessage, frame?: Uint8Array) {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) this.ws.send(frame ?? encode(m));
    else if (m.t !== 'sub') this.queue.push(m); // streams are re-opened from `streams` on connect
  }

  private rawSend(m: ClientMessage) {
    this.ws?.send(encode(m));
  }

  private onFrame(data: ArrayBuffer) {
    this.receive(decodeServerFrame(new Uint8Array(data)));
  }

  private receive(m: ServerMessage) {
    if (m.t !== 'result') {
      const early = this.unclaimed.get(m.id);
      if (early) {
        // Ended before anyone claimed it: forgotten, so the `subscribe` that comes opens a stream of its own.
        if (m.t === 'next') early.received.push(m);
        else this.unclaimed.delete(m.id);
        return;
      }
    }
    switch (m.t) {
      case 'result': {
        const c = this.calls.get(m.id);
        if (!c) return;
        this.calls.delete(m.id);
        if (m.ok) c.resolve(m.value);
        else c.reject(BerthError.from(m.error));
        return;
      }
      case 'next': {
        const s = this.streams.get(m.id);
        if (!s) return;
        let value: unknown;
        try {
          value = streamValue(m.value, s.input);
        } catch (err) {
          console.error(`berth: a ${s.path} message could not be read`, err);
          return; // one message lost, not the stream
        }
        s.handlers.next(value);
        return;
      }
      case 'error': {
        const s = this.streams.get(m.id);
        this.streams.delete(m.id);
        s?.handlers.error?.(m.error);
        return;
      }
      case 'complete': {
        const s = this.streams.get(m.id);
        this.streams.delete(m.id);
        s?.handlers.complete?.();
        return;
      }
    }
  }
}

/**
 * The token `berth serve` printed arrives in the URL once; keep it for this tab and take it out of the address bar.
 * Both wait until the page is idle: Chromium's first sessionStorage access is a synchronous round trip to the browser
 * process (measured up to 150 ms on a busy machine), which would otherwise delay the first screen. Until then a
 * reload still finds the token in the URL.
 */
export function takeTokenFromLocation(): string | null {
  const fromUrl = new URL(window.location.href).searchParams.get('token');
  if (!fromUrl) return sessionStorage.getItem('berth.token');
  const keep = () => {
    sessionStorage.setItem('berth.token', fromUrl);
    const url = new URL(window.location.href); // the hash may have changed meanwhile
    url.searchParams.delete('token');
    window.history.replaceState(window.history.state, '', url.toString());
  };
  if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(keep, { timeout: 2000 });
  else setTimeout(keep, 500);
  return fromUrl;
}
