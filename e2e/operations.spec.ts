import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE_IMAGE, removeTestObjects, RUN_ID, TEST_LABEL, testDocker, uniqueName } from '../main/test-support/engine';
import { pushFixture, startTestRegistry } from '../main/test-support/registry-server';
import { useImageScratch } from './support/image-scratch';
import { useApp } from './support/use-app';

/**
 * The app-wide operations panel (sidebar footer): long operations started on one page show up there on any page,
 * with progress and a Cancel that stops the engine request in main.
 */
const docker = testDocker();
const LABEL = `${TEST_LABEL}=${RUN_ID}`;
const app = useApp();
test.afterAll(async () => {
  await removeTestObjects(docker);
});
const scratch = useImageScratch(docker, 'ops');
const { registries, tags } = scratch;

const panelOp = (page: Page, kind: string, label: string) => page.locator(`[data-testid="app-operation"][data-kind="${kind}"]`).filter({ hasText: label });

for (const scheme of ['light', 'dark'] as const) {
  test(`a build started on the images page is cancelled from the shared panel on another page; a pull completes there (${scheme})`, async () => {
    const context = path.join(scratch.work, `ctx-${scheme}`);
    mkdirSync(context, { recursive: true });
    writeFileSync(path.join(context, 'Dockerfile'), `FROM ${FIXTURE_IMAGE}\nLABEL ${LABEL}\nRUN sleep 120\n`);
    const tag = `berth-e2e/ops-slow-${scheme}:${RUN_ID}`;
    tags.add(tag);

    const registry = await startTestRegistry();
    registries.push(registry);
    const remote = await pushFixture(docker, registry, `berth-test/ops-${scheme}`);
    tags.add(remote);

    await app.start({ ...process.env, DOCKER_CONFIG: scratch.dockerConfig }, { colorScheme: scheme });
    const page = app.page;
    await page.getByRole('link', { name: 'Images' }).click();
    await page.getByRole('button', { name: 'Build…' }).click();
    const dialog = page.getByTestId('build-dialog');
    await dialog.getByRole('textbox', { name: 'Context folder' }).fill(context);
    await dialog.getByRole('textbox', { name: /^Tags/ }).fill(tag);
    await dialog.getByRole('button', { name: 'Build', exact: true }).click();
    const imagesPanelOp = page.locator(`[data-testid="operation"][data-kind="build"][data-subject="${tag}"]`);
    await expect(imagesPanelOp).toHaveAttribute('data-state', 'running');

    // Another page: the sidebar says one operation is running.
    await page.getByRole('link', { name: 'Volumes' }).click();
    const indicator = page.getByTestId('operations-indicator');
    await expect(indicator).toHaveText('1 operation running');
    await indicator.click();
    const build = panelOp(page, 'build', tag);
    await expect(build).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
    await expect(build).toContainText('Step');

    // A pull, started on the images page, shows up in the same panel and completes.
    await page.getByRole('link', { name: 'Images' }).click();
    await page.getByRole('button', { name: 'Pull…' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Image' }).fill(remote);
    await page.getByRole('dialog').getByRole('button', { name: 'Pull' }).click();
    await expect(panelOp(page, 'pull', remote)).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
    await page.getByRole('link', { name: 'Volumes' }).click();
    await page.screenshot({ path: `docs/screenshots/operations-panel-${scheme}.png` });

    // Cancel from the shared panel: main aborts the build; the images page's own panel says cancelled too.
    await build.getByRole('button', { name: `Cancel build ${tag}` }).click();
    await expect(build).toHaveAttribute('data-state', 'cancelled');
    await expect(indicator).toHaveText('Operations');
    await page.getByRole('link', { name: 'Images' }).click();
    await expect(imagesPanelOp).toHaveAttribute('data-state', 'cancelled');
    await expect(docker.getImage(tag).inspect()).rejects.toThrow();
  });
}

test('the run dialog offers to pull an image the engine does not have, then runs it', async () => {
  const registry = await startTestRegistry();
  registries.push(registry);
  const remote = await pushFixture(docker, registry, 'berth-test/run-missing');
  tags.add(remote);
  const name = uniqueName('pulled-run');

  await app.start({ ...process.env, DOCKER_CONFIG: scratch.dockerConfig });
  const page = app.page;
  await page.getByRole('button', { name: 'Run…' }).click();
  const dialog = page.getByTestId('run-dialog');
  await dialog.getByLabel('Image', { exact: true }).fill(remote);
  await dialog.getByLabel('Container name', { exact: true }).fill(name);
  await dialog.getByLabel('Command', { exact: true }).fill('sleep 300');
  await dialog.getByRole('button', { name: 'Label', exact: true }).click();
  await dialog.getByLabel('Label key 1', { exact: true }).fill(TEST_LABEL);
  await dialog.getByLabel('Label value 1', { exact: true }).fill(RUN_ID);
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog.getByRole('alert').first()).toContainText('is not on this engine');
  await dialog.getByRole('button', { name: `Pull ${remote} and run` }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  const created = await docker.getContainer(name).inspect();
  expect(created.State.Running).toBe(true);
  expect(created.Config.Image).toBe(remote);
  // The pull went through main's lifecycle controller, so the shared panel lists it.
  await page.getByTestId('operations-indicator').click();
  await expect(panelOp(page, 'pull', remote)).toHaveAttribute('data-state', 'done');
});
