import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { WebContents, WebFrameMain } from 'electron';
import { contract, flattenContract, method, stream, type ContractTree, type StreamHandlers } from '../../preload/contract';
import { IPC_CHANNELS, type ServerMessage } from '../../preload/contract/wire';
import { INPUT_LIMITS } from '../../preload/contract/limits';
import { Router } from '../rpc/router';
import { createClient } from '../../preload/contract/client';
import { createIpcTransport } from '../../preload/index';
import { attachIpc, ownMainFrameOnly, type IpcCallResult } from './electron-ipc';

// A fake `ipcMain` that records what is registered; the tests play the renderer by calling the handlers.
const fake = vi.hoisted(() => {
  type Fn = (...args: unknown[]) => unknown;
  const handlers = new Map<string, Fn>();
  const listeners = new Map<string, Fn[]>();
  const ipcMain = {
    handle(channel: string, fn: Fn) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      handlers.set(channel, fn);
    },
    removeHandler(channel: string) {
      handlers.delete(channel);
    },
    on(channel: string, fn: Fn) {
      listeners.set(channel, [...(listeners.get(channel) ?? []), fn]);
      return ipcMain;
    },
    removeAllListeners(channel: string) {
      listeners.delete(channel);
      return ipcMain;
    },
  };
  return { handlers, listeners, ipcMain };
});
// The preload is imported too (for the round trip below); its own exposeInMainWorld goes nowhere.
vi.mock('electron', () => ({
  ipcMain: fake.ipcMain,
  contextBridge: { exposeInMainWorld() {} },
  ipcRenderer: { invoke: async () => undefined, send() {}, on() {} },
}));

const APP_URL = 'file:///opt/berth/dist/renderer/index.html';

interface FakeFrame {
  parent: FakeFrame | null;
  processId: number;
  routingId: number;
  url: string;
}

