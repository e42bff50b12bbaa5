import { useEffect } from 'react';
import { closeShortcutSheet, openPalette, openShortcutSheet, usePalette } from '../palette/palette-store';
import { PAGES, type PageId } from '../shell/pages';
import { useNavigation } from '../stores/navigation-store';
import { holdFilterTyping } from './filter-typeahead';
import { goShortcutId, type GoShortcutId } from './keymap';
import { installShortcuts, useShortcuts } from './shortcuts';
import { ShortcutSheet } from './ShortcutSheet';

/**
 * The filter of the page on screen: the one marked `data-page-filter` (FilterBox), else the page's first search box
 * (pages with a filter of their own, and the log view's search on a container's Logs tab).
 */
export function focusPageFilter(): boolean {
  const main = document.querySelector('.app-main');
  const box = main?.querySelector<HTMLInputElement>('input[data-page-filter]') ?? main?.querySelector<HTMLInputElement>('input[type="search"]');
  if (!box) {
    // The page is not on screen yet (its code is loading): what is typed next waits for its filter.
    if (main && !main.querySelector('.page')) {
      holdFilterTyping();
      return true;
    }
    return false;
  }
  box.focus();
  box.select();
  return true;
}

const goHandlers = Object.fromEntries(PAGES.map((p) => [goShortcutId(p.id), () => useNavigation.getState().go(p.id as PageId)])) as Record<GoShortcutId, () => void>;

/** The keys that work on every page: the palette, `?`, `/` and `g` then a page's letter. Mounted once, in App. */
export function GlobalShortcuts() {
  useEffect(installShortcuts, []);
  const sheet = usePalette((s) => s.sheet);
  useShortcuts({
    'palette.open': () => openPalette(),
    'shortcuts.sheet': () => openShortcutSheet(),
    'filter.focus': () => focusPageFilter(),
    ...goHandlers,
  });
  return sheet ? <ShortcutSheet onClose={closeShortcutSheet} /> : null;
}
