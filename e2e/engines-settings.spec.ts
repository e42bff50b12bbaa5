import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useApp } from './support/use-app';

/**
 * Settings → Engines against the modern test world: local and both world contexts listed with health, endpoint and
 * origin; an ssh engine added by hand stops on its unknown host key and shows the fingerprint ssh-keygen prints;
 * refusing disables it; removing it says nothing on the engine is deleted. Settings live in a temp folder.
 */
const app = useApp();
let configDir: string;

test.beforeAll(() => {
  if (!process.env.BERTH_WORLD_SSH_HOST) throw new Error('Needs the modern test world (its ssh and TLS contexts): BERTH_WORLD=modern npm test.');
  configDir = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-engines-'));
});
test.afterAll(() => rmSync(configDir, { recursive: true, force: true }));

// Berth finds the machine's docker contexts (the world's TLS and ssh ones) by itself; settings go to a folder of the test's.
const env = () => ({ ...process.env, BERTH_CONFIG_DIR: configDir });

test('lists every engine, adds an ssh engine, shows its host key, refuses and removes it', async () => {
  await app.start(env());
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => (window.location.hash = '#/settings'));
  const section = page.getByTestId('engines-settings');
  for (const id of ['local', 'ctx-berth-world-tls', 'ctx-berth-world-ssh']) {
    await expect(section.getByTestId(`engine-${id}`).locator('.badge')).toHaveText(/Docker Engine|Docker/, { timeout: 20_000 });
  }
  await expect(section.getByTestId('engine-ctx-berth-world-tls')).toContainText('tcp://127.0.0.1:2376 (TLS) · docker context');
  await expect(section.getByTestId('engine-ctx-berth-world-ssh')).toContainText('ssh://berth-world-ssh · docker context');
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/settings-engines.png' });

  await section.getByRole('button', { name: 'Add engine' }).click();
  const dialog = page.getByTestId('add-engine-dialog');
  await dialog.getByPlaceholder('build.lan, 10.0.0.5 or an ssh alias').fill('127.0.0.1');
  await dialog.getByPlaceholder('from ~/.ssh/config, else yours').fill('root');
  await dialog.getByPlaceholder('22 or from ~/.ssh/config').fill('2222');
  await dialog.getByPlaceholder('how Berth shows it').fill('World by address');
  await page.screenshot({ path: 'docs/screenshots/settings-engines-add.png' });
  await dialog.getByRole('button', { name: 'Add engine' }).click();
  await expect(dialog).toBeHidden();

  const fingerprint = execFileSync('ssh-keygen', ['-lf', '/opt/berth-world/ssh/ssh_host_ed25519_key.pub'], { encoding: 'utf8' }).split(' ')[1]!;
  const card = section.locator('.engine-card', { hasText: 'World by address' });
  await expect(card.locator('.engine-fingerprint')).toHaveText(fingerprint, { timeout: 20_000 });
  await expect(card.locator('.badge')).toHaveText('Host key to confirm');
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/settings-engines-hostkey.png' });
  // Elsewhere it is not "down": the banner over the lists says what it waits for and where to decide.
  await page.evaluate(() => (window.location.hash = '#/all/containers'));
  const banner = page.getByTestId('engine-banner').filter({ hasText: 'World by address waits for you to check its ssh host key.' });
  await expect(banner).toBeVisible();
  await banner.getByRole('link', { name: 'Settings → Engines' }).click();
  await expect(card.locator('.engine-fingerprint')).toHaveText(fingerprint);

  await card.getByRole('button', { name: 'Refuse (disable the engine)' }).click();
  await expect(card.locator('.badge')).toHaveText('Disabled');
  await expect(card.locator('.engine-fingerprint')).toBeHidden();

  await card.getByRole('button', { name: 'Remove World by address' }).click();
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('Nothing on the engine is deleted');
  await expect(confirm).toContainText('Containers, images, volumes, networks and your compose files are not touched');
  await confirm.getByRole('button', { name: 'Remove from Berth' }).click();
  await expect(card).toHaveCount(0);
  await expect(section.getByTestId('engine-local').getByRole('button', { name: 'Remove Local' })).toBeDisabled();
});

test('dark theme', async () => {
  await app.start(env(), { colorScheme: 'dark' });
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => (window.location.hash = '#/settings'));
  const section = page.getByTestId('engines-settings');
  await expect(section.getByTestId('engine-ctx-berth-world-ssh').locator('.badge')).toHaveText(/Docker/, { timeout: 20_000 });
  await section.getByTestId('engine-ctx-berth-world-tls').getByRole('button', { name: 'Show details' }).click();
  await section.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/settings-engines-dark.png' });
});