let nextContentsId = 1;
class FakeContents extends EventEmitter {
  readonly id = nextContentsId++;
  destroyed = false;
  readonly sent: ServerMessage[] = [];
  readonly mainFrame: FakeFrame;
  constructor(url = APP_URL) {
    super();
    this.mainFrame = { parent: null, processId: 100 + this.id, routingId: 1, url };
  }
  send(channel: string, message: ServerMessage) {
    if (channel !== IPC_CHANNELS.stream) throw new Error(`sent on ${channel}`);
    this.sent.push(message);
  }
  isDestroyed() {
    return this.destroyed;
  }
  subframe(url = APP_URL): FakeFrame {
    return { parent: this.mainFrame, processId: this.mainFrame.processId, routingId: 7, url };
  }
  destroy() {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

type Sender = { contents: FakeContents; frame?: FakeFrame | null };
const eventOf = ({ contents, frame }: Sender) => ({
  sender: contents as unknown as WebContents,
  senderFrame: (frame === undefined ? contents.mainFrame : frame) as unknown as WebFrameMain | null,
});

async function call(from: Sender, path: unknown, input: unknown): Promise<IpcCallResult> {
  const handler = fake.handlers.get(IPC_CHANNELS.call);
  if (!handler) throw new Error('berth:call not handled');
  return (await handler(eventOf(from), path, input)) as IpcCallResult;
}
function send(channel: string, from: Sender, message: unknown) {
  for (const fn of fake.listeners.get(channel) ?? []) fn(eventOf(from), message);
}
const sub = (from: Sender, id: number, path: string, input: unknown = {}) =>
  send(IPC_CHANNELS.subscribe, from, { t: 'sub', id, path, input });
const unsub = (from: Sender, id: number) => send(IPC_CHANNELS.unsubscribe, from, { t: 'unsub', id });
const tick = () => new Promise((r) => setTimeout(r, 0));

/** A small contract: what testRouter serves and what the preload test's client calls. */
const testContract = {
  t: {
    echo: method<unknown>()(z.strictObject({ value: z.string() })),
    fail: method<void>()(z.strictObject({})),
    bytes: stream<Uint8Array>()(z.strictObject({})),
    finite: stream<number>()(z.strictObject({ fail: z.boolean().optional() })),
  },
} satisfies ContractTree;

/** A router over testContract whose stream records its AbortSignal, so cancellation is observable. */
function testRouter() {
  const signals: AbortSignal[] = [];
  const router = new Router(testContract, {
    t: {
      echo: async (input: { value: string }) => ({ echoed: input.value }),
      fail: async () => {
        throw Object.assign(new Error('conflict'), { statusCode: 409, json: { message: 'name in use' } });
      },
      bytes: async (_input: unknown, emit: (m: Uint8Array) => void, signal: AbortSignal) => {
        signals.push(signal);
        emit(new Uint8Array([0, 1, 2, 255]));
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
      },
      finite: async (input: { fail?: boolean }, emit: (m: number) => void) => {
        emit(1);
        emit(2);
        if (input.fail) throw new Error('boom');
      },
    },
  });
  return { router, signals };
}

let owner: FakeContents;
let detach: (() => void) | undefined;
const isAppUrl = (url: string) => url.startsWith('file:///opt/berth/dist/renderer/');

function attach(router: Router) {
  detach = attachIpc(router, {
    isTrustedSender: ownMainFrameOnly(() => owner as unknown as WebContents, isAppUrl),
    log: () => {},
  });
}

beforeEach(() => {
  owner = new FakeContents();
});
afterEach(() => {
  detach?.();
  detach = undefined;
  fake.handlers.clear();
  fake.listeners.clear();
});

describe('attachIpc channels', () => {
  it('registers exactly the berth: channels, and detach removes them', () => {
    attach(testRouter().router);
    expect([...fake.handlers.keys()]).toEqual([IPC_CHANNELS.call]);
    expect([...fake.listeners.keys()].sort()).toEqual([IPC_CHANNELS.subscribe, IPC_CHANNELS.unsubscribe].sort());
    expect(fake.listeners.get(IPC_CHANNELS.stream)).toBeUndefined();
    detach?.();
    detach = undefined;
    expect(fake.handlers.size).toBe(0);
    expect(fake.listeners.size).toBe(0);
  });
});

describe('every contract entry is reachable over IPC', () => {
  const entries = flattenContract(contract);

  it('the contract has both kinds of entries (guards the loops below)', () => {
    expect(entries.some((e) => e.entry.kind === 'method')).toBe(true);
    expect(entries.some((e) => e.entry.kind === 'stream')).toBe(true);
  });

  it('routes each method path through berth:call to the router, with the window as client', async () => {
    const seen: { path: unknown; input: unknown; transport: string }[] = [];
    const router = {
      call: async (path: unknown, input: unknown, ctx: { transport: string }) => {
        seen.push({ path, input, transport: ctx.transport });
        return { from: path };
      },
      subscribe: () => () => {},
      disposeClient: () => 0,
    } as unknown as Router;
    attach(router);
    for (const { path, entry } of entries) {
      if (entry.kind !== 'method') continue;
      expect(await call({ contents: owner }, path, { probe: path })).toEqual({ ok: true, value: { from: path } });
    }
    const methods = entries.filter((e) => e.entry.kind === 'method').map((e) => e.path);
    expect(seen.map((s) => s.path)).toEqual(methods);
    expect(seen.every((s) => s.transport === 'electron' && (s.input as { probe: string }).probe === s.path)).toBe(true);
  });

  it('routes each stream path through berth:sub and returns its messages on berth:stream', () => {
    const seen: string[] = [];
    const router = {
      call: async () => undefined,
      subscribe: (path: string, _input: unknown, handlers: StreamHandlers<unknown>) => {
        seen.push(path);
        handlers.next({ from: path });
        return () => {};
      },
      disposeClient: () => 0,
    } as unknown as Router;
    attach(router);
    const streams = entries.filter((e) => e.entry.kind === 'stream').map((e) => e.path);
    streams.forEach((path, i) => sub({ contents: owner }, i + 1, path));
    expect(seen).toEqual(streams);
    expect(owner.sent).toEqual(streams.map((path, i) => ({ t: 'next', id: i + 1, value: { from: path } })));
  });

  it("reaches the real router's table for every path (an unknown path is UNKNOWN_METHOD)", async () => {
    // Implementation generated from the contract: each method answers its path, each stream emits it once.
    const impl: Record<string, unknown> = {};
    for (const { path, entry } of entries) {
      const parts = path.split('.');
      let node = impl;
      for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
      node[parts.at(-1)!] =
        entry.kind === 'method'
          ? async () => ({ path })
          : async (_i: unknown, emit: (m: unknown) => void) => {
              emit({ path });
            };
    }
    attach(new Router(contract, impl));
    for (const { path, entry } of entries) {
      if (entry.kind === 'method') {
        const result = await call({ contents: owner }, path, {});
        // Some inputs need fields, so INVALID_INPUT is fine: it means the entry was found and validated.
        if (!result.ok) expect(result.error.code, path).toBe('INVALID_INPUT');
        else expect(result.value).toEqual({ path });
      } else {
        owner.sent.length = 0;
        sub({ contents: owner }, 1, path);
        await tick();
        const first = owner.sent[0];
        if (first?.t === 'error') expect(first.error.code, path).toBe('INVALID_INPUT');
        else expect(first, path).toEqual({ t: 'next', id: 1, value: { path } });
      }
    }
    const unknown = await call({ contents: owner }, 'containers.nope', {});
    expect(unknown.ok === false && unknown.error.code).toBe('UNKNOWN_METHOD');
  });
});

describe('calls', () => {
  it('returns values and turns failures into plain { code, message } data', async () => {
    attach(testRouter().router);
    expect(await call({ contents: owner }, 't.echo', { value: 'hi' })).toEqual({ ok: true, value: { echoed: 'hi' } });
    const failed = await call({ contents: owner }, 't.fail', {});
    expect(failed).toEqual({ ok: false, error: { code: 'CONFLICT', message: 'name in use' } });
    const bad = await call({ contents: owner }, 't.echo', { value: 3 });
    expect(bad.ok === false && bad.error.code).toBe('INVALID_INPUT');
    expect(bad.ok === false && bad.error instanceof Error).toBe(false);
  });
});

describe('the same input limits as web mode (the router enforces them for both transports)', () => {
  it('deep nesting, a __proto__ key and an oversized input are refused with INVALID_INPUT, for calls and streams', async () => {
    const { router } = testRouter();
    attach(router);
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const bad = [
      { value: 'x', deep },
      JSON.parse('{"value":"x","__proto__":{"polluted":true}}') as unknown,
      { value: 'x'.repeat(INPUT_LIMITS.bytes + 1) },
    ];
    for (const input of bad) {
      const result = await call({ contents: owner }, 't.echo', input);
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    bad.forEach((input, i) => sub({ contents: owner }, 100 + i, 't.bytes', input));
    await tick();
    expect(owner.sent).toEqual(bad.map((_, i) => ({ t: 'error', id: 100 + i, error: expect.objectContaining({ code: 'INVALID_INPUT' }) })));
    expect(router.openStreams()).toBe(0);
    expect(await call({ contents: owner }, 't.echo', { value: 'still fine' })).toEqual({ ok: true, value: { echoed: 'still fine' } });
  });
});

describe('foreign senders are refused', () => {
  const foreign: [string, () => Sender][] = [
    ['another webContents', () => ({ contents: new FakeContents() })],
    ['a subframe of our window', () => ({ contents: owner, frame: owner.subframe() })],
    ['our window showing a foreign URL', () => ({ contents: owner, frame: { ...owner.mainFrame, url: 'https://evil.example/' } })],
    ['a file outside the renderer folder', () => ({ contents: owner, frame: { ...owner.mainFrame, url: 'file:///tmp/x.html' } })],
    ['no frame at all', () => ({ contents: owner, frame: null })],
    ['our window after it was destroyed', () => (owner.destroyed = true, { contents: owner })],
  ];

  for (const [name, make] of foreign) {
    it(`refuses ${name}`, async () => {
      const router = {
        call: vi.fn(async () => 'secret'),
        subscribe: vi.fn(() => () => {}),
        disposeClient: () => 0,
      };
      attach(router as unknown as Router);
      const from = make();
      const result = await call(from, 'containers.list', {});
      expect(result).toEqual({ ok: false, error: { code: 'PERMISSION_DENIED', message: expect.any(String) } });
      sub(from, 1, 'containers.watch');
      unsub(from, 1);
      expect(router.call).not.toHaveBeenCalled();
      expect(router.subscribe).not.toHaveBeenCalled();
      expect(from.contents.sent).toEqual([]);
      expect(owner.sent).toEqual([]);
    });
  }

  it('accepts our own main frame (the refusals above are not a blanket refusal)', async () => {
    attach(testRouter().router);
    expect((await call({ contents: owner }, 't.echo', { value: 'x' })).ok).toBe(true);
  });
});

describe('streams', () => {
  it('passes Uint8Array payloads through unchanged', async () => {
    attach(testRouter().router);
    sub({ contents: owner }, 5, 't.bytes');
    await tick();
    const msg = owner.sent[0];
    expect(msg?.t).toBe('next');
    const value = msg?.t === 'next' ? msg.value : undefined;
    expect(value).toBeInstanceOf(Uint8Array);
    expect([...(value as Uint8Array)]).toEqual([0, 1, 2, 255]);
  });

  it('forwards complete and error, then forgets the id', async () => {
    attach(testRouter().router);
    sub({ contents: owner }, 1, 't.finite');
    sub({ contents: owner }, 2, 't.finite', { fail: true });
    sub({ contents: owner }, 3, 't.nope');
    await tick();
    expect(owner.sent).toContainEqual({ t: 'complete', id: 1 });
    expect(owner.sent).toContainEqual({ t: 'error', id: 2, error: { code: 'INTERNAL', message: 'boom' } });
    expect(owner.sent).toContainEqual({ t: 'error', id: 3, error: expect.objectContaining({ code: 'UNKNOWN_METHOD' }) });
    const nexts = (id: number) => owner.sent.filter((m) => m.t === 'next' && m.id === id).map((m) => m.t === 'next' && m.value);
    expect([nexts(1), nexts(2), nexts(3)]).toEqual([[1, 2], [1, 2], []]);
    // Complete/error come after the stream's last message.
    const lastNextOf1 = owner.sent.map((m) => m.t === 'next' && m.id === 1).lastIndexOf(true);
    expect(owner.sent.findIndex((m) => m.t === 'complete')).toBeGreaterThan(lastNextOf1);
  });

  it('berth:unsub cancels the engine-side work (the AbortSignal fires)', async () => {
    const { router, signals } = testRouter();
    attach(router);
    sub({ contents: owner }, 1, 't.bytes');
    sub({ contents: owner }, 2, 't.bytes');
    await tick();
    expect(router.openStreams()).toBe(2);
    unsub({ contents: owner }, 1);
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[1]?.aborted).toBe(false);
    expect(router.openStreams()).toBe(1);
  });

  it('a foreign sender cannot cancel our streams', async () => {
    const { router, signals } = testRouter();
    attach(router);
    sub({ contents: owner }, 1, 't.bytes');
    await tick();
    unsub({ contents: new FakeContents() }, 1);
    unsub({ contents: owner, frame: owner.subframe() }, 1);
    expect(signals[0]?.aborted).toBe(false);
  });

  const goneEvents: [string, (c: FakeContents) => void][] = [
    ['a reload or navigation commits (did-navigate)', (c) => c.emit('did-navigate', {}, APP_URL)],
    ['the renderer process dies', (c) => c.emit('render-process-gone', {}, { reason: 'crashed' })],
    ['the webContents is destroyed', (c) => c.destroy()],
  ];
  for (const [name, happen] of goneEvents) {
    it(`cancels every stream of the window when ${name}`, async () => {
      const { router, signals } = testRouter();
      attach(router);
      const other = new FakeContents();
      sub({ contents: owner }, 1, 't.bytes');
      sub({ contents: owner }, 2, 't.bytes');
      await tick();
      expect(router.openStreams()).toBe(2);
      owner.sent.length = 0;
      happen(owner);
      expect(signals.map((s) => s.aborted)).toEqual([true, true]);
      expect(router.openStreams()).toBe(0);
      expect(owner.sent).toEqual([]);
      expect(other.sent).toEqual([]);
    });
  }

  it('the reloaded page starts fresh: its ids do not collide with the old page', async () => {
    const { router, signals } = testRouter();
    attach(router);
    sub({ contents: owner }, 1, 't.bytes');
    await tick();
    owner.emit('did-navigate', {}, APP_URL);
    owner.sent.length = 0;
    sub({ contents: owner }, 1, 't.bytes');
    await tick();
    expect(owner.sent).toEqual([{ t: 'next', id: 1, value: new Uint8Array([0, 1, 2, 255]) }]);
    expect(signals.map((s) => s.aborted)).toEqual([true, false]);
    unsub({ contents: owner }, 1);
    expect(signals[1]?.aborted).toBe(true);
  });

  it('detach cancels every open stream', async () => {
    const { router, signals } = testRouter();
    attach(router);
    sub({ contents: owner }, 1, 't.bytes');
    await tick();
    detach?.();
    detach = undefined;
    expect(signals[0]?.aborted).toBe(true);
  });

  it('ignores malformed subscription messages', async () => {
    const { router } = testRouter();
    attach(router);
    for (const bad of [null, 'x', { t: 'sub', path: 't.bytes' }, { t: 'sub', id: -1, path: 't.bytes' }, { id: 1.5, path: 't.bytes' }]) {
      send(IPC_CHANNELS.subscribe, { contents: owner }, bad);
    }
    await tick();
    expect(router.openStreams()).toBe(0);
    expect(owner.sent).toEqual([]);
  });
});

describe('ownMainFrameOnly', () => {
  it('trusts only the main frame of the given webContents showing an app URL', () => {
    const check = ownMainFrameOnly(() => owner as unknown as WebContents, isAppUrl);
    const as = (f: FakeFrame | null) => f as unknown as WebFrameMain | null;
    const wc = owner as unknown as WebContents;
    expect(check(as(owner.mainFrame), wc)).toBe(true);
    expect(check(as({ ...owner.mainFrame }), wc)).toBe(true);
    expect(check(as(owner.subframe()), wc)).toBe(false);
    expect(check(as({ ...owner.mainFrame, routingId: 99 }), wc)).toBe(false);
    expect(check(as(owner.mainFrame), new FakeContents() as unknown as WebContents)).toBe(false);
    expect(ownMainFrameOnly(() => null, isAppUrl)(as(owner.mainFrame), wc)).toBe(false);
  });
});

describe('preload and main together', () => {
  it('window.berth calls and streams round-trip through the berth: channels to the router', async () => {
    const { router, signals } = testRouter();
    attach(router);
    // The renderer side of the wire: invoke/send reach the main handlers as our main frame; berth:stream comes back.
    const streamListeners: ((event: unknown, m: ServerMessage) => void)[] = [];
    const forward = owner.send.bind(owner);
    owner.send = (channel, message) => {
      forward(channel, message);
      for (const l of streamListeners) l({}, message);
    };
    const ipcRenderer = {
      invoke: async (channel: string, ...args: unknown[]) => fake.handlers.get(channel)?.(eventOf({ contents: owner }), ...args),
      send: (channel: string, message: unknown) => send(channel, { contents: owner }, message),
      on: (channel: string, listener: (event: unknown, m: ServerMessage) => void) => {
        if (channel === IPC_CHANNELS.stream) streamListeners.push(listener);
      },
    };
    const api = createClient(testContract, createIpcTransport(ipcRenderer as never));

    await expect(api.t.echo({ value: 'ping' })).resolves.toEqual({ echoed: 'ping' });
    await expect(api.t.fail({})).rejects.toEqual({ code: 'CONFLICT', message: 'name in use' });

    const got: unknown[] = [];
    const stop = api.t.bytes({}, { next: (m) => got.push(m) });
    await tick();
    expect(got).toEqual([new Uint8Array([0, 1, 2, 255])]);
    expect(got[0]).toBeInstanceOf(Uint8Array);
    stop();
    expect(signals[0]?.aborted).toBe(true);
    expect(router.openStreams()).toBe(0);
  });
});
