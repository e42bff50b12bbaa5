import { expect, test, type Page, type Route } from '@playwright/test';
import { testDocker } from '../main/test-support/engine';
import { useApp } from './support/use-app';
import { appPath } from './support/app';

/**
 * Web mode fetches the pages split off the first bundle over HTTP, and Chromium ends the requests in flight whenever
 * the host's network changes, which the engine does each time it adds or removes a container's interface (CI saw
 * `net::ERR_NETWORK_CHANGED` on a page's stylesheet while a test stopped a container, and the page never showed).
 * Here the app's own files are cut off by a route, as that drop does: once (the page still opens, styled), for good
 * (a message in words, and "Try again" works once they come back), and under a dialog (the window stays).
 */
const app = useApp({ docker: testDocker() });

test.skip(appPath().kind !== 'web', 'web mode only: the Electron window loads its files from disk, not over HTTP');

/** Cuts off the requests for the app's files matching `pattern` while `cut(url)` says so; counts each outcome. */
async function cutOff(page: Page, pattern: RegExp, cut: (url: string, seen: number) => boolean) {
  const tally = { cut: [] as string[], served: [] as string[] };
  const seen = new Map<string, number>();
  await page.route(pattern, async (route: Route) => {
    const url = route.request().url();
    const n = (seen.get(url) ?? 0) + 1;
    seen.set(url, n);
    if (cut(url, n)) {
      tally.cut.push(url);
      await route.abort('connectionreset');
    } else {
      tally.served.push(url);
      await route.continue();
    }
  });
  return tally;
}

const go = (page: Page, hash: string) => page.evaluate((h) => (window.location.hash = h), hash);

test('a page whose script and stylesheet are cut off once still opens, styled', async () => {
  await app.start();
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  const tally = await cutOff(page, /\/assets\/SettingsPage-[^/]*\.(js|css)$/, (_url, n) => n === 1);

  await go(page, '#/settings');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('page-error')).toHaveCount(0);
  // Both were cut, and both came in on a second try: the script, and the stylesheet the page's layout is from.
  expect(tally.cut.map((u) => u.split('.').pop()).sort()).toEqual(['css', 'js']);
  expect(tally.served.map((u) => u.split('.').pop()).sort()).toEqual(['css', 'js']);
  await expect(page.locator('.settings')).toHaveCSS('max-width', '760px');
});

test('a page whose files stay cut off says so in words; "Try again" opens it once they are back', async () => {
  await app.start();
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  let down = true;
  const tally = await cutOff(page, /\/assets\/EventsPage-[^/]*\.js$/, () => down);

  await go(page, '#/events');
  const error = page.getByTestId('page-error');
  await expect(error).toBeVisible({ timeout: 15_000 });
  await expect(error).toContainText("Part of Berth's window could not be loaded");
  await expect(error).toContainText('Try again');
  expect(tally.cut.length).toBeGreaterThanOrEqual(4); // the first try and three more (and the preload hint)
  await page.screenshot({ path: 'docs/screenshots/page-load-failed.png' });

  down = false;
  await error.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { name: 'Events', level: 1 })).toBeVisible({ timeout: 15_000 });
  await expect(error).toHaveCount(0);
  expect(tally.served.length).toBe(1);
});

test('a dialog whose files cannot be loaded closes with a message, and the window stays', async () => {
  let tally: Awaited<ReturnType<typeof cutOff>> | null = null;
  // From the first load: the run dialog is fetched ahead of need once the page is idle.
  await app.start(process.env, { beforeLoad: async (page) => void (tally = await cutOff(page, /\/assets\/RunDialog-[^/]*\.js$/, () => true)) });
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  await go(page, '#/containers');
  await page.getByRole('button', { name: 'Run…' }).click();

  const toast = page.getByTestId('toast').filter({ hasText: 'The dialog could not open' });
  await expect(toast).toBeVisible({ timeout: 15_000 });
  await expect(toast).toContainText("Part of Berth's window could not be loaded");
  await expect(page.getByTestId('run-dialog')).toHaveCount(0);
  // The window is still there and works: another page opens.
  await go(page, '#/settings');
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  expect(tally!.cut.length).toBeGreaterThanOrEqual(4);
});
