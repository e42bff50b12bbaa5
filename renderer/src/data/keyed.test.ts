import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../preload/contract';
import { aContainer } from '../pages/containers/container-fixture';
import { applyContainersMessage } from './containers';
import { itemsInScope, markError, objectKey, retainEngines, scopeState, splitObjectKey, type ByEngine } from './keyed';

const snapshot = (byEngine: ByEngine<ContainerSummary>, engineId: string, ids: string[]) =>
  applyContainersMessage(byEngine, engineId, {
    type: 'snapshot',
    engineId,
    containers: ids.map((id) => aContainer({ id, engineId })),
  });

describe('stores keyed by engine, then object', () => {
  it('a snapshot replaces one engine’s objects and leaves the others’ maps as they were', () => {
    const one = snapshot(new Map(), 'local', ['a', 'b']);
    const two = snapshot(one, 'tls', ['a']);
    const three = snapshot(two, 'local', ['c']);
    expect([...three.get('local')!.items.keys()]).toEqual(['c']);
    expect(three.get('tls')).toBe(two.get('tls'));
    expect(three.get('local')!.loaded).toBe(true);
    expect([...one.get('local')!.items.keys()]).toEqual(['a', 'b']); // not mutated
  });

  it('a delta upserts and removes in its own engine only; the same id on another engine is another object', () => {
    const before = snapshot(snapshot(new Map(), 'local', ['a', 'b']), 'tls', ['a']);
    const after = applyContainersMessage(before, 'local', {
      type: 'delta',
      engineId: 'local',
      upserts: [aContainer({ id: 'a', state: 'exited' }), aContainer({ id: 'c' })],
      removes: ['b'],
    });
    expect([...after.get('local')!.items.keys()].sort()).toEqual(['a', 'c']);
    expect(after.get('local')!.items.get('a')!.state).toBe('exited');
    expect(after.get('tls')!.items.get('a')!.state).toBe('running');
    expect(before.get('local')!.items.get('a')!.state).toBe('running');
    // Unchanged objects keep their identity, so memoised rows do not render again.
    expect(after.get('tls')).toBe(before.get('tls'));
  });

  it('an empty delta changes nothing', () => {
    const before = snapshot(new Map(), 'local', ['a']);
    expect(
      applyContainersMessage(before, 'local', {
        type: 'delta',
        engineId: 'local',
        upserts: [],
        removes: [],
      }),
    ).toBe(before);
  });

  it('an error keeps the last objects; the next message clears it', () => {
    const failed = markError(snapshot(new Map(), 'local', ['a']), 'local', 'engine gone');
    expect(failed.get('local')).toMatchObject({
      error: 'engine gone',
      loaded: true,
    });
    expect(failed.get('local')!.items.size).toBe(1);
    const back = applyContainersMessage(failed, 'local', {
      type: 'delta',
      engineId: 'local',
      upserts: [],
      removes: [],
    });
    expect(back.get('local')!.error).toBeNull();
  });

  it('drops an engine that is removed, and returns the same map when nothing goes', () => {
    const both = snapshot(snapshot(new Map(), 'local', ['a']), 'tls', ['b']);
    expect(retainEngines(both, () => true)).toBe(both);
    expect([...retainEngines(both, (id) => id !== 'tls').keys()]).toEqual(['local']);
  });

  it('reads one engine or all of them', () => {
    const both = markError(snapshot(snapshot(new Map(), 'local', ['a']), 'tls', ['b', 'c']), 'gone', 'refused');
    expect(itemsInScope(both, 'tls').map((c) => c.id)).toEqual(['b', 'c']);
    expect(itemsInScope(both, null).map((c) => `${c.engineId}/${c.id}`)).toEqual(['local/a', 'tls/b', 'tls/c']);
    expect(scopeState(both, null)).toEqual({
      loaded: true,
      error: null,
      count: 3,
    });
    expect(scopeState(both, 'gone')).toEqual({
      loaded: false,
      error: 'refused',
      count: 0,
    });
    expect(scopeState(both, 'nope')).toEqual({
      loaded: false,
      error: null,
      count: 0,
    });
  });

  it('object keys put the engine first and split back', () => {
    expect(objectKey('tls', 'abc')).toBe('tls/abc');
    expect(splitObjectKey('tls/a/b')).toEqual({ engineId: 'tls', id: 'a/b' });
  });
});
