import type { ClientOf, ContractTree, StreamHandlers, Unsubscribe } from './define';
import { flattenContract } from './define';

/** The two verbs every transport provides; the typed client is generated on top of them. */
export interface ClientTransport {
  call(path: string, input: unknown): Promise<unknown>;
  subscribe(path: string, input: unknown, handlers: StreamHandlers<unknown>): Unsubscribe;
}

/** What a client needs of each contract entry: its path and whether it is a method or a stream. */
export type ContractShape = readonly (readonly [path: string, kind: 'method' | 'stream'])[];

export function contractShape(contract: ContractTree): ContractShape {
  return flattenContract(contract).map(({ path, entry }) => [path, entry.kind] as const);
}

/**
 * Builds `window.berth` from the contract at runtime: adding a contract entry needs no edit here, in the preload,
 * or in the WebSocket client.
 */
export function createClient<C extends ContractTree>(contract: C, transport: ClientTransport): ClientOf<C> {
  return createClientFromShape<ClientOf<C>>(contractShape(contract), transport);
}

/** The same from the contract's shape alone (the Electron preload gets it from the build: see preload/index.ts). */
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

/**
 * The same client without the contract at runtime, for the renderer: the path is the chain of property names, and
 * a call with handlers is a stream. `ClientOf` allows nothing else (a method takes its input, a stream its input and
 * its handlers), and main checks every path and input anyway. Building the contract object evaluates every zod
 * schema in it, 20–35 ms of a cold start on the containers page; this needs none of them.
 */
export function createPathClient<Api extends object>(transport: ClientTransport): Api {
  const nodes = new Map<string, unknown>();
  const node = (path: string): unknown => {
    let n = nodes.get(path);
    if (n) return n;
    n = new Proxy(() => undefined, {
      get(_target, key) {
        // Not a thenable, not inspectable as anything but a path (React dev tools, Promise.resolve(berth), …).
        if (typeof key !== 'string' || key === 'then' || key === 'toJSON') return undefined;
        return node(path ? `${path}.${key}` : key);
      },
      apply(_target, _this, args: unknown[]) {
        if (!path.includes('.')) throw new TypeError(`berth.${path} is a group of the contract, not a method`);
        return args.length >= 2 ? transport.subscribe(path, args[0], args[1] as StreamHandlers<unknown>) : transport.call(path, args[0]);
      },
      set: () => false,
      defineProperty: () => false,
      deleteProperty: () => false,
    });
    nodes.set(path, n);
    return n;
  };
  return node('') as Api;
}
