import { describe, expect, it } from 'vitest';
import type { KeyInput } from './keys';
import { compileSequences, resolveKeys, type Candidate } from './resolve';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
const c = (id: string, ...keys: string[]): Candidate<string> => ({ id, sequences: compileSequences(keys) });

const CANDIDATES = [c('palette', 'Mod+K', 'F1'), c('images', 'g i'), c('containers', 'g c'), c('down', 'ArrowDown', 'j'), c('help', '?')];

describe('resolveKeys', () => {
  it('runs a single chord, any of a shortcut’s keys', () => {
    expect(resolveKeys(CANDIDATES, [], key('k', { ctrlKey: true }), 'other')).toEqual({ kind: 'run', id: 'palette' });
    expect(resolveKeys(CANDIDATES, [], key('F1'), 'other')).toEqual({ kind: 'run', id: 'palette' });
    expect(resolveKeys(CANDIDATES, [], key('j'), 'other')).toEqual({ kind: 'run', id: 'down' });
    expect(resolveKeys(CANDIDATES, [], key('?', { shiftKey: true }), 'other')).toEqual({ kind: 'run', id: 'help' });
  });

  it('waits after the first key of a sequence, then runs the one the second key completes', () => {
    expect(resolveKeys(CANDIDATES, [], key('g'), 'other')).toEqual({ kind: 'wait' });
    expect(resolveKeys(CANDIDATES, [key('g')], key('i'), 'other')).toEqual({ kind: 'run', id: 'images' });
    expect(resolveKeys(CANDIDATES, [key('g')], key('c'), 'other')).toEqual({ kind: 'run', id: 'containers' });
  });

  it('a key that completes nothing is nothing (the caller then tries it on its own)', () => {
    expect(resolveKeys(CANDIDATES, [key('g')], key('z'), 'other')).toEqual({ kind: 'none' });
    expect(resolveKeys(CANDIDATES, [key('g')], key('j'), 'other')).toEqual({ kind: 'none' });
    expect(resolveKeys(CANDIDATES, [], key('x'), 'other')).toEqual({ kind: 'none' });
  });

  it('the first candidate wins a key two share (the layer mounted last is listed first)', () => {
    const shared = [c('logs.search', '/'), c('filter.focus', '/')];
    expect(resolveKeys(shared, [], key('/'), 'other')).toEqual({ kind: 'run', id: 'logs.search' });
  });
});
