import { expect, test } from '@playwright/test';
import { mapLimited } from '../main/services/map-limited';
import { FIXTURE_IMAGE, TEST_LABEL, RUN_ID, testDocker, testLabels, uniqueName } from '../main/test-support/engine';
import { fling, scrollSteps } from './support/fling';
import { useApp } from './support/use-app';

/**
 * Behaviour at scale, without timings (those are `npm run bench -- list-5000`): 5,000 containers this spec creates
 * in 200 compose projects, 500 of them running, all appear; a filter narrows them; a bulk stop of the 500 (as the
 * issue asks) reports one result per container and stops every one. Each stops at SIGTERM (docker-init forwards it to
 * `sleep`; StopTimeout 1 caps the wait), so a stop costs the engine's work, not a timeout: about 4 a second on a
 * loaded 2-core machine, through Berth as through the Engine API, fewer when it is busier (hence 10 minutes).
 * Containers have no network (creating and starting them is quicker) and are removed here, a few at a time: useApp's
 * cleanup would ask the engine for all 5,000 at once.
 */
const TOTAL = 5000;
const RUNNING = 500;
const PROJECTS = 200;
const AT_ONCE = 12;

const docker = testDocker();
const app = useApp();
const prefix = uniqueName('scale');
const project = (i: number) => `${prefix}-p${i % PROJECTS}`;
const nameOf = (i: number) => (i < RUNNING ? `${prefix}-run-${i}` : `${prefix}-c-${i}`);

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(20 * 60_000);
  await mapLimited(
    Array.from({ length: TOTAL }, (_, i) => i),
    AT_ONCE,
    async (i) => {
      const c = await docker.createContainer({
        Image: FIXTURE_IMAGE,
        name: nameOf(i),
        Cmd: ['sleep', '3600'],
        Labels: testLabels({ 'com.docker.compose.project': project(i), 'com.docker.compose.service': `svc${Math.floor(i / PROJECTS)}` }),
        StopTimeout: 1,
        HostConfig: { Init: true, NetworkMode: 'none' },
      });
      if (i < RUNNING) await c.start();
    },
  );
});

test.afterAll(async () => {
  test.setTimeout(20 * 60_000);
  const mine = await docker.listContainers({ all: true, filters: { label: [`${TEST_LABEL}=${RUN_ID}`], name: [prefix] } });
  await mapLimited(mine, AT_ONCE, (c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined));
});

test('a flung list draws rows lite as they fly past and fills every one in when the fling ends', async () => {
  test.setTimeout(5 * 60_000);
  await app.start();
  const page = app.page;
  // The 500 running ones (before the bulk stop below): each row in full has its buttons and its stats cells.
  await page.getByRole('searchbox', { name: 'Filter containers' }).fill(`${prefix}-run-`);
  await expect(page.getByRole('checkbox', { name: `Select all ${RUNNING} shown` })).toBeVisible({ timeout: 60_000 });
  const grid = page.getByRole('grid', { name: 'Containers' });
  const down = await fling(grid, 30, '[data-testid="container-row"][data-lite]');
  expect(down.liteMost, 'rows that came into view mid-fling are drawn lite').toBeGreaterThan(0);
  // While flung, a row that leaves lends its elements to one that comes in where they stand: none is taken out of
  // the list and put back (styled and laid out anew). At rest the rows are back in their order among the list's
  // children: the order a screen reader reads them in and the Tab key follows.
  expect(down.flingingSteps, 'steps after which the list said it was flinging').toBeGreaterThan(0);
  expect(down.movedFlinging, `rows moved among the list children while flung (${down.moved} in all)`).toBe(0);
  const rowOrder = () => grid.evaluate((el) => [...el.querySelectorAll('.grid-rows > [role="row"]')].map((r) => Number(r.getAttribute('aria-rowindex'))));
  const ascending = (xs: number[]) => xs.every((x, i) => i === 0 || x > xs[i - 1]!);
  await expect(grid).not.toHaveAttribute('data-settling', { timeout: 10_000 });
  expect(ascending(await rowOrder()), `rows in order after a fling down: ${(await rowOrder()).join(' ')}`).toBe(true);
  const upward = await fling(grid, 12, '[data-testid="container-row"][data-lite]', true);
  expect(upward.flingingSteps, 'steps after which the list said it was flinging up').toBeGreaterThan(0);
  expect(upward.movedFlinging, `rows moved among the list children while flung up (${upward.moved} in all)`).toBe(0);
  await expect(grid).not.toHaveAttribute('data-settling', { timeout: 10_000 });
  expect(ascending(await rowOrder()), `rows in order after a fling up: ${(await rowOrder()).join(' ')}`).toBe(true);
  // Read row by row upwards (a wheel notch at a time, no fling): each row that comes in above is one new element; the
  // rows below it are not moved (React moves every child an element passes to move it up).
  const slowUp = (await scrollSteps(grid, { steps: 5, px: -36, everyMs: 200 })).moved;
  expect(slowUp, 'rows moved among the list children by a slow scroll up').toBe(0);
  expect(ascending(await rowOrder()), `rows in order after a slow scroll up: ${(await rowOrder()).join(' ')}`).toBe(true);
  // Ended: no lite row is left, and every row has its buttons and stats cells again.
  const rows = page.locator('[data-testid="container-row"]');
  await expect(page.locator('[data-testid="container-row"][data-lite]')).toHaveCount(0);
  const shown = await rows.count();
  expect(shown).toBeGreaterThan(10);
  await expect(rows.filter({ has: page.locator('button[aria-label^="Remove "]') })).toHaveCount(shown);
  await expect(rows.filter({ has: page.locator('button[aria-label^="Stop "]') })).toHaveCount(shown);
  await expect(rows.filter({ has: page.getByTestId('stats-cell-cpu') })).toHaveCount(shown);
  await expect(rows.filter({ has: page.getByTestId('stats-cell-cpu').filter({ hasText: '%' }) }).first()).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('after-fling.png') });
});

