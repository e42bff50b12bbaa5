/**
 * `/` pressed before the page's filter is on screen (a page whose code or list is still loading, right after `g i`):
 * the characters typed next are held for that filter instead of reaching the shortcuts, and the filter takes them when
 * it mounts. Nothing typed at full speed is lost or run as a shortcut.
 */
const HOLD_MS = 5000;

let held: { text: string; until: number } | null = null;

export function holdFilterTyping(now = Date.now()): void {
  held = { text: '', until: now + HOLD_MS };
}

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** For a keydown outside any field: true when the key was taken for the filter to come (the caller stops it). */
export function takeFilterKey(e: KeyLike, now = Date.now()): boolean {
  if (held === null) return false;
  if (now > held.until) {
    held = null;
    return false;
  }
  if (e.ctrlKey || e.metaKey || e.altKey) return false;
  if (e.key === 'Escape') {
    held = null;
    return true;
  }
  if (e.key === 'Backspace') {
    held.text = held.text.slice(0, -1);
    return true;
  }
  // One character (a surrogate pair counts as one); named keys (Enter, arrows, Tab) go on to the shortcuts.
  if ([...e.key].length !== 1) return false;
  held.text += e.key;
  return true;
}

/** The page filter that mounts takes what was typed for it: the text (maybe empty), or null when nothing waits. */
export function claimFilterTyping(now = Date.now()): string | null {
  const h = held;
  held = null;
  return h === null || now > h.until ? null : h.text;
}
