import { expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { createTestContainer, removeTestImages, RUN_ID, testDocker } from '../main/test-support/engine';
import { startPodmanService, type PodmanService } from '../main/test-support/podman-service';
import { useApp } from './support/use-app';

/**
 * "Copy to engine…" from an image's row menu: the image goes from the local Docker engine to a Podman engine (a
 * Podman service of this spec's own, on a private socket where Berth looks for rootless Podman), with its progress in
 * the dialog and a toast at the end; the copy is then on Podman. Everything made here carries the run's label and is
 * removed from both engines; the Podman service is stopped by its PID.
 */
const docker = testDocker();
const app = useApp({ docker });
const tag = RUN_ID.toLowerCase().replace(/[^a-z0-9.-]/g, '-');
const REF = `berth-copy-ui:${tag}`;
let tmp: string;
let podman: PodmanService | undefined;
let pod: Docker;

test.beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-copy-'));
  podman = await startPodmanService('berth-e2e-copy-xdg-');
  pod = new Docker({ socketPath: podman.socket });
  const c = await createTestContainer(docker, { cmd: ['sh', '-c', `echo ui-${tag} > /marker`], start: true, init: false });
  await c.wait();
  const [repo, t] = REF.split(':');
  await c.commit({ repo, tag: t });
});

test.afterAll(async () => {
  if (pod) await removeTestImages(pod).catch(() => 0);
  await podman?.dispose();
  await removeTestImages(docker);
  rmSync(tmp, { recursive: true, force: true });
});

test('copy an image to another engine from its row menu: progress, a toast, and the image on the other engine', async () => {
  const { page } = await app.start({ ...process.env, BERTH_CONFIG_DIR: path.join(tmp, 'config'), XDG_RUNTIME_DIR: podman!.runtimeDir });
  await expect(page.locator('[data-testid="sidebar-engine"][data-engine="podman-user"]')).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  await page.evaluate(() => (window.location.hash = '#/e/local/images'));
  await page.getByRole('searchbox', { name: 'Filter images' }).fill('berth-copy-ui');
  const row = page.locator(`[data-testid="image-row"][data-tags~="${REF}"]`);
  await row.getByRole('button', { name: /^More actions for / }).click();
  await page.getByRole('menuitem', { name: 'Copy to engine…' }).click();

  const dialog = page.getByTestId('copy-image-dialog');
  await expect(dialog).toBeVisible();
  const choice = dialog.getByRole('combobox', { name: 'Copy to engine' });
  // The test world's contexts are this daemon reached another way: not offered.
  await expect(choice.locator('option')).toHaveText(['Podman (rootless)']);
  await page.screenshot({ path: 'docs/screenshots/images-copy-dialog.png' });
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(page.getByText(`Copied ${REF}`)).toBeVisible({ timeout: 60_000 });
  await expect(dialog).toHaveCount(0);

  const copies = (await pod.listImages({ filters: { label: [`berth.test=${RUN_ID}`] } })).filter((i) => (i.RepoTags ?? []).some((t) => t.includes('berth-copy-ui')));
  expect(copies).toHaveLength(1);
});
