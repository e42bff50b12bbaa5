import { describe, expect, it } from 'vitest';
import { applyContainersMessage } from './container-map';
import { aContainer } from './container-fixture';

describe('applyContainersMessage', () => {
  it('replaces everything on a snapshot', () => {
    const before = new Map([['old', aContainer({ id: 'old' })]]);
    const after = applyContainersMessage(before, {
      type: 'snapshot',
      engineId: 'local',
      containers: [aContainer({ id: 'a' }), aContainer({ id: 'b' })],
    });
    expect([...after.keys()]).toEqual(['a', 'b']);
    expect(before.has('old')).toBe(true); // not mutated
  });

  it('upserts and removes on a delta without touching the previous map', () => {
    const before = new Map([
      ['a', aContainer({ id: 'a', state: 'running' })],
      ['b', aContainer({ id: 'b' })],
    ]);
    const after = applyContainersMessage(before, {
      type: 'delta',
      engineId: 'local',
      upserts: [aContainer({ id: 'a', state: 'exited' }), aContainer({ id: 'c' })],
      removes: ['b'],
    });
    expect([...after.keys()].sort()).toEqual(['a', 'c']);
    expect(after.get('a')?.state).toBe('exited');
    expect(before.get('a')?.state).toBe('running');
    expect(after).not.toBe(before);
  });

  it('keeps the same map for an empty delta', () => {
    const before = new Map([['a', aContainer({ id: 'a' })]]);
    expect(applyContainersMessage(before, { type: 'delta', engineId: 'local', upserts: [], removes: [] })).toBe(before);
  });
});
