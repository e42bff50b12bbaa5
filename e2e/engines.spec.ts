import { decode } from '@msgpack/msgpack';
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestContainer, RUN_ID, testDocker, uniqueName } from '../main/test-support/engine';
import { useApp } from './support/use-app';

/**
 * Several engines in one window, with whatever engines Berth reports. The modern test world gives local and its two
 * docker contexts, `berth-world-tls` and `berth-world-ssh`, which reach the same daemon: Berth marks the contexts as
 * the same engine as local (main compares /info's ID and name), and "All engines" shows each container once. With a
 * second daemon (Podman in the modern+podman world) "All engines" groups the list by engine, every row names its
 * engine and a selection over two engines sends one call per engine. The sidebar lists the engines with their
 * health; an action goes to the engine of the row it was asked on (read from what the page sends); the picker shows
 * one engine; a route naming an engine Berth does not have says so. Settings live in a temp folder.
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

/**
 * The engines the sidebar lists (several) that answer, once every one has said whether it does: each with the engine
 * it is a second route to (its twin), or null for an engine of its own.
 */
async function connectedEngines(page: Page): Promise<{ id: string; sameAs: string | null }[]> {
  const links = page.locator('[data-testid="sidebar-engine"]:not([data-engine=""])');
  await expect(links.first()).toBeVisible({ timeout: 20_000 });
  await expect(links.and(page.locator('[data-state="connecting"], [data-state="reconnecting"]'))).toHaveCount(0, { timeout: 20_000 });
  const out: { id: string; sameAs: string | null }[] = [];
  for (const link of await links.all()) {
    if ((await link.getAttribute('data-state')) === 'connected') out.push({ id: (await link.getAttribute('data-engine'))!, sameAs: await link.getAttribute('data-same-as') });
  }
  return out;
}

test('several engines: twins of one daemon show once, "All engines" groups by engine, actions go to the row’s engine', async () => {
  const name = uniqueName('engines');
  await createTestContainer(docker, { name, start: true, labels: { 'com.docker.compose.project': `engines-${RUN_ID.slice(-6)}`, 'com.docker.compose.service': 'web' } });
  const { page } = await app.start(env());
  // The socket opened with the page: load it again with the recorder listening (the token stays in the tab).
  const calls = recordCalls(page);
  await page.reload();
  await page.setViewportSize({ width: 1280, height: 800 });

  const connected = await connectedEngines(page);
  if (connected.length < 2) throw new Error(`Needs two engines that answer (the modern test world's contexts); Berth reports: ${connected.map((e) => e.id).join(', ') || 'none'}`);
  // The test world's contexts reach the local daemon: each is marked as the same engine as local.
  for (const id of ['ctx-berth-world-tls', 'ctx-berth-world-ssh']) {
    const twin = connected.find((e) => e.id === id);
    if (twin) expect(twin.sameAs).toBe('local');
  }
  const engines = connected.filter((e) => e.sameAs === null).map((e) => e.id);
  const twins = connected.filter((e) => e.sameAs !== null);
  // The container is on local's daemon: every engine that reaches it (local and its twins) could list it.
  const reachingIt = ['local', ...twins.filter((t) => t.sameAs === 'local').map((t) => t.id)];

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

  // One daemon, one row, however many routes reach it.
  const rows = page.locator(`[data-testid="container-row"][data-container-name="${name}"]`);
  await expect(rows).toHaveCount(1);
  await expect(rows).toHaveAttribute('data-engine', 'local');
  for (const twin of twins) await expect(page.locator(`[data-testid="engine-group"][data-engine="${twin.id}"]`)).toHaveCount(0);
  if (twins.length > 0) {
    const link = page.locator(`[data-testid="sidebar-engine"][data-engine="${twins[0]!.id}"]`);
    await expect(link.getByTestId('engine-same-as')).toHaveText(/= /);
  }
  if (engines.length > 1) {
    // Another daemon: the list groups by engine first, then by compose project.
    await expect(page.locator('[data-testid="engine-group"][data-engine="local"]')).toBeVisible();
    const order = await page.locator('[data-testid="engine-group"], [data-testid="container-group"]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.testid));
    expect(order[0]).toBe('engine-group');
  }
  await page.screenshot({ path: 'docs/screenshots/engines-all.png' });

  // A twin shown on its own: it says which engine it is, lists the container, and an action on its row names it.
  const other = twins.find((t) => t.sameAs === 'local')?.id ?? engines.find((id) => id !== 'local')!;
  await page.getByTestId('engine-scope').selectOption(other);
  await expect(page).toHaveURL(new RegExp(`#/e/${other}/containers$`));
  if (twins.some((t) => t.id === other)) await expect(page.getByTestId('engine-twin-banner')).toContainText('same engine as');
  await expect(rows).toHaveCount(reachingIt.includes(other) ? 1 : 0);
  if (reachingIt.includes(other)) {
    await rows.getByRole('button', { name: `Stop ${name}` }).click();
    await expect(rows.and(page.locator('[data-state="exited"]'))).toHaveCount(1);
    expect(calls.filter((c) => c.path === 'containers.stop').map((c) => c.input.engineId)).toEqual([other]);
    expect((await docker.getContainer(name).inspect()).State.Running).toBe(false);
    await rows.getByRole('button', { name: `Start ${name}`, exact: true }).click();
    await expect(rows.and(page.locator('[data-state="running"]'))).toHaveCount(1);

    // The detail of the twin's container carries its engine in the route and reads the container from that engine.
    calls.length = 0;
    await rows.getByRole('link', { name }).click();
    await expect(page).toHaveURL(new RegExp(`#/e/${other}/containers/[0-9a-f]{64}$`));
    await expect.poll(() => calls.filter((c) => c.path.startsWith('containerDetails.')).map((c) => c.input.engineId)).toContain(other);
    expect(calls.filter((c) => c.path.startsWith('containerDetails.') && c.input.engineId !== other)).toEqual([]);
    await page.getByRole('button', { name: 'Containers', exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`#/e/${other}/containers$`));
  }
  await page.getByRole('link', { name: 'Images', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/e/${other}/images$`));

  // Every engine's images: grouped when there are several daemons, never a twin's group.
  await page.getByTestId('engine-scope').selectOption('');
  for (const engineId of engines.length > 1 ? engines : []) await expect(page.locator(`[data-testid="engine-group"][data-engine="${engineId}"]`)).toBeVisible();
  for (const twin of twins) await expect(page.locator(`[data-testid="engine-group"][data-engine="${twin.id}"]`)).toHaveCount(0);
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
  if (engines.length < 2) throw new Error(`Needs two engines that answer; Berth reports: ${engines.map((e) => e.id).join(', ') || 'none'}`);
  await page.evaluate(() => (window.location.hash = '#/all/containers'));
  await page.getByRole('searchbox', { name: 'Filter containers' }).fill(RUN_ID.slice(-6));
  // On local's daemon: once, however many of the engines are routes to it.
  await expect(page.locator(`[data-testid="container-row"][data-container-name="${name}"]`)).toHaveCount(1);
  await page.screenshot({ path: 'docs/screenshots/engines-all-dark.png' });
});
