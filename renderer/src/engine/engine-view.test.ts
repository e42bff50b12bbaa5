import { describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../../preload/contract';
import { engineLabel, engineLineOf, engineViewOf, primaryEngine, scopeViewOf } from './engine-view';

const status = (state: EngineStatus['state'], extra: Partial<EngineStatus> = {}): EngineStatus => ({
  engineId: 'local',
  state,
  tried: [],
  since: 0,
  ...extra,
});

describe('engineViewOf', () => {
  it('waits quietly for the first second of connecting, then explains', () => {
    expect(engineViewOf(status('connecting'), 1000, 1500).kind).toBe('waiting');
    expect(engineViewOf(status('connecting'), 1000, 2100).kind).toBe('no-engine');
    expect(engineViewOf(undefined, 1000, 1200).kind).toBe('waiting');
    expect(engineViewOf(undefined, 1000, 2500)).toEqual({ kind: 'no-engine', status: null });
  });
  it('shows the no-engine screen at once when unreachable', () => {
    expect(engineViewOf(status('unreachable'), 1000, 1000).kind).toBe('no-engine');
  });
  it('keeps the list under a banner while reconnecting', () => {
    expect(engineViewOf(status('reconnecting'), 0, 99_999).kind).toBe('reconnecting');
    expect(engineViewOf(status('connected'), 0, 5).kind).toBe('connected');
  });
});

describe('primaryEngine and engineLabel', () => {
  it('prefers the local engine and names it by product and version', () => {
    const local = status('connected', {
      info: {
        product: 'Docker Engine',
        version: '20.10.24',
        apiVersion: '1.41',
        os: 'Debian',
        osType: 'linux',
        arch: 'x86_64',
        kernelVersion: '6.1',
        cpus: 4,
        memoryBytes: 1,
        storageDriver: 'overlay2',
        cgroupVersion: '1',
        name: 'host',
        containers: { total: 0, running: 0, paused: 0, stopped: 0 },
        images: 0,
      },
    });
    const remote = status('unreachable', { engineId: 'remote' });
    expect(primaryEngine([remote, local])).toBe(local);
    expect(engineLabel(local)).toBe('Docker Engine 20.10.24');
    expect(engineLabel(remote)).toBe('No engine');
    expect(engineLabel(undefined)).toBe('Connecting…');
  });
});

describe('scopeViewOf', () => {
  const seen = new Map<string, number>();
  it('is one engine’s own view when there is one', () => {
    expect(scopeViewOf([status('unreachable')], seen, 0, 10).kind).toBe('no-engine');
    expect(scopeViewOf([], seen, 1000, 1200).kind).toBe('waiting');
  });
  it('shows the list while any engine is connected, whatever the others do', () => {
    const view = scopeViewOf([status('unreachable'), status('connected', { engineId: 'tls' }), status('reconnecting', { engineId: 'b' })], seen, 0, 10);
    expect(view.kind).toBe('connected');
    expect(view.kind === 'connected' && view.status.engineId).toBe('tls');
  });
  it('says no engine only when none answers', () => {
    expect(scopeViewOf([status('unreachable'), status('reconnecting', { engineId: 'b' })], seen, 0, 10).kind).toBe('reconnecting');
    const none = scopeViewOf([status('unreachable', { engineId: 'b' }), status('unreachable')], seen, 0, 10);
    expect(none.kind === 'no-engine' && none.status?.engineId).toBe('local');
  });
});

describe('engineLineOf', () => {
  const connected = status('connected', { info: { product: 'Docker Engine', version: '26.1.5' } as EngineStatus['info'] });
  it("is the engine's own label and dot while Berth answers", () => {
    expect(engineLineOf('open', connected)).toEqual({ label: 'Docker Engine 26.1.5', dot: 'green' });
    expect(engineLineOf('open', status('unreachable'))).toEqual({ label: 'No engine', dot: 'red' });
  });
  it('says the engine is unknown while Berth is out of reach, not its last state', () => {
    expect(engineLineOf('closed', connected)).toEqual({ label: 'Unknown (Berth disconnected)', dot: 'amber' });
    expect(engineLineOf('connecting', undefined)).toEqual({ label: 'Unknown (Berth disconnected)', dot: 'amber' });
  });
  it('names the token when Berth refused the page, as its banner does', () => {
    expect(engineLineOf('refused', undefined)).toEqual({ label: 'Not let in (token)', dot: 'red' });
    expect(engineLineOf('refused', connected)).toEqual({ label: 'Not let in (token)', dot: 'red' });
  });
});
