import { contract, type BerthApi } from '../../preload/contract';
import { createClient } from '../../preload/contract/client';
import { createBackend, type Backend, type BackendOptions } from '../backend';
import { eventually } from './engine';

/**
 * A whole backend for an integration test and a client of it that goes through the router (validation, error
 * mapping, stream cancel) as the transports do; resolves once the default engine is connected.
 */
export async function startTestBackend(options: BackendOptions = {}, clientId = 'int'): Promise<{ backend: Backend; api: BerthApi }> {
  const backend = await createBackend(options);
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
