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
import type { WirePacking } from '../../preload/contract/packed';
import { INPUT_LIMITS } from '../../preload/contract/limits';
import { toBerthError } from '../errors';
import { checkInputBounds } from './input-bounds';

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
  ready?: (path: string, input: unknown) => Promise<unknown> | undefined;
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
      // The implementation is a tree of service objects (`{ volumes: volumesService, … }`): each method is bound to
      // the object that holds it, so a service's methods are the wiring and nothing is written out by hand.
      const keys = path.split('.');
      const owner = keys.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], implementation);
      const impl = (owner as Record<string, unknown> | undefined)?.[keys[keys.length - 1]!];
      if (typeof impl !== 'function') throw new Error(`contract entry ${path} has no implementation`);
      this.table.set(path, { entry, impl: (impl as AnyMethod).bind(owner) });
    }
  }

  /** Every wired path, with its kind. */
  get paths(): { path: string; kind: 'method' | 'stream' }[] {
    return [...this.table].map(([path, b]) => ({ path, kind: b.entry.kind }));
  }

  async call(path: unknown, input: unknown, ctx: CallContext): Promise<unknown> {
    try {
      const bound = this.lookup(path, 'method');
      const parsed = parse(path as string, bound.entry, input);
      const ready = this.opts.ready?.(path as string, parsed);
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
      parsed = parse(path as string, bound.entry, input);
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
      .then(() => this.opts.ready?.(path as string, parsed))
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

  /** The most bytes `path`'s input may carry (the default for an unknown path: it is refused anyway). */
  inputLimit(path: string): number {
    return this.table.get(path)?.entry.maxInputBytes ?? INPUT_LIMITS.bytes;
  }

  /** Whether `path` is a stream whose messages are plain JSON data (define.ts `jsonMessages`). */
  jsonMessages(path: string): boolean {
    const entry = this.table.get(path)?.entry;
    return entry?.kind === 'stream' && entry.jsonMessages === true;
  }

  /** How `path`'s messages are packed for web mode, if they are (define.ts `packed`). */
  packing(path: string): WirePacking | null {
    const entry = this.table.get(path)?.entry;
    return entry?.kind === 'stream' ? ((entry.packed as WirePacking | undefined) ?? null) : null;
  }

  /** The most bytes any entry's input may carry: a transport's frame cap follows from it. */
  get largestInputBytes(): number {
    let max = 0;
    for (const { entry } of this.table.values()) max = Math.max(max, entry.maxInputBytes ?? INPUT_LIMITS.bytes);
    return max;
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

function parse(path: string, entry: ContractEntry, input: unknown): unknown {
  checkInputBounds(input, path, entry.maxInputBytes);
  return entry.input.parse(input ?? {});
}
