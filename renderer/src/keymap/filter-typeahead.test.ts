import { beforeEach, describe, expect, it } from 'vitest';
import { claimFilterTyping, holdFilterTyping, takeFilterKey } from './filter-typeahead';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('typing held for a filter that is not on screen yet', () => {
  beforeEach(() => void claimFilterTyping());

  it('takes nothing unless `/` found no filter', () => {
    expect(takeFilterKey(key('b'))).toBe(false);
    expect(claimFilterTyping()).toBeNull();
  });

  it('keeps characters, Backspace edits them, and the filter gets them once', () => {
    holdFilterTyping(1000);
    for (const k of ['b', 'e', 'x', 'Backspace', 'r', 't', 'h', '/', 'é', '🐳']) expect(takeFilterKey(key(k), 1100)).toBe(true);
    expect(claimFilterTyping(1200)).toBe('berth/é🐳');
    expect(claimFilterTyping(1200)).toBeNull();
  });

  it('leaves named keys and chords to the shortcuts', () => {
    holdFilterTyping(0);
    expect(takeFilterKey(key('Enter'), 1)).toBe(false);
    expect(takeFilterKey(key('ArrowDown'), 1)).toBe(false);
    expect(takeFilterKey(key('k', { ctrlKey: true }), 1)).toBe(false);
    expect(takeFilterKey(key('a', { metaKey: true }), 1)).toBe(false);
    expect(claimFilterTyping(2)).toBe('');
  });

  it('Escape gives up the wait', () => {
    holdFilterTyping(0);
    takeFilterKey(key('a'), 1);
    expect(takeFilterKey(key('Escape'), 2)).toBe(true);
    expect(takeFilterKey(key('b'), 3)).toBe(false);
    expect(claimFilterTyping(4)).toBeNull();
  });

  it('a filter that never comes lets go after 5 s', () => {
    holdFilterTyping(0);
    expect(takeFilterKey(key('a'), 4000)).toBe(true);
    expect(takeFilterKey(key('b'), 5001)).toBe(false);
    expect(claimFilterTyping(5002)).toBeNull();
  });
});
