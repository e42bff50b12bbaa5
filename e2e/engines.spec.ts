import { decode } from '@msgpack/msgpack';
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestContainer, RUN_ID, testDocker, uniqueName } from '../main/test-support/engine';
import { useApp } from './support/use-app';

/**
 * Several engines in one window, with whatever engines Berth reports (the modern test world gives local and its two
 * docker contexts, `berth-world-tls` and `berth-world-ssh`, which reach the same daemon: every container shows once
 * per engine). The sidebar lists the engines with their health; "All engines" groups the list by engine and every
 * row names its engine; an action goes to the engine of the row it was asked on (read from what the page sends);
 * the picker shows one engine; a route naming an engine Berth does not have says so. Settings live in a temp folder.
 */
const docker = testDocker();
const app = useApp({ docker });
let configDir: string;

test.beforeAll(() => {
  configDir = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-engines-view-'));
});
test.afterAll(() => rmSync(configDir, { recursive: true, force: true }));

const env = () => ({ ...process.env, BERTH_CONFIG_DIR: configDir });

/** What the page asks main for (method calls), decoded from the web-mode socket's MessagePack frames. */
function recordCalls(page: Page): { path: string; input: Record<string, unknown> }[] {
  const calls: { path: string; input: Record<string, unknown> }[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (frame) => {
      if (typeof frame.payload === 'string') return;
      const m = decode(frame.payload) as { t?: string; path?: string; input?: Record<string, unknown> };
      if (m.t === 'call' && m.path) calls.push({ path: m.path, input: m.input ?? {} });
    }),
  );
  return calls;
}

/** The engines the sidebar lists (several) with their state, once every one has said whether it answers. */
async function connectedEngines(page: Page): Promise<string[]> {
  const links = page.locator('[data-testid="sidebar-engine"]:not([data-engine=""])');
  await expect(links.first()).toBeVisible({ timeout: 20_000 });
  await expect(links.and(page.locator('[data-state="connecting"], [data-state="reconnecting"]'))).toHaveCount(0, { timeout: 20_000 });
  const ids: string[] = [];
  for (const link of await links.all()) if ((await link.getAttribute('data-state')) === 'connected') ids.push((await link.getAttribute('data-engine'))!);
  return ids;
}

