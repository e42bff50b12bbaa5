import { contract, type BerthApi, type BerthErrorShape, type StreamHandlers } from '../../preload/contract';
import { createClient } from '../../preload/contract/client';
import { createBackend, type Backend, type BackendOptions } from '../backend';
import { eventually } from './engine';

/**
 * A whole backend for an integration test and a client of it that goes through the router (validation, error
 * mapping, stream cancel) as the transports do; resolves once the default engine is connected. With `configDir`, its
 * settings (and the files kept beside them) live there.
 */
export async function startTestBackend(
  options: BackendOptions & { configDir?: string } = {},
  clientId = 'int',
): Promise<{ backend: Backend; api: BerthApi }> {
  const { configDir, ...rest } = options;
  const backend = await createBackend(configDir ? { ...rest, env: { ...(rest.env ?? process.env), BERTH_CONFIG_DIR: configDir } } : rest);
  const ctx = { transport: 'test', clientId };
  const api = createClient(contract, {
    call: (path, input) => backend.router.call(path, input, ctx),
    subscribe: (path, input, handlers) => backend.router.subscribe(path, input, handlers, ctx),
  });
  await eventually(() => {
    if (backend.engines.get().status.state !== 'connected') throw new Error(`engine not connected: ${backend.engines.get().status.state}`);
  });
  return { backend, api };
}

/** Runs a client stream to its end: every message, then the error it ended with (null when it completed). */
export function collect<M>(start: (handlers: StreamHandlers<M>) => unknown): Promise<{ messages: M[]; error: BerthErrorShape | null }> {
  return new Promise((resolve) => {
    const messages: M[] = [];
    start({ next: (m) => messages.push(m), error: (error) => resolve({ messages, error }), complete: () => resolve({ messages, error: null }) });
  });
}

/** Like `collect`, for a stream that should complete: its messages, or a rejection with its error (an Error with its code). */
export async function messagesOf<M>(start: (handlers: StreamHandlers<M>) => unknown): Promise<M[]> {
  const { messages, error } = await collect(start);
  if (error) throw Object.assign(new Error(error.message), error);
  return messages;
}
