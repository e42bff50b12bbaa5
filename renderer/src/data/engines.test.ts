import { describe, expect, it, vi } from 'vitest';
import type { EngineStatus } from '../../../preload/contract';
import { dataWanted, listedInAll, twinOf, withTwinsUnder } from './engines';

vi.mock('../api', () => ({ berth: {} }));

const status = (engineId: string, patch: Partial<EngineStatus> = {}): EngineStatus => ({ engineId, state: 'connected', tried: [], since: 0, ...patch });

describe('a twin engine (a second route to another engine’s daemon)', () => {
  const local = status('local');
  const tls = status('ctx-tls', { sameAs: 'local' });
  const podman = status('podman');

  it('is left out of "All engines" and its data is not followed there, so nothing shows twice', () => {
    expect([local, tls, podman].filter(listedInAll).map((s) => s.engineId)).toEqual(['local', 'podman']);
    expect([local, tls, podman].filter((s) => dataWanted(s, null)).map((s) => s.engineId)).toEqual(['local', 'podman']);
    expect(dataWanted(tls, 'local')).toBe(false);
  });

  it('is followed while a page shows that engine itself, and says which engine it is the same as', () => {
    expect(dataWanted(tls, 'ctx-tls')).toBe(true);
    expect(twinOf(tls)).toBe('local');
    expect(twinOf(local)).toBeUndefined();
  });

  it('a disabled engine is never followed, twin or not', () => {
    expect(dataWanted(status('x', { enabled: false }), 'x')).toBe(false);
    expect(twinOf(status('x', { enabled: false, sameAs: 'local' }))).toBeUndefined();
  });
});

describe('the sidebar’s order', () => {
  it('puts each twin right under its engine, whatever the registry’s order', () => {
    const list = [status('local'), status('ctx-a', { sameAs: 'remote' }), status('ctx-b', { sameAs: 'local' }), status('remote'), status('orphan', { sameAs: 'gone' })];
    expect(withTwinsUnder(list).map((s) => s.engineId)).toEqual(['local', 'ctx-b', 'remote', 'ctx-a', 'orphan']);
  });
});
