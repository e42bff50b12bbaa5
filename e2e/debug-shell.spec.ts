import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE_IMAGE, RUN_ID, testDocker, testLabels, uniqueName } from '../main/test-support/engine';
import { buildNoShellImage } from '../main/test-support/no-shell-image';
import { tempPath } from '../main/test-support/temp';
import { useApp } from './support/use-app';

/**
 * A debug shell for a container whose image has no shell: the toolbox image is chosen in Settings (the fixture
 * busybox: no registry is reachable here), the shell runs in a helper that shares the target's PID namespace
 * (`ps` shows its process) and starts in its filesystem (/proc/1/root); closing the tab removes the helper, and the
 * engine is asked to prove it.
 */
const docker = testDocker();
const app = useApp({ docker });
const NO_SHELL_IMAGE = `berth-fixture/noshell-debug-e2e:${RUN_ID}`.toLowerCase();
const tmp = tempPath('berth-e2e-debug-');
/** Settings of each test's own (a fresh config folder): each sets the toolbox itself. */
const env = () => ({ ...process.env, BERTH_CONFIG_DIR: path.join(tmp, `config-${test.info().testId}`) });
const HELPER_OF = 'berth.helper.debug';

test.beforeAll(() => {
  mkdirSync(tmp, { recursive: true });
  buildNoShellImage(NO_SHELL_IMAGE, { binary: '/toolbin/busybox', files: { '/srv/target-marker.txt': 'from the target' } });
});

test.afterAll(async () => {
  await docker.getImage(NO_SHELL_IMAGE).remove({ force: true }).catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
});

const screenText = (page: Page) => page.locator('.term-view .xterm-rows').innerText();
const helpersOf = async (id: string) => docker.listContainers({ all: true, filters: { label: [`${HELPER_OF}=${id}`] } });

async function typeLine(page: Page, line: string) {
  await page.locator('.term-view .xterm').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

async function target(start = true) {
  const c = await docker.createContainer({ Image: NO_SHELL_IMAGE, name: uniqueName('debug'), Labels: testLabels(), StopTimeout: 1 });
  if (start) await c.start();
  return c;
}

/** Settings → Debug shell → Toolbox image, as a user sets it. */
async function setToolbox(page: Page, image: string) {
  await page.evaluate(() => (window.location.hash = '#/settings'));
  const section = page.getByTestId('debug-toolbox-setting');
  await section.getByLabel('Toolbox image').fill(image);
  await section.getByRole('button', { name: 'Use' }).click();
  await expect(section.getByLabel('Toolbox image')).toHaveValue(image);
}

async function openTerminalTab(page: Page, id: string) {
  await page.evaluate(() => (window.location.hash = '#/containers'));
  await expect(page.getByTestId('container-count')).toBeVisible({ timeout: 20_000 });
  await page.evaluate((hash) => (window.location.hash = hash), `#/containers/${id}/terminal`);
  await expect(page.getByTestId('container-detail')).toBeVisible({ timeout: 20_000 });
}

test('a container with no shell: a debug shell sees its processes and files; closing the tab removes the helper', async () => {
  const c = await target();
  await app.start(env());
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  await setToolbox(page, FIXTURE_IMAGE);
  await expect(page.getByTestId('debug-toolbox-setting')).toContainText(`${FIXTURE_IMAGE} is on this engine`);

  await openTerminalTab(page, c.id);
  const notice = page.getByTestId('terminal-notice');
  await expect(notice).toHaveAttribute('data-kind', 'no-shell');
  await notice.getByRole('button', { name: 'Open a debug shell' }).click();

  const tab = page.locator('[data-testid="terminal-tab"][data-mode="debug"]');
  await expect(tab).toContainText('debug');
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-session-phase', 'ready', { timeout: 20_000 });
  await expect.poll(() => screenText(page)).toContain(`shares ${(await c.inspect()).Name.slice(1)}'s processes`);

  // The helper is there, labelled as a debug helper of this container (and as this test run's).
  const [helper] = await helpersOf(c.id);
  expect(helper?.Labels).toMatchObject({ 'berth.helper': '1', [HELPER_OF]: c.id, 'berth.test': RUN_ID });

  await typeLine(page, 'ps -o pid,args');
  await expect.poll(() => screenText(page)).toMatch(/^\s*1 \/toolbin\/busybox sleep 3600\s*$/m);
  await typeLine(page, 'ls /proc/1/root/ /proc/1/root/srv/');
  await expect.poll(() => screenText(page)).toContain('target-marker.txt');
  await expect.poll(() => screenText(page)).toMatch(/\btoolbin\b/);
  await page.screenshot({ path: 'docs/screenshots/debug-shell.png' });

  await tab.getByRole('button', { name: /^Close debug shell .*removes its helper container/ }).click();
  await expect(tab).toHaveCount(0);
  await expect.poll(async () => (await helpersOf(c.id)).length, { timeout: 15_000 }).toBe(0);
  // The target was not touched.
  expect((await c.inspect()).State.Running).toBe(true);
});

test('the target stops while the debug shell is open: the tab says so and the helper is removed', async () => {
  const c = await target();
  await app.start(env());
  const { page } = app;
  await setToolbox(page, FIXTURE_IMAGE);
  await openTerminalTab(page, c.id);
  await page.getByTestId('terminal-notice').getByRole('button', { name: 'Open a debug shell' }).click();
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-session-phase', 'ready', { timeout: 20_000 });
  expect(await helpersOf(c.id)).toHaveLength(1);

  await c.stop({ t: 1 });
  const notice = page.getByTestId('terminal-notice');
  await expect(notice).toHaveAttribute('data-kind', 'exited', { timeout: 20_000 });
  await expect(notice).toContainText('The debug shell ended: the container stopped. Its helper container was removed.');
  await expect.poll(async () => (await helpersOf(c.id)).length, { timeout: 15_000 }).toBe(0);

  // Stopped: a debug shell still opens, on a copy of its files, and says there are no processes to see.
  await notice.getByRole('button', { name: 'Reopen (files only)' }).click();
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-session-phase', 'ready', { timeout: 20_000 });
  await expect.poll(() => screenText(page)).toContain('is stopped: no processes to see');
  await typeLine(page, 'cat srv/target-marker.txt');
  await expect.poll(() => screenText(page)).toMatch(/^from the target$/m);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: 'docs/screenshots/debug-shell-stopped.png' });
  expect((await c.inspect()).State.Running).toBe(false);
});

test('a toolbox image that is missing and cannot be pulled: the message names it and where to change it', async () => {
  const c = await target();
  const missing = '127.0.0.1:9/berth-missing-toolbox:none';
  await app.start(env());
  const { page } = app;
  await setToolbox(page, missing);
  await expect(page.getByTestId('debug-toolbox-setting')).toContainText(`${missing} is not on this engine yet`);
  await openTerminalTab(page, c.id);
  await page.getByTestId('terminal-notice').getByRole('button', { name: 'Open a debug shell' }).click();
  const notice = page.getByTestId('terminal-notice');
  await expect(notice).toHaveAttribute('data-kind', 'toolbox-missing', { timeout: 20_000 });
  await expect(notice).toContainText(`"${missing}"`);
  await expect(notice).toContainText('Settings → Debug shell');
  expect(await helpersOf(c.id)).toHaveLength(0);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: 'docs/screenshots/debug-shell-toolbox-missing.png' });
  await notice.getByRole('link', { name: 'Open Settings' }).click();
  await expect(page.getByTestId('debug-toolbox-setting')).toBeVisible();
});