test('filter keys draw the rows they bring into view lite, then fill every one in', async () => {
  test.setTimeout(5 * 60_000);
  await app.start();
  const page = app.page;
  const filter = page.getByRole('searchbox', { name: 'Filter containers' });
  await filter.fill(prefix);
  await expect(page.getByRole('checkbox', { name: `Select all ${TOTAL} shown` })).toBeVisible({ timeout: 60_000 });
  await expect(page.locator('[data-testid="container-row"][data-lite]')).toHaveCount(0);
  // From the list's end: a key that narrows it moves the view to the first matches (a scroll event in the key's frame).
  const grid = page.getByRole('grid', { name: 'Containers' });
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.locator('[data-testid="container-row"][data-lite]')).toHaveCount(0);
  // Watch every change to the list while the keys go in at full speed: the most lite rows at once, and the most rows
  // drawn beyond the view's edges while any row is lite.
  await page.evaluate(() => {
    const w = window as unknown as { __liteMost: number; __edgesMost: number; __liteGroupsMost: number };
    w.__liteMost = 0;
    w.__edgesMost = 0;
    w.__liteGroupsMost = 0;
    const grid = document.querySelector('.container-grid')!;
    new MutationObserver(() => {
      const lite = document.querySelectorAll('[data-testid="container-row"][data-lite]').length;
      w.__liteMost = Math.max(w.__liteMost, lite);
      w.__liteGroupsMost = Math.max(w.__liteGroupsMost, document.querySelectorAll('[data-testid="container-group"][data-lite]').length);
      if (lite === 0) return;
      const view = grid.getBoundingClientRect();
      const header = grid.querySelector('.grid-header')!.getBoundingClientRect().bottom;
      const beyond = [...grid.querySelectorAll('[data-testid="container-row"]')].filter((r) => {
        const box = r.getBoundingClientRect();
        return box.top >= view.bottom || box.bottom <= header;
      }).length;
      w.__edgesMost = Math.max(w.__edgesMost, beyond);
    }).observe(grid, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-lite'] });
  });
  await filter.pressSequentially('-run-', { delay: 0 });
  await expect(page.getByRole('checkbox', { name: `Select all ${RUNNING} shown` })).toBeVisible();
  const most = await page.evaluate(() => {
    const w = window as unknown as { __liteMost: number; __edgesMost: number; __liteGroupsMost: number };
    return { __liteMost: w.__liteMost, __edgesMost: w.__edgesMost, __liteGroupsMost: w.__liteGroupsMost };
  });
  expect(most.__liteMost, 'rows a key brought in were drawn lite').toBeGreaterThan(0);
  expect(most.__liteGroupsMost, 'group headers a key brought in were drawn lite').toBeGreaterThan(0);
  // Until the fill-in, the keys draw the rows in view and one beyond each edge, not the 12 drawn ahead for scrolling.
  expect(most.__edgesMost, 'rows drawn beyond the edges during the keys').toBeLessThanOrEqual(2);
  // Filled in: no lite row is left, and every row has its buttons and stats cells.
  const rows = page.locator('[data-testid="container-row"]');
  await expect(page.locator('[data-testid="container-row"][data-lite]')).toHaveCount(0);
  // The rows drawn ahead beyond the view's edges (for scrolling), left out while the keys went in, are back.
  await expect
    .poll(() =>
      grid.evaluate((el) => {
        const view = el.getBoundingClientRect();
        const header = el.querySelector('.grid-header')!.getBoundingClientRect().bottom;
        return [...el.querySelectorAll('[data-testid="container-row"]')].filter((r) => {
          const box = r.getBoundingClientRect();
          return box.top >= view.bottom || box.bottom <= header;
        }).length;
      }),
    )
    .toBeGreaterThanOrEqual(5);
  const shown = await rows.count();
  await expect(rows.filter({ has: page.locator('button[aria-label^="Stop "]') })).toHaveCount(shown);
  await expect(rows.filter({ has: page.getByTestId('stats-cell-cpu') })).toHaveCount(shown);
  // Every compose group header has its Logs button again.
  const groups = page.locator('[data-testid="container-group"]');
  await expect(page.locator('[data-testid="container-group"][data-lite]')).toHaveCount(0);
  const groupCount = await groups.count();
  expect(groupCount).toBeGreaterThan(0);
  await expect(groups.filter({ has: page.getByRole('button', { name: /^Logs of / }) })).toHaveCount(groupCount);
  // The keys left the list at its top, on the first matches.
  expect(await grid.evaluate((el) => el.scrollTop)).toBe(0);
  await expect(page.locator(`[data-testid="container-row"][data-container-name="${prefix}-run-0"]`)).toBeVisible();
});

