import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../preload/contract/engine';
import { createTestContainerSeenIn, eventually, recordEvents, requireEngine, testDocker } from '../test-support/engine';
import { EngineSocketProxy } from '../test-support/socket-proxy';
import { EngineRegistry } from './registry';
import { tempDir } from '../test-support/temp';
import { rmSync } from 'node:fs';

const docker = testDocker();
beforeAll(async () => {
  await requireEngine(docker);
});

function engineSocket(): string {
  const host = process.env.DOCKER_HOST;
  if (host && !host.startsWith('unix://')) throw new Error('these tests proxy a unix socket; DOCKER_HOST must be unix://');
  return host ? host.slice('unix://'.length) : '/var/run/docker.sock';
}

describe('EngineConnection against the real engine', () => {
  it('connects, reports engine info and follows /events', async () => {
    const engines = EngineRegistry.fromEnvironment(process.env);
    const engine = engines.get();
    const events = recordEvents(engine);
    engines.startAll();
    try {
      await eventually(() => expect(engine.status.state).toBe('connected'));
      const version = await docker.version();
      expect(engine.status.info?.version).toBe(version.Version);
      expect(engine.status.info?.apiVersion).toBe(version.ApiVersion);
      expect(engine.status.info?.cpus).toBeGreaterThan(0);
      expect(engine.status.info?.storageDriver).toBeTruthy();

      await createTestContainerSeenIn(docker, events);
    } finally {
      await engines.stopAll();
    }
  });

  it('says what it tried when DOCKER_HOST points nowhere, and retries by itself', async () => {
    const dir = tempDir('berth-nohost-');
    const engines = EngineRegistry.fromEnvironment({ DOCKER_HOST: `unix://${dir}/docker.sock` }, { retryMinMs: 50, retryMaxMs: 100 });
    const engine = engines.get();
    const states: EngineStatus[] = [];
    engine.onStatus((s) => states.push(s));
    engines.startAll();
    try {
      await eventually(() => expect(engine.status.state).toBe('unreachable'));
      expect(engine.status.tried).toEqual([
        expect.objectContaining({ endpoint: `unix://${dir}/docker.sock`, source: 'DOCKER_HOST', error: 'no socket at this path' }),
      ]);
      expect(engine.status.hint).toMatch(/DOCKER_HOST/);
      await eventually(() => expect(states.filter((s) => s.state === 'unreachable').length).toBeGreaterThanOrEqual(3));
    } finally {
      await engines.stopAll();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('notices the engine going away, reconnects when it answers again and resyncs', async () => {
    const dir = tempDir('berth-proxy-');
    const proxy = new EngineSocketProxy(path.join(dir, 'engine.sock'), engineSocket());
    await proxy.up();
    const engines = EngineRegistry.fromEnvironment({ DOCKER_HOST: `unix://${proxy.path}` }, { retryMinMs: 50, retryMaxMs: 200 });
    const engine = engines.get();
    let resyncs = 0;
    engine.onResync(() => resyncs++);
    engines.startAll();
    try {
      await eventually(() => expect(engine.status.state).toBe('connected'));
      expect(resyncs).toBe(1);
      await proxy.down();
      await eventually(() => expect(engine.status.state).toBe('reconnecting'), 1000);
      expect(() => engine.api).toThrow(/not connected/);
      await proxy.up();
      await eventually(() => expect(engine.status.state).toBe('connected'), 2000);
      expect(resyncs).toBe(2);
    } finally {
      await engines.stopAll();
      await proxy.down();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
