import type { z } from 'zod';
import type { BerthErrorShape } from './errors';
import type { WirePacking } from './packed';

/** A request → response entry. `O` is the output type; it exists only for the type checker. */
export interface MethodEntry<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly kind: 'method';
  readonly input: I;
  /** Largest input in bytes, when more than INPUT_LIMITS.bytes (limits.ts). */
  readonly maxInputBytes?: number;
  readonly __output?: O;
}

/** A subscribe → many messages → complete/error/cancel entry. `M` is the message type. */
export interface StreamEntry<I extends z.ZodType = z.ZodType, M = unknown> {
  readonly kind: 'stream';
  readonly input: I;
  readonly maxInputBytes?: number;
  /** See StreamOptions. */
  readonly jsonMessages?: boolean;
  /** See StreamOptions. */
  readonly packed?: WirePacking<M>;
  readonly __message?: M;
}

/** What an entry may state beside its schema. */
export interface EntryOptions {
  /** For the few entries that carry a big payload by nature (a whole compose file, an upload chunk). */
  maxInputBytes?: number;
}

export type ContractEntry = MethodEntry | StreamEntry;
export interface ContractTree {
  readonly [name: string]: ContractEntry | ContractTree;
}

/** `method<Output>()(inputSchema)`: curried so the output type is named and the input type inferred. */
export const method =
  <O>() =>
  <I extends z.ZodType>(input: I, options: EntryOptions = {}): MethodEntry<I, O> => ({ kind: 'method', input, ...options });

/** What a stream may state beside its schema. */
export interface StreamOptions extends EntryOptions {
  /**
   * Its messages are plain JSON data: no bytes, no Date, no NaN or Infinity. Web mode then sends each as JSON text
   * (wire.ts JSON_TEXT_EXT), which the browser parses natively: a 500-container snapshot decoded as MessagePack in
   * JavaScript was most of the first screen's work once it arrived. For the big lists.
   */
  jsonMessages?: boolean;
}

/** What a stream of messages `M` may state beside its schema. */
export interface StreamOptionsOf<M> extends StreamOptions {
  /**
   * Web mode sends its messages packed this way (packed.ts): for a small message sent often to every page (the stats
   * rounds), whose bytes are the page's wake-ups.
   */
  packed?: WirePacking<M>;
}

export const stream =
  <M>() =>
  <I extends z.ZodType>(input: I, options: StreamOptionsOf<M> = {}): StreamEntry<I, M> => ({ kind: 'stream', input, ...options });

export interface StreamHandlers<M> {
  next(message: M): void;
  error?(error: BerthErrorShape): void;
  complete?(): void;
}

/** Cancels a stream: the main process aborts the engine request behind it. */
export type Unsubscribe = () => void;

/** What the renderer sees: `window.berth`, typed from the contract. */
export type ClientOf<C> = {
  [K in keyof C]: C[K] extends MethodEntry<infer I, infer O>
    ? (input: z.input<I>) => Promise<O>
    : C[K] extends StreamEntry<infer I, infer M>
      ? (input: z.input<I>, handlers: StreamHandlers<M>) => Unsubscribe
      : ClientOf<C[K]>;
};

/** What main implements for each entry; inputs arrive already validated and defaulted. */
export type ImplementationOf<C> = {
  [K in keyof C]: C[K] extends MethodEntry<infer I, infer O>
    ? (input: z.output<I>, ctx: CallContext) => Promise<O>
    : C[K] extends StreamEntry<infer I, infer M>
      ? (input: z.output<I>, emit: (message: M) => void, signal: AbortSignal, ctx: CallContext) => Promise<void>
      : ImplementationOf<C[K]>;
};

/** The input one entry's implementation receives: validated and defaulted by its schema. */
export type InputOf<E> = E extends MethodEntry<infer I, unknown> | StreamEntry<infer I, unknown> ? z.output<I> : never;

/** Every entry's input, by name: `InputsOf<typeof volumesContract>['remove']`. Services type their parameters with it. */
export type InputsOf<C> = {
  [K in keyof C]: C[K] extends ContractEntry ? InputOf<C[K]> : InputsOf<C[K]>;
};

/** Who is calling; transports fill it in. */
export interface CallContext {
  /** 'electron' or 'websocket' */
  readonly transport: string;
  /** A stable id for the connected window or socket, for per-client cleanup. */
  readonly clientId: string;
}

export interface FlatEntry {
  readonly path: string;
  readonly entry: ContractEntry;
}

function isEntry(value: ContractEntry | ContractTree): value is ContractEntry {
  const kind = (value as { kind?: unknown }).kind;
  return (kind === 'method' || kind === 'stream') && 'input' in value;
}

/** Every entry of a contract with its dotted path, e.g. `containers.stop`. */
export function flattenContract(tree: ContractTree, prefix = ''): FlatEntry[] {
  const out: FlatEntry[] = [];
  for (const [name, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (isEntry(value)) out.push({ path, entry: value });
    else out.push(...flattenContract(value, path));
  }
  return out;
}
