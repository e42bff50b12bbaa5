import { expect, test } from '@playwright/test';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE_IMAGE, RUN_ID } from '../main/test-support/engine';
import { stackPaths } from './support/stacks';
import { useApp } from './support/use-app';

/**
 * The host path picker (Browse… on path fields): open a stack by browsing to its compose.yaml, and choose a host
 * folder for a bind mount in the run dialog with the keyboard. The folders are made here, under the OS temp folder.
 */
const app = useApp();
const { tmp, project, dir, file, env } = stackPaths('berth-e2e-picker-', 'berthpick');

test.beforeAll(() => {
  mkdirSync(tmp, { recursive: true });
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  mkdirSync(path.join(tmp, 'another'));
  writeFileSync(file, `services:\n  web:\n    image: ${FIXTURE_IMAGE}\n    command: sleep 600\n    labels: { berth.test: "${RUN_ID}" }\n`);
  writeFileSync(path.join(dir, 'README.md'), '# shop\n');
  writeFileSync(path.join(dir, '.env'), 'X=1\n');
});

test.afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** Types a folder into the picker's path box and goes there. */
async function goTo(folder: string) {
  const picker = app.page.getByTestId('host-picker');
  await picker.getByLabel('Go to path').fill(folder);
  await picker.getByLabel('Go to path').press('Enter');
  await expect(picker.getByRole('navigation', { name: 'Current folder' }).getByRole('button', { name: path.basename(folder), exact: true })).toHaveAttribute('aria-current', 'location');
}

test('open a stack by browsing to its compose.yaml', async () => {
  await app.start(env, { colorScheme: 'light' });
  const page = app.page;
  await page.evaluate(() => (window.location.hash = '#/stacks'));
  await page.getByRole('button', { name: 'Open…' }).click();
  await page.getByRole('button', { name: 'Browse…' }).click();
  const picker = page.getByTestId('host-picker');
  await expect(picker.getByRole('heading', { name: 'Open a compose file or folder' })).toBeVisible();

  await goTo(tmp);
  const entries = picker.getByTestId('host-entry');
  // Folders by name (config/ is the app's settings folder, made at start).
  await expect(entries.nth(0)).toHaveAttribute('data-name', 'another');
  await expect(entries.nth(1)).toHaveAttribute('data-name', project);
  await picker.locator(`[data-testid="host-entry"][data-name="${project}"]`).dblclick();
  await expect(picker.locator('[data-name="compose.yaml"]')).toBeVisible();
  // Folders first; files that are not compose files are dimmed; hidden files only on request.
  await expect(entries.first()).toHaveAttribute('data-name', 'data');
  await expect(picker.locator('[data-name="README.md"]')).toHaveClass(/dim/);
  await expect(picker.locator('[data-name="compose.yaml"]')).not.toHaveClass(/dim/);
  await expect(picker.locator('[data-name=".env"]')).toHaveCount(0);
  await picker.getByLabel('Show hidden files').check();
  await expect(picker.locator('[data-name=".env"]')).toBeVisible();
  await picker.getByLabel('Show hidden files').uncheck();
  await expect(picker.locator('[data-name=".env"]')).toHaveCount(0);

  await picker.locator('[data-name="compose.yaml"]').click();
  await expect(picker.getByText(file, { exact: true })).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/host-picker-light.png' });
  await picker.getByRole('button', { name: 'Select', exact: true }).click();
  await expect(picker).toBeHidden();

  await expect(page.getByRole('textbox', { name: 'Compose file or folder' })).toHaveValue(file);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByTestId('stack-view')).toBeVisible();
  await expect(page.getByTestId('stack-view')).toContainText(project);
});

test('choose a host folder for a bind mount with the keyboard', async () => {
  await app.start(env, { colorScheme: 'dark' });
  const page = app.page;
  await page.getByRole('button', { name: 'Run…' }).click();
  const dialog = page.getByTestId('run-dialog');
  await dialog.getByRole('button', { name: 'Host folder', exact: true }).click();
  await dialog.getByLabel('Mount source 1', { exact: true }).fill(path.join(tmp, 'another'));
  await dialog.getByRole('button', { name: 'Browse for the host folder of mount 1' }).click();
  const picker = page.getByTestId('host-picker');
  // It starts at the field's value.
  await expect(picker.getByRole('navigation', { name: 'Current folder' }).getByRole('button', { name: 'another', exact: true })).toHaveAttribute('aria-current', 'location');
  await expect(picker.getByRole('button', { name: 'Select folder' })).toBeEnabled();

  const list = picker.getByRole('listbox');
  await list.focus();
  await page.keyboard.press('Backspace'); // up to tmp, with "another" selected
  await expect(picker.locator('[data-name="another"]')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(picker.locator(`[data-name="${project}"]`)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter'); // into the project folder
  await expect(picker.locator('[data-name="compose.yaml"]')).toBeVisible();
  await page.keyboard.press('Home');
  await expect(picker.locator('[data-name="data"]')).toHaveAttribute('aria-selected', 'true');
  await expect(picker.getByText(path.join(dir, 'data'), { exact: true })).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/host-picker-dark.png' });
  await picker.getByRole('button', { name: 'Select folder' }).click();
  await expect(picker).toBeHidden();
  await expect(dialog.getByLabel('Mount source 1', { exact: true })).toHaveValue(path.join(dir, 'data'));
  await expect(dialog).toBeVisible();
});
