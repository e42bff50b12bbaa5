import { describe, expect, it } from 'vitest';
import type { EngineEvent } from '../../../../preload/contract';
import { actionVerb, actorName, appendBounded, attributeSummary, filterEvents, matchesText } from './event-filter';

const ev = (type: string, action: string, attributes: Record<string, string> = {}, id = 'abc'): EngineEvent => ({
  engineId: 'local',
  type,
  action,
  actor: { id, attributes },
  time: 0,
});

describe('filterEvents', () => {
  const events = [
    ev('container', 'start', { name: 'web', image: 'nginx' }),
    ev('image', 'pull', { name: 'redis:7' }),
    ev('network', 'connect', { name: 'bridge', container: 'x' }),
    ev('container', 'die', { name: 'db', exitCode: '137' }),
  ];

  it('newest first; no filter shows all', () => {
    expect(filterEvents(events, { types: new Set(), text: '' }).map((e) => e.action)).toEqual(['die', 'connect', 'pull', 'start']);
  });

  it('by type', () => {
    expect(filterEvents(events, { types: new Set(['container']), text: '' }).map((e) => e.action)).toEqual(['die', 'start']);
  });

  it('by text over action, attributes (keys and values), case-insensitive; combined with type', () => {
    expect(filterEvents(events, { types: new Set(), text: 'NGINX' }).map((e) => e.action)).toEqual(['start']);
    expect(filterEvents(events, { types: new Set(), text: 'exitcode' }).map((e) => e.action)).toEqual(['die']);
    expect(filterEvents(events, { types: new Set(['image']), text: 'web' })).toEqual([]);
    expect(matchesText(ev('volume', 'create', {}, 'myvol'), 'myvol')).toBe(true);
  });
});

describe('appendBounded', () => {
  it('keeps the newest max', () => {
    expect(appendBounded([1, 2, 3], [4, 5], 4)).toEqual([2, 3, 4, 5]);
    expect(appendBounded([1], [2, 3, 4, 5, 6], 3)).toEqual([4, 5, 6]);
    expect(appendBounded([], [], 3)).toEqual([]);
  });
});

describe('names and summaries', () => {
  it('actor name: name attribute, else a short image id, else the id', () => {
    expect(actorName(ev('container', 'start', { name: 'web' }))).toBe('web');
    expect(actorName(ev('image', 'delete', {}, `sha256:${'a'.repeat(64)}`))).toBe('a'.repeat(12));
    expect(actorName(ev('volume', 'create', {}, 'data'))).toBe('data');
  });
  it('action verb drops the exec command', () => {
    expect(actionVerb('exec_start: sh -c date')).toBe('exec_start');
    expect(actionVerb('start')).toBe('start');
  });
  it('attributes without the name, shortest first', () => {
    expect(attributeSummary(ev('container', 'start', { name: 'web', image: 'nginx:latest', a: 'b' }))).toBe('a=b  image=nginx:latest');
  });
});
