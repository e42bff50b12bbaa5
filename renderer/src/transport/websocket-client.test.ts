import { decode, encode, ExtData } from '@msgpack/msgpack';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { contract } from '../../../preload/contract';
import { contractShape } from '../../../preload/contract/client';
import { INPUT_LIMITS, STACK_FILE_MAX_BYTES } from '../../../preload/contract/limits';
import { JSON_TEXT_EXT } from '../../../preload/contract/wire';
import type { EarlySocket } from './early-socket-types';
import { WebSocketTransport } from './websocket-client';

/** Stands in for the browser's WebSocket: opens at once and keeps what was sent. */
class FakeSocket {
  static OPEN = 1;
  static last: FakeSocket | null = null;
  readyState = 0;
  binaryType = '';
  sent: Uint8Array[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: ArrayBuffer }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
    queueMicrotask(() => {
      this.readyState = FakeSocket.OPEN;
      this.onopen?.();
    });
  }
  send(bytes: Uint8Array) {
    this.sent.push(bytes);
  }
}

const limits = new Map<string, number>();
for (const [path, , max] of contractShape(contract)) if (max !== undefined) limits.set(path, max);

beforeEach(() => vi.stubGlobal('WebSocket', FakeSocket));
afterEach(() => vi.unstubAllGlobals());

async function openTransport() {
  const transport = new WebSocketTransport('ws://127.0.0.1/rpc', limits);
  await new Promise((r) => setTimeout(r, 0));
  return { transport, socket: FakeSocket.last! };
}

describe('inputs over their entry’s limit are refused before they are sent', () => {
  it('the contract states the stack file limit in its shape', () => {
    expect(limits.get('stacks.save')).toBeGreaterThan(STACK_FILE_MAX_BYTES);
  });

  it('a call over the default limit is refused alone, with the sizes; the socket and a stream go on', async () => {
    const { transport, socket } = await openTransport();
    const seen: unknown[] = [];
    transport.subscribe('events.watch', {}, { next: (m) => seen.push(m) });
    const big = 'x'.repeat(INPUT_LIMITS.bytes + 10_000);
    await expect(transport.call('containers.rename', { id: 'a', name: big })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^Invalid input to containers\.rename — 26\d\.\d KiB is larger than 256 KiB, the most it takes\. Nothing was sent\.$/),
    });
    expect(socket.sent.map((b) => (decode(b) as { path: string }).path)).toEqual(['events.watch']);
    // The stream still gets its messages: nothing was closed.
    socket.onmessage?.({ data: new Uint8Array(encode({ t: 'next', id: 1, value: 'ok' })).buffer });
    expect(seen).toEqual(['ok']);
  });

  it('an entry that states more takes more: a 1 MiB compose file goes out whole', async () => {
    const { transport, socket } = await openTransport();
    void transport.call('stacks.save', { path: '/tmp/compose.yaml', text: 'y'.repeat(1024 * 1024) }).catch(() => undefined);
    expect(socket.sent).toHaveLength(1);
    expect(socket.sent[0]!.byteLength).toBeGreaterThan(1024 * 1024);
  });

  it('a stream over the limit ends with the error and sends nothing', async () => {
    const { transport, socket } = await openTransport();
    const error = await new Promise((resolve) =>
      transport.subscribe('logs.follow', { id: 'y'.repeat(INPUT_LIMITS.bytes * 2) }, { next: () => undefined, error: resolve }),
    );
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(socket.sent).toEqual([]);
  });
});