test('several engines: the sidebar lists them, "All engines" groups by engine, actions go to the row’s engine', async () => {
  const name = uniqueName('engines');
  await createTestContainer(docker, { name, start: true, labels: { 'com.docker.compose.project': `engines-${RUN_ID.slice(-6)}`, 'com.docker.compose.service': 'web' } });
  const { page } = await app.start(env());
  // The socket opened with the page: load it again with the recorder listening (the token stays in the tab).
  const calls = recordCalls(page);
  await page.reload();
  await page.setViewportSize({ width: 1280, height: 800 });

  const engines = await connectedEngines(page);
  if (engines.length < 2) throw new Error(`Needs two engines that answer (the modern test world's contexts); Berth reports: ${engines.join(', ') || 'none'}`);

  // With no choice made the lists show the local engine, as before Berth knew of several.
  await expect(page).toHaveURL(/#\/e\/local\/containers$/);
  await expect(page.getByTestId('row-engine')).toHaveCount(0);

  // The keyboard reaches the sidebar's "All engines".
  const all = page.locator('[data-testid="sidebar-engine"][data-engine=""]');
  await all.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/all\/containers$/);
  await expect(all).toHaveAttribute('aria-current', 'page');
  await page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);

  const rows = page.locator(`[data-testid="container-row"][data-container-name="${name}"]`);
  await expect(rows).toHaveCount(engines.length);
  for (const engineId of engines) {
    const header = page.locator(`[data-testid="engine-group"][data-engine="${engineId}"]`);
    await expect(header).toBeVisible();
    await expect(rows.and(page.locator(`[data-engine="${engineId}"]`)).getByTestId('row-engine')).toBeVisible();
  }
  // Group by engine first, then by compose project: an engine header comes before each project header.
  const order = await page.locator('[data-testid="engine-group"], [data-testid="container-group"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid));
  expect(order[0]).toBe('engine-group');
  expect(order.filter((t) => t === 'container-group')).toHaveLength(engines.length);
  await page.screenshot({ path: 'docs/screenshots/engines-all.png' });

  // Stop on the second engine's row: the call names that engine, and the container (one daemon) stops everywhere.
  const other = engines.find((id) => id !== 'local')!;
  await rows.and(page.locator(`[data-engine="${other}"]`)).getByRole('button', { name: `Stop ${name}` }).click();
  await expect(rows.and(page.locator('[data-state="exited"]'))).toHaveCount(engines.length);
  expect(calls.filter((c) => c.path === 'containers.stop').map((c) => c.input.engineId)).toEqual([other]);
  expect((await docker.getContainer(name).inspect()).State.Running).toBe(false);

  // A selection over two engines: one bulk call per engine, each with its own engine's container.
  for (const engineId of ['local', other]) await rows.and(page.locator(`[data-engine="${engineId}"]`)).getByRole('checkbox').check();
  await page.getByTestId('bulk-bar').getByRole('button', { name: 'Start 2 selected', exact: true }).click();
  await expect(rows.and(page.locator('[data-state="running"]'))).toHaveCount(engines.length);
  const bulk = calls.filter((c) => c.path === 'containers.bulk').map((c) => c.input.engineId);
  expect(bulk.sort()).toEqual(['local', other].sort());

  // The detail of the other engine's container carries its engine in the route, says which engine it is, and
  // reads the container from that engine.
  calls.length = 0;
  await rows.and(page.locator(`[data-engine="${other}"]`)).getByRole('link', { name }).click();
  await expect(page).toHaveURL(new RegExp(`#/e/${other}/containers/[0-9a-f]{64}$`));
  await expect(page.getByTestId('detail-engine')).toBeVisible();
  await expect.poll(() => calls.filter((c) => c.path.startsWith('containerDetails.')).map((c) => c.input.engineId)).toContain(other);
  expect(calls.filter((c) => c.path.startsWith('containerDetails.') && c.input.engineId !== other)).toEqual([]);
  await page.getByRole('button', { name: 'Containers', exact: true }).click();
  await expect(page).toHaveURL(/#\/all\/containers$/);

  // The picker shows one engine, and is remembered by the next page.
  await page.getByTestId('engine-scope').selectOption(other);
  await expect(page).toHaveURL(new RegExp(`#/e/${other}/containers$`));
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId('row-engine')).toHaveCount(0);
  await page.getByRole('link', { name: 'Images', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/e/${other}/images$`));

  // Every engine's images, grouped.
  await page.getByTestId('engine-scope').selectOption('');
  for (const engineId of engines) await expect(page.locator(`[data-testid="engine-group"][data-engine="${engineId}"]`)).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/engines-images.png' });

  // A route naming an engine Berth does not have: the page says so and offers the others.
  await page.evaluate(() => (window.location.hash = '#/e/no-such-engine/containers'));
  const gone = page.getByTestId('engine-gone');
  await expect(gone).toContainText('no-such-engine');
  await page.screenshot({ path: 'docs/screenshots/engines-gone.png' });
  await gone.getByRole('button', { name: 'Containers of all engines' }).click();
  await expect(page).toHaveURL(/#\/all\/containers$/);
});

test('several engines in the dark theme', async () => {
  const name = uniqueName('engines-dark');
  await createTestContainer(docker, { name, start: true });
  await app.start(env(), { colorScheme: 'dark' });
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  const engines = await connectedEngines(page);
  if (engines.length < 2) throw new Error(`Needs two engines that answer; Berth reports: ${engines.join(', ') || 'none'}`);
  await page.evaluate(() => (window.location.hash = '#/all/containers'));
  await page.getByRole('searchbox', { name: 'Filter containers' }).fill(RUN_ID.slice(-6));
  await expect(page.locator(`[data-testid="container-row"][data-container-name="${name}"]`)).toHaveCount(engines.length);
  await page.screenshot({ path: 'docs/screenshots/engines-all-dark.png' });
});
