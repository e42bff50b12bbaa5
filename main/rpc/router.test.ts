import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  BerthError,
  contract,
  flattenContract,
  method,
  stream,
  type BerthErrorShape,
  type CallContext,
  type ImplementationOf,
} from '../../preload/contract';
import { toErrorShape } from '../errors';
import { Router, type RouterOptions } from './router';

const testContract = {
  echo: method<{ text: string; times: number }>()(z.strictObject({ text: z.string(), times: z.number().int().default(1) })),
  nested: {
    fail: method<void>()(z.strictObject({ status: z.number() })),
    noInput: method<string>()(z.strictObject({})),
  },
  ticks: stream<number>()(z.strictObject({ count: z.number().int().min(0) })),
  manual: stream<string>()(z.strictObject({ tag: z.string().default('t') })),
};

const ctxA: CallContext = { transport: 'test', clientId: 'A' };
const ctxB: CallContext = { transport: 'test', clientId: 'B' };

/** An implementation of Berth's whole contract where every entry is `fn`. */
function implementEvery(fn: () => Promise<unknown>): Record<string, unknown> {
  const full: Record<string, unknown> = {};
  for (const { path } of flattenContract(contract)) {
    const keys = path.split('.');
    let node = full;
    for (const k of keys.slice(0, -1)) node = (node[k] ??= {}) as Record<string, unknown>;
    node[keys.at(-1)!] = fn;
  }
  return full;
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A stream the test drives by hand: it records emit and the AbortSignal, and settles when told. */
interface ManualRun {
  input: { tag: string };
  emit: (m: string) => void;
  signal: AbortSignal;
  ctx: CallContext;
  resolve: () => void;
  reject: (err: unknown) => void;
}

function setup(opts: RouterOptions = {}) {
  const calls: { path: string; input: unknown; ctx: CallContext }[] = [];
  const runs: ManualRun[] = [];
  const impl: ImplementationOf<typeof testContract> = {
    async echo(input, ctx) {
      calls.push({ path: 'echo', input, ctx });
      return input;
    },
    nested: {
      async fail(input) {
        calls.push({ path: 'nested.fail', input, ctx: ctxA });
        throw Object.assign(new Error('HTTP'), { statusCode: input.status, json: { message: 'No such container: web' } });
      },
      async noInput(input) {
        calls.push({ path: 'nested.noInput', input, ctx: ctxA });
        return 'ok';
      },
    },
    async ticks(input, emit) {
      calls.push({ path: 'ticks', input, ctx: ctxA });
      for (let i = 0; i < input.count; i++) emit(i);
      if (input.count === 13) throw Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
    },
    manual(input, emit, signal, ctx) {
      calls.push({ path: 'manual', input, ctx });
      return new Promise<void>((resolve, reject) => runs.push({ input, emit, signal, ctx, resolve, reject }));
    },
  };
  return { router: new Router(testContract, impl, opts), calls, runs };
}

function recorder() {
  const log: { next: unknown[]; errors: BerthErrorShape[]; completed: number } = { next: [], errors: [], completed: 0 };
  return {
    log,
    handlers: {
      next: (m: unknown) => log.next.push(m),
      error: (e: BerthErrorShape) => log.errors.push(e),
      complete: () => log.completed++,
    },
  };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

describe('construction', () => {
  it('throws when an entry has no implementation, naming it', () => {
    const partial = {
      echo: async () => ({ text: '', times: 1 }),
      nested: { fail: async () => {} },
      ticks: async () => {},
      manual: async () => {},
    };
    expect(() => new Router(testContract, partial)).toThrow('contract entry nested.noInput has no implementation');
    expect(() => new Router(testContract, { ...partial, nested: { fail: async () => {}, noInput: 'not a function' } })).toThrow(/nested\.noInput/);
  });

  it('paths lists every entry with its kind', () => {
    const { router } = setup();
    expect(router.paths).toEqual([
      { path: 'echo', kind: 'method' },
      { path: 'nested.fail', kind: 'method' },
      { path: 'nested.noInput', kind: 'method' },
      { path: 'ticks', kind: 'stream' },
      { path: 'manual', kind: 'stream' },
    ]);
  });

  it('wires the real contract: every entry appears, and one missing implementation is refused', () => {
    const flat = flattenContract(contract);
    expect(flat.length).toBeGreaterThan(3);
    const full = implementEvery(async () => undefined);
    const router = new Router(contract, full);
    expect(router.paths).toEqual(flat.map(({ path, entry }) => ({ path, kind: entry.kind })));
    expect(router.paths.map((p) => p.path)).toEqual(expect.arrayContaining(['containers.list', 'containers.watch', 'engine.watch', 'events.watch']));

    const [first] = flat;
    const keys = first!.path.split('.');
    let node = full;
    for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
    delete node[keys.at(-1)!];
    expect(() => new Router(contract, full)).toThrow(first!.path);
  });
});

describe('call', () => {
  it('passes validated input with defaults applied, and the context', async () => {
    const { router, calls } = setup();
    await expect(router.call('echo', { text: 'hi' }, ctxA)).resolves.toEqual({ text: 'hi', times: 1 });
    expect(calls).toEqual([{ path: 'echo', input: { text: 'hi', times: 1 }, ctx: ctxA }]);
    await expect(router.call('echo', { text: 'hi', times: 3 }, ctxA)).resolves.toEqual({ text: 'hi', times: 3 });
  });

  it('treats a missing input as {}', async () => {
    const { router } = setup();
    await expect(router.call('nested.noInput', undefined, ctxA)).resolves.toBe('ok');
    await expect(router.call('nested.noInput', null, ctxA)).resolves.toBe('ok');
  });

  it.each([
    ['a wrong type', { text: 42 }],
    ['a missing field', {}],
    ['an unknown field', { text: 'hi', extra: true }],
    ['a default-able field of the wrong type', { text: 'hi', times: 1.5 }],
    ['not an object', 'text'],
  ])('%s → INVALID_INPUT, and the implementation is not invoked', async (_, input) => {
    const { router, calls } = setup();
    const err = await rejection(router.call('echo', input, ctxA));
    const shape = toErrorShape(err);
    expect(shape.code).toBe('INVALID_INPUT');
    expect(shape.message).toMatch(/^Invalid input/);
    expect(calls).toEqual([]);
  });

  it('an input over 256 KiB → INVALID_INPUT before validation; the implementation is not invoked', async () => {
    const { router, calls } = setup();
    const err = await rejection(router.call('echo', { text: 'x'.repeat(256 * 1024 + 1) }, ctxA));
    expect(err).toBeInstanceOf(BerthError);
    expect(err).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('256 KiB') });
    // also when the bulk hides in an array of small strings (would otherwise fail on the unknown field)
    const many = await rejection(router.call('echo', { text: 'a', junk: Array.from({ length: 300 }, () => 'y'.repeat(1024)) }, ctxA));
    expect(many).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('256 KiB') });
    expect(calls).toEqual([]);
    // a large but acceptable string still goes through
    await expect(router.call('echo', { text: 'z'.repeat(200 * 1024) }, ctxA)).resolves.toMatchObject({ times: 1 });
  });

  it('deep nesting (20,000 to 200,000 levels) → INVALID_INPUT, not a stack overflow; nothing is invoked', async () => {
    const { router, calls } = setup();
    for (const levels of [33, 20_000, 200_000]) {
      let array: unknown = [];
      let object: unknown = {};
      for (let i = 0; i < levels; i++) {
        array = [array];
        object = { a: object };
      }
      for (const input of [{ text: 'x', junk: array }, { text: 'x', junk: object }, array]) {
        const err = await rejection(router.call('echo', input, ctxA));
        expect(err).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('nested more than 32 levels') });
      }
    }
    // … and the same for a stream
    let deep: unknown = [];
    for (let i = 0; i < 50_000; i++) deep = [deep];
    const errors: BerthErrorShape[] = [];
    router.subscribe('ticks', { count: deep }, { next() {}, error: (e) => errors.push(e) }, ctxA);
    expect(errors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT' })]);
    expect(calls).toEqual([]);
  });

  it('a __proto__ key or too many values → INVALID_INPUT; a flat array of a million is refused before it is walked', async () => {
    const { router, calls } = setup();
    const proto = JSON.parse('{"text":"x","__proto__":{"polluted":true}}') as unknown;
    await expect(router.call('echo', proto, ctxA)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('__proto__') });
    await expect(router.call('echo', { text: 'x', junk: new Array(1_000_000).fill(0) }, ctxA)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('more than 100,000 values'),
    });
    expect(calls).toEqual([]);
  });

  it("an entry's own maxInputBytes raises its limit (and only its), and the frame cap follows the largest", async () => {
    const big = { put: method<number>()(z.strictObject({ text: z.string() }), { maxInputBytes: 1024 * 1024 }), small: method<number>()(z.strictObject({ text: z.string() })) };
    const router = new Router(big, { put: async (i: { text: string }) => i.text.length, small: async (i: { text: string }) => i.text.length });
    await expect(router.call('put', { text: 'x'.repeat(900 * 1024) }, ctxA)).resolves.toBe(900 * 1024);
    await expect(router.call('put', { text: 'x'.repeat(1024 * 1024) }, ctxA)).rejects.toMatchObject({ message: expect.stringContaining('larger than 1 MiB') });
    await expect(router.call('small', { text: 'x'.repeat(900 * 1024) }, ctxA)).rejects.toMatchObject({ message: expect.stringContaining('larger than 256 KiB') });
    expect(router.largestInputBytes).toBe(1024 * 1024);
  });

  it("Berth's own contract: a 300 KiB compose file may be saved, 4.2 MiB of UTF-8 (2.2 M characters) is refused in words, an upload chunk fits", async () => {
    const flat = flattenContract(contract);
    const entry = (p: string) => flat.find((f) => f.path === p)!.entry;
    const router = new Router(contract, implementEvery(async () => 'ran'));
    const stamp = null;
    await expect(router.call('stacks.save', { path: '/tmp/c/compose.yaml', text: 'x'.repeat(300 * 1024), expected: stamp }, ctxA)).resolves.toBe('ran');
    await expect(router.call('stacks.save', { path: '/tmp/c/compose.yaml', text: 'é'.repeat(2_200_000), expected: stamp }, ctxA)).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: 'Invalid input to stacks.save — larger than 4 MiB, the most it takes.',
    });
    expect(entry('stacks.save').maxInputBytes).toBeGreaterThan(4 * 1024 * 1024);
    await expect(
      router.call('containerDetails.files.uploadChunk', { uploadId: 'a'.repeat(32), data: new Uint8Array(512 * 1024) }, ctxA),
    ).resolves.toBe('ran');
  });

  it('an unknown path, a non-string path and a stream called as a method → UNKNOWN_METHOD', async () => {
    const { router, calls } = setup();
    for (const path of ['nope', 'nested', 'nested.missing', 42, undefined, 'ticks', 'manual']) {
      const err = await rejection(router.call(path, { count: 1 }, ctxA));
      expect(err, String(path)).toBeInstanceOf(BerthError);
      expect((err as BerthError).code).toBe('UNKNOWN_METHOD');
    }
    expect(calls).toEqual([]);
  });

  it('maps errors the implementation throws', async () => {
    const { router } = setup();
    const err = await rejection(router.call('nested.fail', { status: 404 }, ctxA));
    expect(err).toBeInstanceOf(BerthError);
    expect(err).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('"web" no longer exists') });
    expect(await rejection(router.call('nested.fail', { status: 409 }, ctxA))).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('subscribe', () => {
  it('delivers messages to next, then complete', async () => {
    const { router } = setup();
    const { log, handlers } = recorder();
    router.subscribe('ticks', { count: 3 }, handlers, ctxA);
    await flush();
    expect(log).toEqual({ next: [0, 1, 2], errors: [], completed: 1 });
    expect(router.openStreams()).toBe(0);
  });

  it('an error thrown by the implementation → error with a code, after the messages before it; no complete', async () => {
    const { router } = setup();
    const { log, handlers } = recorder();
    router.subscribe('ticks', { count: 13 }, handlers, ctxA);
    await flush();
    expect(log.next).toHaveLength(13);
    expect(log.completed).toBe(0);
    expect(log.errors).toEqual([{ code: 'ENGINE_UNREACHABLE', message: expect.stringContaining('ECONNREFUSED') }]);
    expect(router.openStreams()).toBe(0);
  });

  it('bad input → error through the handler, not thrown; the implementation is not invoked', () => {
    const { router, calls } = setup();
    const { log, handlers } = recorder();
    let unsubscribe: (() => void) | undefined;
    expect(() => {
      unsubscribe = router.subscribe('ticks', { count: -1 }, handlers, ctxA);
    }).not.toThrow();
    expect(log.errors).toHaveLength(1);
    expect(log.errors[0]!.code).toBe('INVALID_INPUT');
    expect(typeof unsubscribe).toBe('function');
    expect(() => unsubscribe!()).not.toThrow();
    router.subscribe('ticks', { count: 1, extra: 1 }, handlers, ctxA);
    expect(log.errors[1]!.code).toBe('INVALID_INPUT');
    expect(calls).toEqual([]);
    expect(router.openStreams()).toBe(0);
  });

  it('an unknown path or a method subscribed as a stream → error UNKNOWN_METHOD', () => {
    const { router, calls } = setup();
    const { log, handlers } = recorder();
    router.subscribe('nope', {}, handlers, ctxA);
    router.subscribe('echo', { text: 'x' }, handlers, ctxA);
    expect(log.errors.map((e) => e.code)).toEqual(['UNKNOWN_METHOD', 'UNKNOWN_METHOD']);
    expect(calls).toEqual([]);
  });

  it('applies defaults and passes the context to the implementation', async () => {
    const { router, runs } = setup();
    router.subscribe('manual', undefined, recorder().handlers, ctxB);
    await flush();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.input).toEqual({ tag: 't' });
    expect(runs[0]!.ctx).toBe(ctxB);
  });

  it('messages emitted after completion are dropped', async () => {
    const { router, runs } = setup();
    const { log, handlers } = recorder();
    router.subscribe('manual', {}, handlers, ctxA);
    await flush();
    const run = runs[0]!;
    run.emit('one');
    run.resolve();
    await flush();
    run.emit('late');
    expect(log).toEqual({ next: ['one'], errors: [], completed: 1 });
  });

  it('unsubscribe aborts the signal the implementation got; nothing is delivered after it', async () => {
    const { router, runs } = setup();
    const { log, handlers } = recorder();
    const unsubscribe = router.subscribe('manual', {}, handlers, ctxA);
    await flush();
    const run = runs[0]!;
    run.emit('before');
    expect(run.signal.aborted).toBe(false);
    expect(router.openStreams('A')).toBe(1);

    unsubscribe();
    expect(run.signal.aborted).toBe(true);
    expect(run.signal.reason).toBeInstanceOf(BerthError);
    expect((run.signal.reason as BerthError).code).toBe('CANCELLED');
    expect(router.openStreams('A')).toBe(0);

    run.emit('after');
    run.reject(new Error('aborted request'));
    await flush();
    expect(log).toEqual({ next: ['before'], errors: [], completed: 0 });
    expect(() => unsubscribe()).not.toThrow();
  });

  it('unsubscribe before the implementation has even started: it starts with an aborted signal and delivers nothing', async () => {
    const { router, runs } = setup();
    const { log, handlers } = recorder();
    const unsubscribe = router.subscribe('manual', {}, handlers, ctxA);
    unsubscribe();
    await flush();
    expect(runs[0]!.signal.aborted).toBe(true);
    runs[0]!.emit('x');
    runs[0]!.resolve();
    await flush();
    expect(log).toEqual({ next: [], errors: [], completed: 0 });
  });

  it('disposeClient aborts all of that client’s streams and only that client’s', async () => {
    const { router, runs } = setup();
    const a1 = recorder();
    const a2 = recorder();
    const b = recorder();
    router.subscribe('manual', { tag: 'a1' }, a1.handlers, ctxA);
    router.subscribe('manual', { tag: 'a2' }, a2.handlers, ctxA);
    router.subscribe('manual', { tag: 'b' }, b.handlers, ctxB);
    await flush();
    const byTag = Object.fromEntries(runs.map((r) => [r.input.tag, r]));
    expect(router.openStreams('A')).toBe(2);
    expect(router.openStreams('B')).toBe(1);
    expect(router.openStreams()).toBe(3);

    expect(router.disposeClient('A')).toBe(2);
    expect(byTag.a1!.signal.aborted).toBe(true);
    expect(byTag.a2!.signal.aborted).toBe(true);
    expect(byTag.b!.signal.aborted).toBe(false);
    expect(router.openStreams('A')).toBe(0);
    expect(router.openStreams()).toBe(1);

    byTag.a1!.emit('x');
    byTag.b!.emit('still here');
    byTag.a1!.resolve();
    byTag.a2!.reject(new Error('aborted'));
    await flush();
    expect(a1.log).toEqual({ next: [], errors: [], completed: 0 });
    expect(a2.log).toEqual({ next: [], errors: [], completed: 0 });
    expect(b.log.next).toEqual(['still here']);
    expect(router.openStreams('B')).toBe(1);

    expect(router.disposeClient('A')).toBe(0);
    expect(router.disposeClient('nobody')).toBe(0);
    byTag.b!.resolve();
    await flush();
    expect(b.log.completed).toBe(1);
    expect(router.openStreams()).toBe(0);
  });

  it('openStreams counts streams while open and forgets them as each ends', async () => {
    const { router, runs } = setup();
    expect(router.openStreams()).toBe(0);
    router.subscribe('manual', {}, recorder().handlers, ctxA);
    router.subscribe('manual', {}, recorder().handlers, ctxA);
    router.subscribe('manual', {}, recorder().handlers, ctxB);
    expect(router.openStreams()).toBe(3);
    await flush();
    runs[0]!.resolve();
    await flush();
    expect(router.openStreams('A')).toBe(1);
    runs[1]!.reject(new Error('x'));
    await flush();
    expect(router.openStreams('A')).toBe(0);
    expect(router.openStreams()).toBe(1);
  });
});

describe('ready (calls that arrive while Berth starts)', () => {
  it('a call and a stream wait for it before their implementation runs; bad input is refused without waiting', async () => {
    let open!: () => void;
    const gate = new Promise<void>((r) => (open = r));
    const asked: string[] = [];
    const { router, calls } = setup({ ready: (path) => (asked.push(path), gate) });
    const answer = router.call('echo', { text: 'hi' }, ctxA);
    const rec = recorder();
    router.subscribe('ticks', { count: 2 }, rec.handlers, ctxA);
    expect(await rejection(router.call('echo', { text: 1 }, ctxA))).toMatchObject({ code: 'INVALID_INPUT' });
    await flush();
    expect(calls).toEqual([]);
    expect(rec.log.next).toEqual([]);
    open();
    await expect(answer).resolves.toEqual({ text: 'hi', times: 1 });
    await flush();
    expect(rec.log).toEqual({ next: [0, 1], errors: [], completed: 1 });
    expect(asked).toEqual(['echo', 'ticks']);
  });
});
