import { useEffect, useRef } from 'react';
import { create } from 'zustand';
import { KEYMAP, keymapPlatform, setKeymapPlatform, type Shortcut, type ShortcutId } from './keymap';
import { takeFilterKey } from './filter-typeahead';
import { detectPlatform, isOwnKeysTarget, isTypingTarget, type KeyInput } from './keys';
import { compileSequences, isModifierOnly, resolveKeys, type Candidate } from './resolve';

/**
 * The one keydown listener. Components say what a shortcut does while they are mounted (`useShortcuts`); the
 * listener decides, from the keymap, whether a key (or a sequence like `g i`) is one, and calls the handler mounted
 * last. It keeps out of the way: nothing fires while the terminal or a code editor has focus, while a dialog or menu
 * is open, or (except chords like Mod+K) while a text field has focus.
 */
type Handler = (e: KeyboardEvent) => boolean | void;
type Handlers = Partial<Record<ShortcutId, Handler>>;

interface Layer {
  handlers: { current: Handlers };
}

const layers: Layer[] = [];

/** The shortcuts that act right now (for the `?` sheet), in keymap order. */
export const useActiveShortcuts = create<{ ids: readonly ShortcutId[] }>()(() => ({ ids: [] }));

function publish() {
  const on = new Set<ShortcutId>();
  for (const l of layers) for (const id of Object.keys(l.handlers.current) as ShortcutId[]) on.add(id);
  useActiveShortcuts.setState({ ids: (Object.keys(KEYMAP) as ShortcutId[]).filter((id) => on.has(id)) });
}

/**
 * Binds shortcuts of the keymap to handlers while the component is mounted (and `enabled`). A handler that returns
 * false declines the key (it then does what it would have done). The handlers may change every render.
 */
export function useShortcuts(handlers: Handlers, enabled = true): void {
  const ref = useRef(handlers);
  ref.current = handlers;
  const ids = Object.keys(handlers).sort().join(',');
  useEffect(() => {
    if (!enabled) return;
    const layer: Layer = { handlers: ref };
    layers.push(layer);
    publish();
    return () => {
      layers.splice(layers.indexOf(layer), 1);
      publish();
    };
  }, [enabled, ids]);
}

const COMPILED = new Map((Object.keys(KEYMAP) as ShortcutId[]).map((id) => [id, compileSequences(KEYMAP[id].keys)]));

const ACTIVATES = 'button, a[href], input, select, textarea, summary, [role="button"], [role="checkbox"], [role="menuitem"], [role="tab"], [role="option"], [role="switch"]';
const ARROWS_OWNED = '[role="tablist"], [role="menu"], [role="listbox"], [role="radiogroup"], [role="slider"], select';

/** Keys the focused control already gives a meaning to: Enter/Space press a button, arrows move within tabs. */
function ownedByControl(target: EventTarget | null, key: string): boolean {
  const el = target as Element | null;
  if (!el || typeof el.closest !== 'function') return false;
  if (key === 'Enter' || key === ' ') return !!el.closest(ACTIVATES);
  if (key.startsWith('Arrow') || key === 'Home' || key === 'End') return !!el.closest(ARROWS_OWNED);
  return false;
}

/** A dialog or a menu is open: its keys are its own (the palette and the `?` sheet are dialogs too). */
const overlayOpen = () => !!document.querySelector('[role="dialog"], [role="alertdialog"], [role="menu"]');

/**
 * The second key of a sequence (`g` then `i`) counts when it was pressed within this time of the first, by the keys'
 * own timestamps: a page busy drawing (a long list arriving) must not make the user's `g i` fall apart.
 */
const SEQUENCE_TIMEOUT_MS = 1500;
let pending: KeyInput[] = [];
let pendingAt = 0;

function resetPending() {
  pending = [];
}

function handlerFor(id: ShortcutId): Handler | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    const h = layers[i]!.handlers.current[id];
    if (h) return h;
  }
  return undefined;
}

function onKeyDown(e: KeyboardEvent) {
  if (e.defaultPrevented || e.isComposing || isModifierOnly(e.key)) return;
  if (!isTypingTarget(e.target) && takeFilterKey(e)) {
    e.preventDefault();
    return;
  }
  if (isOwnKeysTarget(e.target) || overlayOpen()) {
    resetPending();
    return;
  }
  const typing = isTypingTarget(e.target);
  const owned = ownedByControl(e.target, e.key);
  // The layer mounted last comes first: the log view's `/` (search the log) over the page's `/` (its filter).
  const candidates: Candidate<ShortcutId>[] = [];
  const seen = new Set<ShortcutId>();
  for (let i = layers.length - 1; i >= 0 && !owned; i--) {
    for (const id of Object.keys(layers[i]!.handlers.current) as ShortcutId[]) {
      if (seen.has(id) || (typing && !(KEYMAP[id] as Shortcut).fields)) continue;
      seen.add(id);
      const sequences = COMPILED.get(id);
      if (sequences) candidates.push({ id, sequences });
    }
  }
  if (pending.length > 0 && e.timeStamp - pendingAt > SEQUENCE_TIMEOUT_MS) pending = [];
  const input: KeyInput = { key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, shiftKey: e.shiftKey };
  let r = resolveKeys(candidates, pending, input, keymapPlatform());
  // A key that breaks a sequence (`g` then `z`) starts afresh: it may be a shortcut of its own.
  if (r.kind === 'none' && pending.length > 0) {
    pending = [];
    r = resolveKeys(candidates, [], input, keymapPlatform());
  }
  if (r.kind === 'wait') {
    pending = [...pending, input];
    pendingAt = e.timeStamp;
    e.preventDefault();
    return;
  }
  resetPending();
  if (r.kind !== 'run') return;
  if (handlerFor(r.id)?.(e) !== false) e.preventDefault();
}

/** Starts the listener for the window's life (main.tsx). Returns a stop function. */
export function installShortcuts(): () => void {
  setKeymapPlatform(detectPlatform(typeof navigator === 'undefined' ? undefined : navigator));
  window.addEventListener('keydown', onKeyDown);
  return () => window.removeEventListener('keydown', onKeyDown);
}
