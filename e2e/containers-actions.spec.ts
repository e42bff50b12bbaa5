import { expect, test } from '@playwright/test';
import { createTestContainer, FIXTURE_IMAGE, testDocker, testLabels, uniqueName } from '../main/test-support/engine';
import { useApp } from './support/use-app';

const docker = testDocker();
const app = useApp({ docker });

const row = (name: string) => app.page.locator(`[data-testid="container-row"][data-container-name="${name}"]`);

test('bulk stop of three containers reports the result', async () => {
  const prefix = uniqueName('bulk');
  const names = [1, 2, 3].map((i) => `${prefix}-${i}`);
  const cs = await Promise.all(names.map((name) => createTestContainer(docker, { name, start: true })));
  await app.start();
  const page = app.page;
  await page.getByRole('searchbox', { name: 'Filter containers' }).fill(prefix);
  for (const name of names) await expect(row(name)).toHaveAttribute('data-state', 'running');
  for (const name of names) await row(name).getByRole('checkbox', { name: `Select ${name}` }).check();
  const bar = page.getByTestId('bulk-bar');
  await expect(bar).toContainText('3 selected');
  await page.screenshot({ path: 'docs/screenshots/bulk-selection.png' });
  await bar.getByRole('button', { name: 'Stop 3 selected' }).click();
  for (const name of names) await expect(row(name)).toHaveAttribute('data-state', 'exited');
  await expect(page.getByTestId('toast').filter({ hasText: 'Stopped 3 containers' })).toBeVisible();
  for (const c of cs) expect((await c.inspect()).State.Running).toBe(false);

  // Removing shows the plan of all three first.
  await bar.getByRole('button', { name: 'Remove 3 selected' }).click();
  const dialog = page.getByRole('dialog');
  for (const name of names) await expect(dialog).toContainText(`Container ${name}`);
  await page.screenshot({ path: 'docs/screenshots/bulk-remove.png' });
  await dialog.getByRole('button', { name: 'Remove 3 containers' }).click();
  for (const name of names) await expect(row(name)).toHaveCount(0);
});

test('duplicate opens the run dialog pre-filled; edit-and-recreate confirms what is lost and keeps the name', async () => {
  const name = uniqueName('recreate');
  const c = await docker.createContainer({
    Image: FIXTURE_IMAGE,
    name,
    Cmd: ['sleep', '3600'],
    Env: ['MODE=old', 'DB_PASSWORD=hunter2'],
    Labels: testLabels(),
    HostConfig: { Init: true, Mounts: [{ Type: 'volume', Source: '', Target: '/cache' }] },
  });
  await c.start();
  await app.start();
  const page = app.page;
  await page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);
  await expect(row(name)).toHaveAttribute('data-state', 'running');

  // Duplicate: pre-filled from inspect, with a new name and the secret masked.
  await row(name).getByRole('button', { name: `More actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Duplicate…' }).click();
  const dialog = page.getByTestId('run-dialog');
  await expect(dialog.getByLabel('Container name', { exact: true })).toHaveValue(`${name}-copy`);
  await expect(dialog.getByLabel('Command', { exact: true })).toHaveValue('sleep 3600');
  await expect(dialog.getByLabel('Variable value 2', { exact: true })).toHaveAttribute('type', 'password');
  await dialog.getByRole('button', { name: 'Reveal DB_PASSWORD' }).click();
  await expect(dialog.getByLabel('Variable value 2', { exact: true })).toHaveValue('hunter2');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();

  // Edit and recreate.
  await row(name).getByRole('button', { name: `More actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Edit and recreate…' }).click();
  await expect(dialog.getByLabel('Container name', { exact: true })).toHaveValue(name);
  await dialog.getByLabel('Variable value 1', { exact: true }).fill('new');
  await dialog.getByRole('button', { name: 'Recreate…' }).click();
  const confirm = page.getByRole('dialog', { name: `Recreate ${name}?` });
  await expect(confirm).toContainText('writable layer');
  await expect(confirm).toContainText('Anonymous volume');
  await expect(confirm).toContainText('put back');
  await page.screenshot({ path: 'docs/screenshots/recreate-confirm.png' });
  await confirm.getByRole('button', { name: 'Recreate container' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: `Recreated ${name}` })).toBeVisible();
  await expect(c.inspect()).rejects.toMatchObject({ statusCode: 404 });
  const replaced = await docker.getContainer(name).inspect();
  expect(replaced.Config.Env).toContain('MODE=new');
  expect(replaced.State.Running).toBe(true);
  await expect(row(name)).toHaveAttribute('data-state', 'running');
});

test('pause, resume and kill from the row menu', async () => {
  const name = uniqueName('menu');
  const c = await createTestContainer(docker, { name, start: true });
  await app.start({ ...process.env }, { colorScheme: 'dark' });
  const page = app.page;
  await page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);
  await expect(row(name)).toHaveAttribute('data-state', 'running');
  await row(name).getByRole('button', { name: `More actions for ${name}` }).click();
  await page.screenshot({ path: 'docs/screenshots/row-menu-dark.png' });
  await page.getByRole('menuitem', { name: 'Pause' }).click();
  await expect(row(name)).toHaveAttribute('data-state', 'paused');
  await row(name).getByRole('button', { name: `More actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Resume' }).click();
  await expect(row(name)).toHaveAttribute('data-state', 'running');
  await row(name).getByRole('button', { name: `More actions for ${name}` }).click();
  await page.getByRole('menuitem', { name: 'Kill…' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Send SIGKILL' }).click();
  await expect(row(name)).toHaveAttribute('data-state', 'exited');
  expect((await c.inspect()).State.ExitCode).toBe(137);
});

test('the row menu opens from the keyboard the first time too, and gives focus back when closed', async () => {
  const name = uniqueName('menukey');
  await createTestContainer(docker, { name, start: false });
  await app.start({ ...process.env });
  const page = app.page;
  await page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);
  const more = row(name).getByRole('button', { name: `More actions for ${name}` });
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menu')).toBeVisible();
  await page.keyboard.press('ArrowDown'); // to the first item a stopped container can use
  await expect(page.getByRole('menuitem', { name: 'Rename…' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(row(name).getByRole('button', { name: `More actions for ${name}` })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'Rename…' })).toBeVisible();
});
