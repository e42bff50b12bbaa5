import { create } from 'zustand';
import type { ContainerSummary } from '../../../preload/contract';
import type { NetworkDialog } from '../pages/networks/NetworkDialogs';
import type { VolumeDialog } from '../pages/volumes/VolumeDialogs';
import type { PaletteEntry } from './palette-index';

/**
 * A dialog the palette opened that has no app-wide home: the pages that usually show it keep it in their own state,
 * so the palette renders the same component (same plan, same confirmation) itself.
 */
export type PaletteDialog =
  | { kind: 'remove-container'; container: ContainerSummary }
  | { kind: 'volume'; dialog: VolumeDialog }
  | { kind: 'network'; dialog: NetworkDialog }
  | { kind: 'stack'; which: 'new' | 'open' };

interface PaletteStore {
  open: boolean;
  /** The object whose actions are listed; null while searching. */
  subject: PaletteEntry | null;
  /** What was typed, kept while an object's actions are shown (Escape goes back to it). */
  query: string;
  dialog: PaletteDialog | null;
  /** The `?` sheet. */
  sheet: boolean;
}

export const usePalette = create<PaletteStore>()(() => ({ open: false, subject: null, query: '', dialog: null, sheet: false }));

export const openPalette = () => usePalette.setState({ open: true, subject: null, query: '', sheet: false });
export const closePalette = () => usePalette.setState({ open: false, subject: null });
export const openPaletteDialog = (dialog: PaletteDialog) => usePalette.setState({ open: false, subject: null, dialog });
export const closePaletteDialog = () => usePalette.setState({ dialog: null });
export const openShortcutSheet = () => usePalette.setState({ open: false, sheet: true });
export const closeShortcutSheet = () => usePalette.setState({ sheet: false });

const RECENT_KEY = 'berth.palette.recent';
const RECENT_MAX = 20;

function readRecent(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string').slice(0, RECENT_MAX) : [];
  } catch {
    return []; // storage blocked or garbled: no recents, nothing else lost
  }
}

/** Entries picked lately, newest first (kept across restarts): they come first in the palette. */
export const useRecent = create<{ keys: readonly string[] }>()(() => ({ keys: readRecent() }));

export function noteRecent(key: string) {
  const keys = [key, ...useRecent.getState().keys.filter((k) => k !== key)].slice(0, RECENT_MAX);
  useRecent.setState({ keys });
  try {
    localStorage.setItem(RECENT_KEY, JSON.stringify(keys));
  } catch {
    // not remembered across restarts, still first in this window
  }
}
