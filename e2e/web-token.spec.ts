import { decode } from '@msgpack/msgpack';
import { expect, test } from '@playwright/test';
import { createTestContainer, testDocker, uniqueName } from '../main/test-support/engine';
import { useApp } from './support/use-app';

/** Web mode's token as a user meets it: a page opened from an old link (a stale token) is told so, once. */
const docker = testDocker();
const app = useApp({ docker });

test('a page opened with a stale token says Berth refused it, and does not retry', async () => {
  const running = await app.start();
  test.skip(running.kind !== 'web', 'web mode only: the Electron window has no token');
  const { page } = running;
  await expect(page.getByRole('heading', { name: 'Containers', level: 1 })).toBeVisible();
  const sockets: string[] = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.goto(running.url!.replace(/token=[^&]+/, 'token=stale-link'));
  await expect(page.getByTestId('backend-banner')).toHaveText(/Berth refused this page: its access token is missing or stale/);
  // Not the engine advice: the engine is not the trouble.
  await expect(page.getByTestId('no-engine')).toHaveAttribute('data-state', 'refused');
  await expect(page.getByRole('heading', { name: 'This page was not let in' })).toBeVisible();
  // The sidebar's engine line agrees with the banner: not "disconnected", which reads as if it would come back.
  const engineLine = page.getByTestId('engine-indicator');
  await expect(engineLine).toContainText('Not let in (token)');
  await expect(engineLine).not.toContainText(/disconnected/i);
  await expect(engineLine.locator('.status-dot')).toHaveClass(/\bred\b/);
  // A refused socket is not opened again (a lost one is, every 0.25 to 3 s).
  await page.waitForTimeout(2_000);
  expect(sockets).toHaveLength(1);
  await page.screenshot({ path: 'docs/screenshots/web-token-refused.png' });
});

test('the page keeps the socket its first script opened: one socket, and the list arrives through it', async () => {
  const name = uniqueName('early');
  await createTestContainer(docker, { name });
  const running = await app.start();
  test.skip(running.kind !== 'web', 'web mode only: Electron talks over IPC');
  const { page } = running;
  const sockets: string[] = [];
  const subscriptions: { id: number; path: string; input: unknown }[] = [];
  page.on('websocket', (ws) => {
    sockets.push(ws.url());
    ws.on('framesent', ({ payload }) => {
      const m = typeof payload === 'string' ? null : (decode(payload) as { t?: string; id: number; path: string; input: unknown });
      if (m?.t === 'sub') subscriptions.push({ id: m.id, path: m.path, input: m.input });
    });
  });
  await page.reload(); // the token is in the tab's storage by now, no longer in the address
  await page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);
  await expect(page.locator(`[data-testid="container-row"][data-container-name="${name}"]`)).toBeVisible();
  await page.waitForTimeout(1_000);
  // The early script's socket (assets/early-socket.js) is the app's: a second one would mean the app opened its own.
  expect(sockets).toHaveLength(1);
  expect(await page.evaluate(() => (window as { __berthEarlySocket?: { taken: boolean } }).__berthEarlySocket?.taken)).toBe(true);
  // The local engine's containers were asked for once, by the early script (its ids are 1 to 3, scripts/build.mjs),
  // and the app took that stream: it did not ask again.
  const containerSubs = subscriptions.filter((s) => s.path === 'containers.watch' && (s.input as { engineId?: string }).engineId === 'local');
  expect(containerSubs.map((s) => s.id)).toEqual([2]);
  expect(subscriptions.filter((s) => s.id <= 3).map((s) => s.path)).toEqual(['engine.watch', 'containers.watch', 'images.watch']);
});
