import { describe, expect, it } from 'vitest';
import type { EngineInfo, EngineStatus } from '../../preload/contract/engine';
import { findTwins } from './twins';

const info = (daemonId: string | undefined, name = 'host-a'): EngineInfo => ({
  product: 'Docker Engine', version: '26.1.5', apiVersion: '1.45', os: 'Debian', osType: 'linux', arch: 'x86_64', kernelVersion: '6', cpus: 2,
  memoryBytes: 1, storageDriver: 'overlay2', cgroupVersion: '2', name, containers: { total: 0, running: 0, paused: 0, stopped: 0 }, images: 0,
  ...(daemonId ? { daemonId } : {}),
});
const engine = (engineId: string, i?: EngineInfo, patch: Partial<EngineStatus> = {}): EngineStatus => ({
  engineId, state: 'connected', tried: [], since: 0, ...(i ? { info: i } : {}), ...patch,
});

describe('engines that reach one daemon', () => {
  it('the first engine in order is the engine; the others are its second routes', () => {
    const twins = findTwins([engine('local', info('D1')), engine('ctx-tls', info('D1')), engine('podman', info('P1')), engine('ctx-ssh', info('D1'))]);
    expect([...twins]).toEqual([['ctx-tls', 'local'], ['ctx-ssh', 'local']]);
  });

  it('the same ID on another host name is another daemon (a machine cloned with its data root)', () => {
    expect(findTwins([engine('a', info('D1', 'host-a')), engine('b', info('D1', 'host-b'))]).size).toBe(0);
  });

  it('an engine that is not connected, disabled, or gives no ID is never a twin, and its twins stand on their own', () => {
    expect(findTwins([engine('a', info(undefined)), engine('b', info(undefined))]).size).toBe(0);
    const down = findTwins([engine('local', info('D1'), { state: 'reconnecting' }), engine('ctx-tls', info('D1')), engine('ctx-ssh', info('D1'))]);
    expect([...down]).toEqual([['ctx-ssh', 'ctx-tls']]);
    expect(findTwins([engine('local', info('D1'), { enabled: false }), engine('ctx-tls', info('D1'))]).size).toBe(0);
  });
});
