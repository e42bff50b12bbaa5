import { beforeAll, describe, expect, it } from 'vitest';
import { registryFromSettings } from '../services/engine-status';
import { eventually, requireEngine, testDocker } from '../test-support/engine';
import { processEnvironment } from './registry';

/**
 * The modern test world reaches one dockerd three ways: the local socket (DOCKER_HOST), the `berth-world-tls`
 * context (tcp://127.0.0.1:2376) and the `berth-world-ssh` context. Berth connects to each, and once they have
 * said who they are (/info ID and name) marks the contexts as second routes of `local`, so lists of every engine
 * show each container once.
 */
const docker = testDocker();
const TWINS = ['ctx-berth-world-tls', 'ctx-berth-world-ssh'];

beforeAll(async () => {
  if (!process.env.BERTH_WORLD_TLS_HOST || !process.env.BERTH_WORLD_SSH_HOST) {
    throw new Error('No ssh/TLS endpoints of the test world: run these tests in the modern world (eval "$(bash scripts/engine-up.sh modern)").');
  }
  await requireEngine(docker);
});

describe('twin contexts that reach the same daemon', () => {
  it('the contexts are marked as the same engine as local; removing local makes the first of them the engine', async () => {
    const daemon = (await docker.info()) as { ID: string; Name: string };
    const registry = registryFromSettings(processEnvironment(process.env, { retryMinMs: 50, retryMaxMs: 400 }), { get: () => undefined });
    registry.startAll();
    try {
      await eventually(() => {
        for (const id of ['local', ...TWINS]) expect(registry.get(id).status.state).toBe('connected');
      }, 20_000);
      await eventually(() => {
        for (const id of TWINS) expect(registry.get(id).status.sameAs).toBe('local');
      });
      expect(registry.get('local').status.sameAs).toBeUndefined();
      for (const id of ['local', ...TWINS]) expect(registry.get(id).status.info).toMatchObject({ daemonId: daemon.ID, name: daemon.Name });
      // Every other engine (Podman, when its world is up) is a daemon of its own.
      for (const e of registry.all()) if (![...TWINS, 'local'].includes(e.id)) expect(e.status.sameAs).toBeUndefined();

      // The contexts in the registry's order (by name): the first one left is now the engine.
      const [first, second] = registry.all().filter((e) => TWINS.includes(e.id)).map((e) => e.id);
      await registry.remove('local');
      await eventually(() => {
        expect(registry.get(first!).status.sameAs).toBeUndefined();
        expect(registry.get(second!).status.sameAs).toBe(first);
      });
    } finally {
      await registry.stopAll();
    }
  });
});
