import { expect, test } from '@playwright/test';
import path from 'node:path';
import { createTestContainer, RUN_ID, testDocker, uniqueName } from '../main/test-support/engine';
import { EngineSocketProxy } from '../main/test-support/socket-proxy';
import { useApp } from './support/use-app';
import { setPageVisibility } from './support/visibility';
import { tempDir } from '../main/test-support/temp';
import { mapLimited } from '../main/services/map-limited';
import { expectFilterScroll, scrolledNames } from './support/filter-scroll';

const docker = testDocker();
const app = useApp({ docker });

const row = (name: string) => app.page.locator(`[data-testid="container-row"][data-container-name="${name}"]`);

/** The list is virtualized and the engine may hold hundreds of containers: narrow it the way a user would. */
async function showOnly(name: string) {
  await app.page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);
}

/** A new running container of this run, then the app started with the list narrowed to it. */
async function startShowingNew(prefix: string) {
  const name = uniqueName(prefix);
  const c = await createTestContainer(docker, { name, start: true });
  await app.start();
  await showOnly(name);
  return { name, c };
}

test('a container created through the engine API appears in the list', async () => {
  await app.start();
  await expect(app.page.locator('[data-testid="container-row"]').first().or(app.page.getByRole('heading', { name: /no containers/i }))).toBeVisible();
  // A reload would lose this marker; a same-document URL change (the token leaving the address bar) would not.
  await app.page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  const name = uniqueName('appears');
  // Created after the page is up (the engine may have been empty: no filter box then), and found without a reload.
  await createTestContainer(docker, { name, start: true, ports: [8080] });
  await showOnly(name);
  await expect(row(name)).toBeVisible();
  expect(await app.page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
  await expect(row(name)).toHaveAttribute('data-state', 'running');
  await expect(row(name)).toContainText('berth-fixture/busybox');
});

test('a container stopped through the API flips state in the UI without a reload', async () => {
  const { name, c } = await startShowingNew('flip');
  await expect(row(name)).toHaveAttribute('data-state', 'running');
  // A reload would lose this; a same-document URL change (the token leaving the address bar) would not.
  await app.page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
  await c.stop({ t: 0 });
  await expect(row(name)).toHaveAttribute('data-state', 'exited');
  expect(await app.page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
});

test('a hidden page does not redraw the list; shown again, it shows what changed meanwhile', async () => {
  const { name, c } = await startShowingNew('hidden');
  await expect(row(name)).toHaveAttribute('data-state', 'running');
  await setPageVisibility(app.page, 'hidden');
  await c.stop({ t: 0 });
  expect((await c.inspect()).State.Status).toBe('exited');
  // The event reaches the page within milliseconds (the previous test); hidden, the row is left as it was drawn.
  await app.page.waitForTimeout(2000);
  await expect(row(name)).toHaveAttribute('data-state', 'running');
  await setPageVisibility(app.page, 'visible');
  await expect(row(name)).toHaveAttribute('data-state', 'exited');
});

test('a filter typed with the list scrolled down shows the first matches; a key that leaves the same matches keeps the view', async () => {
  test.setTimeout(120_000);
  const prefix = uniqueName('scrolled');
  await mapLimited(scrolledNames(prefix), 8, (name) => createTestContainer(docker, { name }));
  const page = (await app.start()).page;
  await expectFilterScroll(page.getByRole('searchbox', { name: 'Filter containers' }), page.getByRole('grid', { name: 'Containers' }), row, prefix);
});

test('rows a filter brings in reuse the rows it took away, each showing its own container; a focused row is never reused', async () => {
  test.setTimeout(120_000);
  const prefix = uniqueName('recycle');
  const names = (group: string) => Array.from({ length: 20 }, (_, i) => `${prefix}-${group}-${String(i).padStart(2, '0')}`);
  const made = new Map<string, Awaited<ReturnType<typeof createTestContainer>>>();
  await mapLimited([...names('a'), ...names('b')], 8, async (name) => made.set(name, await createTestContainer(docker, { name, start: name === `${prefix}-b-00` })));
  const { page } = await app.start();
  await page.setViewportSize({ width: 1280, height: 800 });
  const filter = page.getByRole('searchbox', { name: 'Filter containers' });
  const rows = page.locator('[data-testid="container-row"]');

  await filter.fill(`${prefix}-a`);
  await expect(row(`${prefix}-a-00`)).toBeVisible();
  await expect(rows).toHaveCount(20);
  // Each row element is marked with the container it showed.
  await rows.evaluateAll((els) => els.forEach((el) => ((el as HTMLElement & { shown?: string }).shown = el.getAttribute('data-container-name')!)));

  await filter.fill(`${prefix}-b`);
  await expect(row(`${prefix}-b-00`)).toBeVisible();
  await expect(rows).toHaveCount(20);
  await expect(page.locator('[data-testid="container-row"][data-lite]')).toHaveCount(0); // filled in
  const drawn = await rows.evaluateAll((els) =>
    els.map((el) => ({
      name: el.getAttribute('data-container-name')!,
      was: (el as HTMLElement & { shown?: string }).shown ?? null,
      link: el.querySelector('a.container-name')?.textContent ?? null,
      href: el.querySelector('a.container-name')?.getAttribute('href') ?? '',
      id: el.getAttribute('data-container-id')!,
      buttons: [...el.querySelectorAll('button[aria-label]')].map((b) => b.getAttribute('aria-label')!),
      stats: el.querySelectorAll('[data-testid^="stats-cell-"]').length,
    })),
  );
  // The 20 "-b" rows are the 20 elements that showed the "-a" ones.
  expect(drawn.filter((r) => r.was?.startsWith(`${prefix}-a-`)).length).toBe(20);
  for (const r of drawn) {
    expect(r.name).toMatch(new RegExp(`^${prefix}-b-\\d\\d$`));
    expect(r.link).toBe(r.name);
    expect(r.href).toContain(r.id);
    expect(r.id).toBe(made.get(r.name)!.id);
    const running = r.name === `${prefix}-b-00`;
    expect(r.buttons).toEqual(expect.arrayContaining([`${running ? 'Stop' : 'Start'} ${r.name}`, `Restart ${r.name}`, `Remove ${r.name}`]));
    expect(r.buttons.every((label) => label.endsWith(` ${r.name}`) || !label.includes(prefix))).toBe(true);
    expect(r.stats).toBe(running ? 2 : 0);
  }

  // The keyboard's focus in a row, and that container removed: the row that comes in does not take over the focused
  // element (Enter would then open another container).
  await filter.fill(prefix);
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeLessThan(40); // not every row drawn: removing one brings another in
  const victim = await rows.nth(3).getAttribute('data-container-name');
  // Its name's link (Tab reaches it; Enter opens the container): kept in a recycled row, unlike its buttons.
  const link = row(victim!).getByRole('link', { name: victim!, exact: true });
  await link.focus();
  await expect(link).toBeFocused();
  await made.get(victim!)!.remove({ force: true });
  await expect(row(victim!)).toHaveCount(0);
  const focusedRow = await page.evaluate(() => document.activeElement?.closest('[data-testid="container-row"]')?.getAttribute('data-container-name') ?? null);
  expect(focusedRow, "no other container's row has the focus").toBeNull();
});

test('stop and start from the UI change the engine state', async () => {
  const { name, c } = await startShowingNew('ui');
  await expect(row(name)).toHaveAttribute('data-state', 'running');
  await row(name).getByRole('button', { name: `Stop ${name}`, exact: true }).click();
  await expect(row(name)).toHaveAttribute('data-state', 'exited');
  expect((await c.inspect()).State.Running).toBe(false);
  await row(name).getByRole('button', { name: `Start ${name}`, exact: true }).click();
  await expect(row(name)).toHaveAttribute('data-state', 'running');
  expect((await c.inspect()).State.Running).toBe(true);
});

test('remove asks first, listing what is lost, and removes only after confirming', async () => {
  const { name, c } = await startShowingNew('remove');
  await expect(row(name)).toBeVisible();
  await row(name).getByRole('button', { name: `Remove ${name}`, exact: true }).click();
  const dialog = app.page.getByRole('dialog');
  await expect(dialog).toContainText(name);
  await expect(dialog).toContainText(/writable layer/i);
  await dialog.getByRole('button', { name: /cancel/i }).click();
  await expect(dialog).toBeHidden();
  expect((await c.inspect()).State.Running).toBe(true);

  await row(name).getByRole('button', { name: `Remove ${name}`, exact: true }).click();
  await app.page.getByRole('dialog').getByRole('button', { name: /^remove/i }).click();
  await expect(row(name)).toHaveCount(0);
  await expect(c.inspect()).rejects.toMatchObject({ statusCode: 404 });
});

test('the status column counts a container\'s uptime from its start, not from when Berth last read it', async () => {
  test.setTimeout(150_000);
  await app.start();
  await expect(app.page.locator('[data-testid="container-row"]').first().or(app.page.getByRole('heading', { name: /no containers/i }))).toBeVisible();
  // Started while Berth runs: its start event makes Berth read the container at once, when the engine says
  // "Up Less than a second" (issue 20: that text stayed, and a page opened minutes later still showed "Up <1 s").
  const name = uniqueName('uptime');
  const c = await createTestContainer(docker, { name, start: true });
  await showOnly(name);
  const status = row(name).locator('.cell-status');
  await expect(status).toHaveText(/^Up (<1|\d+) s$/);
  await app.page.waitForTimeout(65_000);
  // The open page moves on by itself…
  await expect(status).toHaveText('Up 1 min', { timeout: 10_000 });
  // …and a page opened now says what the engine says now.
  await app.page.reload();
  await showOnly(name);
  await expect(status).toHaveText('Up 1 min');
  const [listed] = await docker.listContainers({ all: true, filters: { id: [c.id] } });
  expect(listed?.Status).toBe('Up About a minute');
  await expect(status).toHaveAttribute('title', 'Up About a minute');
});

test('the engine refusing an action shows an error toast', async () => {
  const name = uniqueName('refuse');
  // The engine refuses to start a container whose command does not exist in the image.
  await createTestContainer(docker, { name, cmd: ['/no/such/program'], init: false });
  await app.start();
  await showOnly(name);
  await expect(row(name)).toHaveAttribute('data-state', 'created');
  await row(name).getByRole('button', { name: `Start ${name}`, exact: true }).click();
  const toast = app.page.getByTestId('toast').filter({ hasText: name });
  await expect(toast).toBeVisible();
  await expect(toast).toContainText(/no such file|not found/i);
  await app.page.screenshot({ path: 'docs/screenshots/error-toast.png' });
});

test('no engine: a screen that says what was tried, then connects by itself when the engine appears', async () => {
  const dir = tempDir('berth-e2e-noengine-');
  const proxy = new EngineSocketProxy(path.join(dir, 'engine.sock'), process.env.DOCKER_HOST?.replace(/^unix:\/\//, '') ?? '/var/run/docker.sock');
  await app.start({ ...process.env, DOCKER_HOST: `unix://${proxy.path}` });
  const screen = app.page.getByTestId('no-engine');
  await expect(screen).toBeVisible();
  await expect(screen).toContainText(proxy.path);
  await expect(screen).toContainText(/DOCKER_HOST/);
  await app.page.screenshot({ path: 'docs/screenshots/no-engine.png' });
  await proxy.up();
  try {
    await expect(screen).toBeHidden({ timeout: 10_000 });
    await expect(app.page.locator('[data-testid="container-row"]').first().or(app.page.getByRole('heading', { name: /no containers/i }))).toBeVisible();
  } finally {
    await proxy.down();
  }
});

test('the engine going away shows a banner; coming back resyncs what changed meanwhile', async () => {
  const dir = tempDir('berth-e2e-restart-');
  const proxy = new EngineSocketProxy(path.join(dir, 'engine.sock'), process.env.DOCKER_HOST?.replace(/^unix:\/\//, '') ?? '/var/run/docker.sock');
  await proxy.up();
  const gone = await createTestContainer(docker, { name: uniqueName('gone') });
  const goneName = (await gone.inspect()).Name.slice(1);
  try {
    await app.start({ ...process.env, DOCKER_HOST: `unix://${proxy.path}` });
    await showOnly(RUN_ID.slice(-6)); // this run's containers only
    await expect(row(goneName)).toBeVisible();
    await proxy.down();
    await expect(app.page.getByTestId('engine-banner')).toBeVisible({ timeout: 1_000 });
    const appeared = uniqueName('meanwhile');
    await createTestContainer(docker, { name: appeared });
    await gone.remove({ force: true });
    await proxy.up();
    await expect(app.page.getByTestId('engine-banner')).toBeHidden({ timeout: 5_000 });
    await expect(row(appeared)).toBeVisible();
    await expect(row(goneName)).toHaveCount(0);
  } finally {
    await proxy.down();
  }
});

test('a container opens in its detail view with tabs, and the back button returns to the list', async () => {
  const { name } = await startShowingNew('detail');
  await row(name).getByRole('link', { name }).click();
  const detail = app.page.getByTestId('container-detail');
  await expect(detail).toHaveAttribute('data-container-name', name);
  // The route names the engine; an old link without one (`#/containers/<id>`) is sent to local.
  await expect(app.page).toHaveURL(/#\/e\/local\/containers\/[0-9a-f]{64}$/);
  await expect(detail.getByRole('tab', { name: 'Overview' })).toHaveAttribute('aria-selected', 'true');
  await docker.getContainer(name).stop({ t: 0 });
  await expect(detail).toHaveAttribute('data-state', 'exited'); // live in the detail too
  await app.page.getByRole('button', { name: 'Containers', exact: true }).click();
  await expect(row(name)).toBeVisible();
  const id = (await docker.getContainer(name).inspect()).Id;
  await app.page.evaluate((hash) => (window.location.hash = hash), `#/containers/${id}`);
  await expect(detail).toHaveAttribute('data-container-name', name);
  await expect(app.page).toHaveURL(new RegExp(`#/e/local/containers/${id}$`));
});

test('at 1280×800 with several engines the header is one line and the filter shows its whole placeholder', async () => {
  test.setTimeout(150_000);
  const name = uniqueName('header');
  await createTestContainer(docker, { name, start: true });
  await app.start({ ...process.env, BERTH_CONFIG_DIR: tempDir('berth-e2e-header-') }, { colorScheme: 'light' });
  const page = app.page;
  await page.setViewportSize({ width: 1280, height: 800 });
  const engines = page.locator('[data-testid="sidebar-engine"]:not([data-engine=""])');
  await expect.poll(() => engines.count()).toBeGreaterThanOrEqual(3); // local and the test world's TLS and ssh contexts
  await expect(page.locator('[data-testid="container-row"]').first()).toBeVisible();
  const header = page.locator('.containers-page .page-header');
  const filter = page.getByRole('searchbox', { name: 'Filter containers' });

  /** What keeps the header from being one line with its placeholder whole: controls off the title's line, cut text. */
  const problems = () =>
    header.evaluate((el) => {
      const found: string[] = [];
      const title = el.querySelector('h1')!.getBoundingClientRect();
      const titleMiddle = title.top + title.height / 2;
      for (const child of el.querySelectorAll<HTMLElement>('h1, .page-count, select, .search-box, .btn')) {
        const r = child.getBoundingClientRect();
        if (r.width === 0) continue;
        // align-items: center puts every control's middle on the title's when they share its line.
        const what = `${child.className || child.tagName} "${child.textContent?.trim()}"`;
        if (Math.abs(r.top + r.height / 2 - titleMiddle) > 3) found.push(`${what} is on another line`);
        if (r.right > el.getBoundingClientRect().right + 0.5) found.push(`${what} is clipped`);
      }
      // An input's scrollWidth does not count its placeholder: measure the text in the input's font.
      const input = el.querySelector<HTMLInputElement>('.search-box input')!;
      const style = getComputedStyle(input);
      const context = document.createElement('canvas').getContext('2d')!;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const needs = context.measureText(input.placeholder).width;
      if (needs > room) found.push(`the placeholder "${input.placeholder}" needs ${needs.toFixed(0)}px, has ${room}px`);
      return found;
    });

  // Each choice of engine, the widest ("All engines" and the longest engine name) included, in both themes.
  const scopes = await page
    .getByTestId('engine-scope')
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', scheme);
    for (const scope of scopes) {
      await page.getByTestId('engine-scope').selectOption(scope);
      // The filter shows once the engine's list is in (a remote engine's, the first time it is shown).
      await expect(filter, `the list of engine "${scope || 'All engines'}" loaded`).toBeVisible({ timeout: 30_000 });
      expect(await problems(), `${scheme}, engine "${scope || 'All engines'}"`).toEqual([]);
    }
    await page.getByTestId('engine-scope').selectOption('');
    await page.waitForTimeout(400); // stats and sparklines settle before the picture
    await page.screenshot({ path: `docs/screenshots/containers-header-1280-${scheme}.png` });
  }

  // Everything in it is still reached by the keyboard, in reading order: Tab from the filter goes on to the rest.
  await filter.focus();
  const reached: string[] = [];
  for (let i = 0; i < 3; i++) {
    await page.keyboard.press('Tab');
    reached.push(await page.evaluate(() => {
      const el = document.activeElement;
      return el?.getAttribute('aria-label') ?? el?.textContent?.trim() ?? '';
    }));
  }
  expect(reached).toEqual(['Filter by state', 'Filter by health', 'Run…']);

  // The state choice (a drop-down now) still narrows the list.
  await filter.fill(name);
  await page.getByLabel('Filter by state').selectOption('stopped');
  await expect(page.getByTestId('containers-no-match')).toBeVisible();
  await page.getByLabel('Filter by state').selectOption('running');
  await expect(row(name)).toBeVisible();
});
