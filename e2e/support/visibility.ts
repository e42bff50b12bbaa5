import type { Page } from '@playwright/test';

/**
 * Tells the page it is hidden or shown. Headless Chromium keeps every tab and minimised window 'visible' (tried: a
 * second tab in front, a minimised window), so the page is told what a browser or Electron tells it: visibilityState,
 * `hidden` and the visibilitychange event. Berth's own handlers do the rest.
 */
export function setPageVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  return page.evaluate((s) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => s });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => s === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}
