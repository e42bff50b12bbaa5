import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContainerSeenIn, eventually, recordEvents, removeTestObjects, requireEngine, testDocker } from '../test-support/engine';
import { tempDir } from '../test-support/temp';
import { EngineRegistry } from './registry';

/**
 * The modern test world's remote endpoints (scripts/engine-up.sh modern): the same Docker 26 reached over TCP+TLS
 * with the certificates made at setup, directly and through the docker context that names it. Runs only in that
 * world (npm test's `world-endpoints` step) and fails, saying how to get it, anywhere else.
 */
const tlsHost = process.env.BERTH_WORLD_TLS_HOST;
const tlsCerts = process.env.BERTH_WORLD_TLS_CERTS;
const docker = testDocker();

beforeAll(async () => {
  if (!tlsHost || !tlsCerts) {
    throw new Error('No TLS endpoint of the test world: run these tests in the modern world (BERTH_WORLD=modern npm test, or eval "$(bash scripts/engine-up.sh modern)").');
  }
  await requireEngine(docker);
});
afterAll(async () => {
  await removeTestObjects(docker);
});

const fast = { retryMinMs: 50, retryMaxMs: 200 };

describe('the engine over TCP+TLS', () => {
  it('connects with the client certificates, reports the same engine and follows its events', async () => {
    const engines = EngineRegistry.fromEnvironment({ DOCKER_HOST: tlsHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tlsCerts }, fast);
    const engine = engines.get();
    const events = recordEvents(engine);
    engines.startAll();
    try {
      await eventually(() => expect(engine.status.state).toBe('connected'));
      expect(engine.status.endpoint?.endpoint).toContain('(TLS)');
      const local = await docker.info();
      expect(engine.status.info?.version).toBe(local.ServerVersion);
      await createTestContainerSeenIn(docker, events);
    } finally {
      await engines.stopAll();
    }
  });

  it('without a client certificate the engine refuses, and Berth says it could not connect instead of hanging', async () => {
    const dir = tempDir('berth-tls-noclient-');
    cpSync(path.join(tlsCerts!, 'ca.pem'), path.join(dir, 'ca.pem'));
    const engines = EngineRegistry.fromEnvironment({ DOCKER_HOST: tlsHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir }, fast);
    const engine = engines.get();
    engines.startAll();
    try {
      await eventually(() => expect(engine.status.state).toBe('unreachable'));
      expect(engine.status.tried[0]?.error).toBeTruthy();
    } finally {
      await engines.stopAll();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is found through the docker context that names it (berth-world-tls)', async () => {
    const home = process.env.HOME ?? '/root';
    const engines = EngineRegistry.fromEnvironment({ HOME: home, DOCKER_CONTEXT: 'berth-world-tls' }, fast);
    const engine = engines.get();
    engines.startAll();
    try {
      await eventually(() => expect(engine.status.state).toBe('connected'));
      expect(engine.status.endpoint?.endpoint).toBe(`${tlsHost} (TLS)`);
      expect(engine.status.endpoint?.source).toBe('context');
    } finally {
      await engines.stopAll();
    }
  });
});
