import type { z } from 'zod';
import {
  BerthError,
  flattenContract,
  type CallContext,
  type ContractEntry,
  type ContractTree,
  type ImplementationOf,
  type StreamHandlers,
  type Unsubscribe,
} from '../../preload/contract';
import { toBerthError } from '../errors';

/** Largest input accepted from the renderer, before validation even starts. */
const MAX_INPUT_BYTES = 256 * 1024;

type AnyMethod = (input: unknown, ctx: CallContext) => Promise<unknown>;
type AnyStream = (input: unknown, emit: (m: unknown) => void, signal: AbortSignal, ctx: CallContext) => Promise<void>;

interface Bound {
  entry: ContractEntry;
  impl: AnyMethod | AnyStream;
}

/**
 * Binds the contract to its implementation. The only way into main from a transport: it validates every input
 * with the entry's zod schema, turns every failure into a stable `{ code, message }`, and gives every stream an
 * AbortSignal that cancels the engine request behind it.
 */
export interface RouterOptions {
  /**
   * Awaited (when it returns a promise) after a call's input is checked and before its implementation runs, and
   * likewise for a stream: lets calls that arrive while Berth is starting wait for the engine.
   */
  ready?: (path: string) => Promise<unknown> | undefined;
}

export class Router {
  private readonly table = new Map<string, Bound>();
  private readonly active = new Map<string, Set<AbortController>>();

  constructor(
    contract: ContractTree,
    implementation: ImplementationOf<ContractTree> | object,
    private readonly opts: RouterOptions = {},
  ) {
    for (const { path, entry } of flattenContract(contract)) {
      const impl = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], implementation);
      if (typeof impl !== 'function') throw new Error(`contract entry ${path} has no implementation`);
      this.table.set(path, { entry, impl: (impl as AnyMethod).bind(undefined) });
    }
  }

  /** Every wired path, with its kind. */
  get paths(): { path: string; kind: 'method' | 'stream' }[] {
    return [...this.table].map(([path, b]) => ({ path, kind: b.entry.kind }));
  }

  async call(path: unknown, input: unknown, ctx: CallContext): Promise<unknown> {
    try {
      const bound = this.lookup(path, 'method');
      const parsed = parse(bound.entry.input, input);
      const ready = this.opts.ready?.(path as string);
      if (ready) await ready;
      return await (bound.impl as AnyMethod)(parsed, ctx);
    } catch (err) {
      throw toBerthError(err);
    }
  }

  /**
   * Starts a stream. Errors (bad path, bad input) are reported through `handlers.error`, never thrown, so a
   * transport needs one code path. The returned function cancels it.
   */
  subscribe(path: unknown, input: unknown, handlers: StreamHandlers<unknown>, ctx: CallContext): Unsubscribe {
    let bound: Bound;
    let parsed: unknown;
    try {
      bound = this.lookup(path, 'stream');
      parsed = parse(bound.entry.input, input);
    } catch (err) {
      handlers.error?.(toBerthError(err).toShape());
      return () => {};
    }
    const controller = new AbortController();
    const perClient = this.active.get(ctx.clientId) ?? new Set();
    perClient.add(controller);
    this.active.set(ctx.clientId, perClient);
    let done = false;
    const finish = () => {
      done = true;
      perClient.delete(controller);
      // Only drop the client's entry if it is still this set (disposeClient may have replaced it since).
      if (perClient.size === 0 && this.active.get(ctx.clientId) === perClient) this.active.delete(ctx.clientId);
    };
    const emit = (m: unknown) => {
      if (!done && !controller.signal.aborted) handlers.next(m);
    };
    Promise.resolve()
      .then(() => this.opts.ready?.(path as string))
      .then(() => (bound.impl as AnyStream)(parsed, emit, controller.signal, ctx))
      .then(
        () => {
          if (done) return;
          const cancelled = controller.signal.aborted;
          finish();
          if (!cancelled) handlers.complete?.();
        },
        (err) => {
          if (done) return;
          const cancelled = controller.signal.aborted;
          finish();
          if (!cancelled) handlers.error?.(toBerthError(err).toShape());
        },
      );
    return () => {
      if (done) return;
      finish();
      controller.abort(new BerthError('CANCELLED', 'cancelled'));
    };
  }

  /** Cancels every stream a client opened (its window reloaded or its socket closed). */
  disposeClient(clientId: string): number {
    const set = this.active.get(clientId);
    if (!set) return 0;
    this.active.delete(clientId);
    for (const c of set) c.abort(new BerthError('CANCELLED', 'client went away'));
    return set.size;
  }

  /** How many streams are open, per client: for tests and diagnostics. */
  openStreams(clientId?: string): number {
    if (clientId) return this.active.get(clientId)?.size ?? 0;
    let n = 0;
    for (const s of this.active.values()) n += s.size;
    return n;
  }

  private lookup(path: unknown, kind: 'method' | 'stream'): Bound {
    const bound = typeof path === 'string' ? this.table.get(path) : undefined;
    if (!bound || bound.entry.kind !== kind) {
      throw new BerthError('UNKNOWN_METHOD', `No ${kind} named "${String(path).slice(0, 80)}".`);
    }
    return bound;
  }
}

function parse(schema: z.ZodType, input: unknown): unknown {
  if (approxSize(input, MAX_INPUT_BYTES) > MAX_INPUT_BYTES) {
    throw new BerthError('INVALID_INPUT', `Invalid input — larger than ${MAX_INPUT_BYTES / 1024} KiB.`);
  }
  return schema.parse(input ?? {});
}

/** Size estimate that stops counting once past `limit`, so a huge payload costs little to refuse. */
function approxSize(value: unknown, limit: number, seen = { n: 0 }): number {
  if (seen.n > limit) return seen.n;
  if (typeof value === 'string') seen.n += value.length;
  else if (value instanceof Uint8Array) seen.n += value.byteLength;
  else if (Array.isArray(value)) for (const v of value) approxSize(v, limit, seen);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      seen.n += k.length;
      approxSize(v, limit, seen);
    }
  else seen.n += 8;
  return seen.n;
}
