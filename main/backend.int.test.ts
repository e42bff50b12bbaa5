import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from './backend';
import { requireEngine, testDocker } from './test-support/engine';

/**
 * A client that calls the moment Berth starts (a script, or a page opened as soon as `berth serve` prints its URL)
 * waits for the engine's first connection attempt instead of being told the engine is not connected.
 */
const ctx = { transport: 'test', clientId: 'startup' };
let backend: Backend | null = null;

beforeAll(async () => {
  await requireEngine(testDocker());
});
afterEach(async () => {
  await backend?.close();
  backend = null;
});

describe('calls made while Berth starts', () => {
  it('a call made at once waits for the engine and answers', async () => {
    backend = await createBackend();
    expect(backend.engines.get().status.state).toBe('connecting');
    const list = (await backend.router.call('containers.list', {}, ctx)) as unknown[];
    expect(Array.isArray(list)).toBe(true);
    expect(backend.engines.get().status.state).toBe('connected');
  });

  it('with no engine at all, the call says so once the first attempt has failed', async () => {
    backend = await createBackend({ env: { ...process.env, DOCKER_HOST: 'unix:///nonexistent/berth-test.sock', DOCKER_CONTEXT: '' } });
    await expect(backend.router.call('containers.list', {}, ctx)).rejects.toMatchObject({ code: 'ENGINE_UNREACHABLE' });
    // It waited for the attempt (not for the 5 s bound): the engine is known to be unreachable, not still connecting.
    expect(backend.engines.get().status.state).toBe('unreachable');
  });
});
