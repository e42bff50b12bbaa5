/**
 * Key chords as the keymap writes them, and how they meet a keyboard event. Pure: no React, no DOM globals beyond
 * the event fields, so the same code decides what a key does and what a tooltip says it does.
 *
 * A chord is `Mod+K`, `Shift+Enter`, `F1`, `j`, `?` or `Space`; a sequence is chords separated by a space (`g i`).
 * `Mod` is ⌘ on macOS and Ctrl elsewhere, so one keymap is right on every platform. A printable key is compared by
 * the character it types (`?`, `G`, `N`): Shift is part of the character, not a modifier to name.
 */
export type Platform = 'mac' | 'other';

export interface Chord {
  key: string;
  mod: boolean;
  alt: boolean;
  shift: boolean;
}

/** The fields of a KeyboardEvent a chord is matched against (a plain object in tests). */
export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

export function detectPlatform(nav: { platform?: string; userAgent?: string } | undefined): Platform {
  const s = `${nav?.platform ?? ''} ${nav?.userAgent ?? ''}`;
  return /Mac|iPhone|iPad/i.test(s) ? 'mac' : 'other';
}

const NAMED: Record<string, string> = { space: ' ', esc: 'Escape', del: 'Delete', up: 'ArrowUp', down: 'ArrowDown', left: 'ArrowLeft', right: 'ArrowRight' };

export function parseChord(spec: string): Chord {
  const parts = spec.split('+');
  // A lone "+" (or "Shift++") is the plus key itself.
  let key = parts.pop() ?? '';
  if (key === '' && spec.endsWith('+')) {
    parts.pop();
    key = '+';
  }
  const chord: Chord = { key: NAMED[key.toLowerCase()] ?? key, mod: false, alt: false, shift: false };
  for (const p of parts) {
    if (p === 'Mod') chord.mod = true;
    else if (p === 'Alt') chord.alt = true;
    else if (p === 'Shift') chord.shift = true;
    else throw new Error(`unknown modifier "${p}" in "${spec}"`);
  }
  return chord;
}

export const parseSequence = (spec: string): Chord[] => spec.split(' ').filter(Boolean).map(parseChord);

const isPrintable = (key: string) => key.length === 1 && key !== ' ';

/** Whether the event is this chord on this platform: the exact modifiers, nothing more. */
export function chordMatches(chord: Chord, e: KeyInput, platform: Platform): boolean {
  const mod = platform === 'mac' ? e.metaKey : e.ctrlKey;
  const otherMod = platform === 'mac' ? e.ctrlKey : e.metaKey;
  if (mod !== chord.mod || otherMod || e.altKey !== chord.alt) return false;
  if (isPrintable(chord.key)) {
    // `?` is Shift+/ on most layouts and `G` is Shift+g: the character already says it. With Mod, keys are letters.
    return chord.mod ? e.key.toLowerCase() === chord.key.toLowerCase() && e.shiftKey === chord.shift : e.key === chord.key;
  }
  return e.key === chord.key && e.shiftKey === chord.shift;
}

const MAC_SYMBOL: Record<string, string> = { mod: '⌘', alt: '⌥', shift: '⇧' };
const DISPLAY: Record<string, string> = {
  ' ': 'Space',
  ArrowUp: '↑',
  ArrowDown: '↓',
  ArrowLeft: '←',
  ArrowRight: '→',
  Escape: 'Esc',
  Delete: 'Del',
};

/** The caps a person presses for one chord, in order: `['Ctrl', 'K']`, `['⌘', 'K']`, `['?']`. */
export function chordCaps(chord: Chord, platform: Platform): string[] {
  const caps: string[] = [];
  const mac = platform === 'mac';
  if (chord.mod) caps.push(mac ? MAC_SYMBOL.mod! : 'Ctrl');
  if (chord.alt) caps.push(mac ? MAC_SYMBOL.alt! : 'Alt');
  if (chord.shift) caps.push(mac ? MAC_SYMBOL.shift! : 'Shift');
  const key = DISPLAY[chord.key] ?? chord.key;
  caps.push(chord.mod && key.length === 1 ? key.toUpperCase() : key);
  return caps;
}

/** One binding as text for a tooltip or a title: `Ctrl+K`, `⌘K`, `g then i`. */
export function formatSequence(spec: string, platform: Platform): string {
  return parseSequence(spec)
    .map((c) => chordCaps(c, platform).join(platform === 'mac' ? '' : '+'))
    .join(' then ');
}

/**
 * Where typed keys belong to what has focus and no shortcut may act: text fields, the terminal (xterm's hidden
 * textarea), Monaco (which takes keys in a textarea or, with EditContext, a plain div), and anything contenteditable.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  const el = target as (Element & { isContentEditable?: boolean }) | null;
  if (!el || typeof el.closest !== 'function') return false;
  if (el.closest('.xterm, .monaco-editor')) return true;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file'].includes(type);
  }
  return false;
}

/** The terminal and the code editors own every key while focused (Ctrl+K kills a line in bash; it is Monaco's chord). */
export function isOwnKeysTarget(target: EventTarget | null): boolean {
  const el = target as Element | null;
  return !!el && typeof el.closest === 'function' && !!el.closest('.xterm, .monaco-editor');
}
