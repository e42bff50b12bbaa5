import type { ClientOf, ContractTree, StreamHandlers, Unsubscribe } from './define';
import { flattenContract } from './define';

/** The two verbs every transport provides; the typed client is generated on top of them. */
export interface ClientTransport {
  call(path: string, input: unknown): Promise<unknown>;
  subscribe(path: string, input: unknown, handlers: StreamHandlers<unknown>): Unsubscribe;
}

/** What a client needs of each contract entry: its path and whether it is a method or a stream. */
/** Each entry's path and kind, and its input limit when it states one (limits.ts): a client can refuse an oversized
 * input before sending it, instead of the transport closing on it. */
export type ContractShape = readonly (readonly [path: string, kind: 'method' | 'stream', maxInputBytes?: number])[];

export function contractShape(contract: ContractTree): ContractShape {
  return flattenContract(contract).map(({ path, entry }) =>
    entry.maxInputBytes === undefined ? ([path, entry.kind] as const) : ([path, entry.kind, entry.maxInputBytes] as const),
  );
}

/**
 * Builds `window.berth` from the contract at runtime: adding a contract entry needs no edit here, in the preload,
 * or in the WebSocket client.
 */
export function createClient<C extends ContractTree>(contract: C, transport: ClientTransport): ClientOf<C> {
  return createClientFromShape<ClientOf<C>>(contractShape(contract), transport);
}

/**
 * The same from the contract's shape alone. The Electron preload and the web renderer get the shape from the build
 * (see preload/index.ts), so neither evaluates the contract's zod schemas before its first screen.
 */
export function createClientFromShape<Api>(shape: ContractShape, transport: ClientTransport): Api {
  const root: Record<string, unknown> = {};
  for (const [path, kind] of shape) {
    const parts = path.split('.');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      node = (node[part] ??= {}) as Record<string, unknown>;
    }
    const leaf = parts[parts.length - 1]!;
    node[leaf] =
      kind === 'method'
        ? (input: unknown) => transport.call(path, input)
        : (input: unknown, handlers: StreamHandlers<unknown>) => transport.subscribe(path, input, handlers);
  }
  return deepFreeze(root) as Api;
}

function deepFreeze<T extends object>(obj: T): T {
  for (const value of Object.values(obj)) {
    if (typeof value === 'object' && value !== null) deepFreeze(value as object);
  }
  return Object.freeze(obj);
}
