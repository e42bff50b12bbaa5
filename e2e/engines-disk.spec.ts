import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually, testDocker } from '../main/test-support/engine';
import { useApp } from './support/use-app';

/**
 * The Disk page over "All engines" with two daemons (the local Docker engine and a Podman service of this spec's
 * own, on a private socket where Berth looks for rootless Podman): one row per engine with what it uses and what
 * could be freed, never one for a twin (the test world's contexts are the local daemon), and a row opens that
 * engine's own page. Nothing is created in either engine; the Podman service is stopped by its PID.
 */
const docker = testDocker();
const app = useApp({ docker });
let tmp: string;
let podman: ChildProcess;
let podmanExited: Promise<void>;

test.beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-disk-'));
  mkdirSync(path.join(tmp, 'xdg', 'podman'), { recursive: true });
  const socket = path.join(tmp, 'xdg', 'podman', 'podman.sock');
  const conf = '/opt/berth-world/podman/containers.conf';
  podman = spawn('podman', ['system', 'service', '--time=0', `unix://${socket}`], { env: { ...process.env, ...(existsSync(conf) ? { CONTAINERS_CONF: conf } : {}) }, stdio: 'ignore' });
  podmanExited = new Promise((resolve) => podman.once('exit', () => resolve()));
  podman.once('error', () => undefined);
  await eventually(() => expect(existsSync(socket), 'Podman service did not start (is podman installed? bash scripts/engine-up.sh podman)').toBe(true), 20_000);
});

test.afterAll(async () => {
  if (podman && podman.exitCode === null) {
    podman.kill('SIGTERM');
    await podmanExited;
  }
  rmSync(tmp, { recursive: true, force: true });
});

test('disk usage of every engine side by side in "All engines", twins left out; a row opens its engine', async () => {
  test.setTimeout(120_000);
  const { page } = await app.start({ ...process.env, BERTH_CONFIG_DIR: path.join(tmp, 'config'), XDG_RUNTIME_DIR: path.join(tmp, 'xdg') });
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.locator('[data-testid="sidebar-engine"][data-engine="podman-user"]')).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await page.evaluate(() => (window.location.hash = '#/all/disk'));
  const rows = page.getByTestId('disk-engine-row');
  await expect(rows.and(page.locator('[data-engine="local"]'))).toHaveAttribute('data-size', /^[1-9]\d*$/, { timeout: 30_000 });
  await expect(rows.and(page.locator('[data-engine="podman-user"]'))).toHaveAttribute('data-size', /^\d+$/, { timeout: 30_000 });
  // Only the two daemons: the world's contexts reach the local one.
  expect((await rows.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.engine))).sort()).toEqual(['local', 'podman-user']);
  await expect(rows.and(page.locator('[data-engine="local"]'))).toContainText('reclaimable');
  await page.screenshot({ path: 'docs/screenshots/disk-all-engines.png' });

  await rows.and(page.locator('[data-engine="podman-user"]')).getByRole('button').click();
  await expect(page).toHaveURL(/#\/e\/podman-user\/disk$/);
  await expect(page.getByTestId('disk-engines')).toHaveCount(0);
  await expect(page.getByTestId('disk-usage')).toBeVisible({ timeout: 30_000 });
});
