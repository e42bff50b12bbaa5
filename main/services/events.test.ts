import { describe, expect, it } from 'vitest';
import { toEngineEvent } from './events';

describe('toEngineEvent', () => {
  it('maps a modern event, preferring timeNano (to whole ms) over time', () => {
    expect(
      toEngineEvent('local', {
        Type: 'container',
        Action: 'start',
        Actor: { ID: 'abc123', Attributes: { name: 'web', image: 'nginx' } },
        time: 1_700_000_000,
        timeNano: 1_700_000_000_123_456_768, // as JSON.parse delivers it: a double, to 256 ns
      }),
    ).toEqual({
      engineId: 'local',
      type: 'container',
      action: 'start',
      actor: { id: 'abc123', attributes: { name: 'web', image: 'nginx' } },
      time: 1_700_000_000_123,
    });
  });

  it('without timeNano, time (seconds) becomes ms', () => {
    expect(toEngineEvent('e', { Type: 'image', Action: 'pull', time: 1_700_000_001 }).time).toBe(1_700_000_001_000);
  });

  it('old-style events: status for the action, id for the actor', () => {
    expect(toEngineEvent('e', { status: 'die', id: 'deadbeef', time: 10 })).toEqual({
      engineId: 'e',
      type: 'unknown',
      action: 'die',
      actor: { id: 'deadbeef', attributes: {} },
      time: 10_000,
    });
  });

  it('Action and Actor.ID win over status and id', () => {
    const ev = toEngineEvent('e', { Action: 'stop', status: 'old', Actor: { ID: 'new' }, id: 'old' });
    expect(ev.action).toBe('stop');
    expect(ev.actor).toEqual({ id: 'new', attributes: {} });
  });

  it('an empty event gets safe defaults', () => {
    expect(toEngineEvent('e', {})).toEqual({ engineId: 'e', type: 'unknown', action: '', actor: { id: '', attributes: {} }, time: 0 });
  });
});
