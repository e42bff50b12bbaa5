import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDocker } from '../main/test-support/engine';
import { startPodmanService, type PodmanService } from '../main/test-support/podman-service';
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
let podman: PodmanService | undefined;

test.beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-disk-'));
  podman = await startPodmanService('berth-e2e-disk-xdg-');
});

test.afterAll(async () => {
  await podman?.dispose();
  rmSync(tmp, { recursive: true, force: true });
});

test('disk usage of every engine side by side in "All engines", twins left out; a row opens its engine', async () => {
  test.setTimeout(120_000);
  const { page } = await app.start({ ...process.env, BERTH_CONFIG_DIR: path.join(tmp, 'config'), XDG_RUNTIME_DIR: podman!.runtimeDir });
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