test('5,000 containers appear, a filter narrows them, a bulk stop of 500 reports one result each', async () => {
  test.setTimeout(15 * 60_000);
  await app.start();
  const page = app.page;
  const filter = page.getByRole('searchbox', { name: 'Filter containers' });
  // The header's box counts the container rows the list shows: every one of the 5,000.
  await filter.fill(prefix);
  await expect(page.getByRole('checkbox', { name: `Select all ${TOTAL} shown` })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('container-count')).toHaveAttribute('data-total', /\d+/);
  expect(Number(await page.getByTestId('container-count').getAttribute('data-total'))).toBeGreaterThanOrEqual(TOTAL);
  await page.screenshot({ path: 'docs/screenshots/containers-5000.png' });
  // Names longer than their column give way in the middle: the start ends in "…", the end (what tells these apart)
  // stays whole inside the cell.
  const first = page.locator('[data-testid="container-row"]').first();
  const name = (await first.getAttribute('data-container-name'))!;
  const fit = await first.locator('.container-name').evaluate((a) => {
    const head = a.querySelector('.mid-head')!;
    const tail = a.querySelector('.mid-tail')!;
    const cell = a.closest('[role="gridcell"]')!.getBoundingClientRect();
    return { cut: head.scrollWidth > head.clientWidth, tail: tail.textContent, tailRight: tail.getBoundingClientRect().right, cellRight: cell.right, text: a.textContent };
  });
  expect(fit.cut, 'the name is longer than its column here').toBe(true);
  expect(fit.tail).toBe(name.slice(-10));
  expect(fit.tailRight).toBeLessThanOrEqual(fit.cellRight);
  expect(fit.text).toBe(name);
  await expect(first.getByRole('link', { name, exact: true })).toBeVisible();

  // One container by name: the filter narrows 5,000 rows to its one.
  await filter.fill(`${prefix}-c-1234`);
  await expect(page.getByRole('checkbox', { name: 'Select all 1 shown' })).toBeVisible();
  await expect(page.locator('[data-testid="container-row"]')).toHaveCount(1);
  await expect(page.locator(`[data-testid="container-row"][data-container-name="${prefix}-c-1234"]`)).toBeVisible();

  // The 500 running ones: tick them all from the header, stop them in one go.
  await filter.fill(`${prefix}-run-`);
  const all = page.getByRole('checkbox', { name: `Select all ${RUNNING} shown` });
  await expect(all).toBeVisible();
  await all.check();
  const bar = page.getByTestId('bulk-bar');
  await expect(bar).toContainText(`${RUNNING} selected`);
  await bar.getByRole('button', { name: `Stop ${RUNNING} selected` }).click();
  // The toast counts the results main sent back: one per container, all of them stopped.
  await expect(page.getByTestId('toast').filter({ hasText: `Stopped ${RUNNING} containers` })).toBeVisible({ timeout: 10 * 60_000 });
  await expect(page.getByTestId('bulk-result')).toHaveCount(0);
  const stillRunning = await docker.listContainers({ filters: { label: [`${TEST_LABEL}=${RUN_ID}`], name: [`${prefix}-run-`] } });
  expect(stillRunning.map((c) => c.Names[0])).toEqual([]);
  await expect(page.locator('[data-testid="container-row"][data-state="running"]')).toHaveCount(0);
});