describe('a socket main refuses for its token', () => {
  it('is "refused", not retried, and its calls fail saying why', async () => {
    const { transport, socket } = await openTransport();
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const states: string[] = [];
      transport.onState((s) => states.push(s));
      const call = transport.call('containers.list', {}).catch((e: Error) => e.message);
      socket.onclose?.({ code: 1008 });
      expect(transport.state).toBe('refused');
      expect(await call).toMatch(/access token is missing or stale/);
      vi.advanceTimersByTime(10_000);
      expect(FakeSocket.last).toBe(socket); // no new socket
      expect(states).toEqual(['refused']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('any other close is "closed" and retried', async () => {
    const { transport, socket } = await openTransport();
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      socket.onclose?.({ code: 1006 });
      expect(transport.state).toBe('closed');
      vi.advanceTimersByTime(1_000);
      expect(FakeSocket.last).not.toBe(socket);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('the early script’s socket (early-socket.ts)', () => {
  const frame = (m: unknown) => new Uint8Array(encode(m)).buffer;
  const earlySocket = (url: string, state: 'connecting' | 'open', received: ArrayBuffer[] = []): EarlySocket => {
    // The fake opens itself in a microtask, calling the `onopen` the transport set by then.
    const ws = new FakeSocket(url);
    if (state === 'open') ws.readyState = FakeSocket.OPEN;
    return {
      url,
      ws: ws as unknown as WebSocket,
      received,
      subscriptions: [{ id: 1, path: 'engine.watch', input: {} }],
      closeCode: null,
      taken: false,
    };
  };

  it('is taken over open: its subscription goes to the first matching subscribe, with what had arrived, and nothing is sent again', async () => {
    const early = earlySocket('ws://127.0.0.1/rpc', 'open', [frame({ t: 'next', id: 1, value: ['engines'] })]);
    await Promise.resolve();
    const transport = new WebSocketTransport('ws://127.0.0.1/rpc', limits, early);
    expect(early.taken).toBe(true);
    expect(transport.state).toBe('open');
    const seen: unknown[] = [];
    transport.subscribe('engine.watch', {}, { next: (m) => seen.push(m) });
    expect(seen).toEqual([]); // handed over after subscribe returns
    await Promise.resolve();
    expect(seen).toEqual([['engines']]);
    const ws = early.ws as unknown as FakeSocket;
    ws.onmessage?.({ data: frame({ t: 'next', id: 1, value: ['later'] }) });
    expect(seen).toEqual([['engines'], ['later']]);
    // The transport's own ids come after the early ones.
    transport.subscribe('events.watch', {}, { next: () => undefined });
    expect(ws.sent.map((b) => decode(b))).toEqual([{ t: 'sub', id: 2, path: 'events.watch', input: {} }]);
  });

  it('is taken over still connecting: the early subscriptions go out on open with the transport’s own', async () => {
    const early = earlySocket('ws://127.0.0.1/rpc', 'connecting');
    const transport = new WebSocketTransport('ws://127.0.0.1/rpc', limits, early);
    expect(transport.state).toBe('connecting');
    transport.subscribe('events.watch', {}, { next: () => undefined });
    const ws = early.ws as unknown as FakeSocket;
    await Promise.resolve(); // the fake opens
    expect(ws.sent.map((b) => decode(b))).toEqual([
      { t: 'sub', id: 2, path: 'events.watch', input: {} },
      { t: 'sub', id: 1, path: 'engine.watch', input: {} },
    ]);
    expect(transport.state).toBe('open');
  });

  it('an early subscription nobody claims is ended after a while', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    try {
      const early = earlySocket('ws://127.0.0.1/rpc', 'open');
      await Promise.resolve();
      new WebSocketTransport('ws://127.0.0.1/rpc', limits, early);
      vi.advanceTimersByTime(10_000);
      expect((early.ws as unknown as FakeSocket).sent.map((b) => decode(b))).toEqual([{ t: 'unsub', id: 1 }]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('one main had refused before the transport took it is not asked again', async () => {
    const early = earlySocket('ws://127.0.0.1/rpc', 'open');
    await Promise.resolve();
    early.closeCode = 1008;
    const ws = FakeSocket.last;
    const transport = new WebSocketTransport('ws://127.0.0.1/rpc', limits, early);
    expect(transport.state).toBe('refused');
    await new Promise((r) => setTimeout(r, 300));
    expect(FakeSocket.last).toBe(ws);
  });

  it('a socket for another address is left alone: the transport opens its own', async () => {
    const early = earlySocket('ws://127.0.0.1/rpc?token=old', 'open');
    const transport = new WebSocketTransport('ws://127.0.0.1/rpc?token=new', limits, early);
    await new Promise((r) => setTimeout(r, 0));
    expect(early.taken).toBe(false);
    expect(FakeSocket.last!.url).toBe('ws://127.0.0.1/rpc?token=new');
    expect(transport.state).toBe('open');
  });
});

describe('values main sends as JSON text (jsonMessages streams)', () => {
  it('arrive as the objects they were', async () => {
    const { transport, socket } = await openTransport();
    const seen: unknown[] = [];
    transport.subscribe('containers.watch', {}, { next: (m) => seen.push(m) });
    const value = { type: 'snapshot', engineId: 'local', containers: [{ id: 'a', name: 'ü ✓', labels: { 'x.y': 'z' }, ports: [] }] };
    const text = new ExtData(JSON_TEXT_EXT, new TextEncoder().encode(JSON.stringify(value)));
    socket.onmessage?.({ data: new Uint8Array(encode({ t: 'next', id: 1, value: text })).buffer });
    expect(seen).toEqual([value]);
  });
});
