import { describe, expect, it } from 'vitest';
import { chordCaps, chordMatches, detectPlatform, formatSequence, isOwnKeysTarget, isTypingTarget, parseChord, parseSequence, type KeyInput } from './keys';

const key = (k: string, mods: Partial<KeyInput> = {}): KeyInput => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('chords', () => {
  it('parses modifiers, named keys and sequences', () => {
    expect(parseChord('Mod+K')).toEqual({ key: 'K', mod: true, alt: false, shift: false });
    expect(parseChord('Space')).toEqual({ key: ' ', mod: false, alt: false, shift: false });
    expect(parseChord('Shift++')).toEqual({ key: '+', mod: false, alt: false, shift: true });
    expect(parseSequence('g i').map((c) => c.key)).toEqual(['g', 'i']);
    expect(() => parseChord('Hyper+K')).toThrow(/unknown modifier/);
  });

  it('Mod is Ctrl off macOS and ⌘ on it, and nothing else may be held', () => {
    const modK = parseChord('Mod+K');
    expect(chordMatches(modK, key('k', { ctrlKey: true }), 'other')).toBe(true);
    expect(chordMatches(modK, key('k', { metaKey: true }), 'other')).toBe(false);
    expect(chordMatches(modK, key('k', { metaKey: true }), 'mac')).toBe(true);
    expect(chordMatches(modK, key('k', { ctrlKey: true }), 'mac')).toBe(false);
    expect(chordMatches(modK, key('K', { ctrlKey: true, shiftKey: true }), 'other')).toBe(false);
    expect(chordMatches(modK, key('k', { ctrlKey: true, altKey: true }), 'other')).toBe(false);
  });

  it('a printable key is the character typed: ? and G carry their Shift, j does not match J', () => {
    expect(chordMatches(parseChord('?'), key('?', { shiftKey: true }), 'other')).toBe(true);
    expect(chordMatches(parseChord('G'), key('G', { shiftKey: true }), 'other')).toBe(true);
    expect(chordMatches(parseChord('j'), key('J', { shiftKey: true }), 'other')).toBe(false);
    expect(chordMatches(parseChord('j'), key('j', { ctrlKey: true }), 'other')).toBe(false);
    expect(chordMatches(parseChord('Enter'), key('Enter', { shiftKey: true }), 'other')).toBe(false);
    expect(chordMatches(parseChord('Shift+Enter'), key('Enter', { shiftKey: true }), 'other')).toBe(true);
  });

  it('shows the platform’s own caps', () => {
    expect(chordCaps(parseChord('Mod+K'), 'other')).toEqual(['Ctrl', 'K']);
    expect(chordCaps(parseChord('Mod+K'), 'mac')).toEqual(['⌘', 'K']);
    expect(formatSequence('Mod+K', 'other')).toBe('Ctrl+K');
    expect(formatSequence('Mod+K', 'mac')).toBe('⌘K');
    expect(formatSequence('g i', 'other')).toBe('g then i');
    expect(formatSequence('ArrowDown', 'other')).toBe('↓');
    expect(formatSequence('Space', 'other')).toBe('Space');
  });

  it('detects macOS from the platform or the user agent', () => {
    expect(detectPlatform({ platform: 'MacIntel' })).toBe('mac');
    expect(detectPlatform({ platform: '', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)' })).toBe('mac');
    expect(detectPlatform({ platform: 'Linux x86_64' })).toBe('other');
    expect(detectPlatform(undefined)).toBe('other');
  });
});

/** Enough of an Element for the target checks (the unit project runs without a DOM). */
function el(tag: string, opts: { type?: string; inside?: string; editable?: boolean } = {}) {
  return {
    tagName: tag,
    type: opts.type ?? '',
    isContentEditable: opts.editable ?? false,
    closest: (sel: string) => (opts.inside && sel.split(',').map((s) => s.trim()).includes(opts.inside) ? {} : null),
  } as unknown as EventTarget;
}

describe('targets', () => {
  it('text fields, selects, textareas and contenteditable take typed keys; checkboxes and buttons do not', () => {
    expect(isTypingTarget(el('INPUT', { type: 'search' }))).toBe(true);
    expect(isTypingTarget(el('INPUT', { type: 'text' }))).toBe(true);
    expect(isTypingTarget(el('TEXTAREA'))).toBe(true);
    expect(isTypingTarget(el('SELECT'))).toBe(true);
    expect(isTypingTarget(el('DIV', { editable: true }))).toBe(true);
    expect(isTypingTarget(el('INPUT', { type: 'checkbox' }))).toBe(false);
    expect(isTypingTarget(el('BUTTON'))).toBe(false);
    expect(isTypingTarget(el('DIV'))).toBe(false);
    expect(isTypingTarget(null)).toBe(false);
  });

  it('the terminal and Monaco own every key, also in a plain div (Monaco with EditContext)', () => {
    expect(isOwnKeysTarget(el('TEXTAREA', { inside: '.xterm' }))).toBe(true);
    expect(isOwnKeysTarget(el('DIV', { inside: '.monaco-editor' }))).toBe(true);
    expect(isTypingTarget(el('DIV', { inside: '.monaco-editor' }))).toBe(true);
    expect(isOwnKeysTarget(el('INPUT', { type: 'search' }))).toBe(false);
  });
});
