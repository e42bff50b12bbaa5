import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useApp } from './support/use-app';

/**
 * Settings → Engines against the modern test world: local and both world contexts listed with health, endpoint and
 * origin; an ssh engine added by hand stops on its unknown host key and shows the fingerprint ssh-keygen prints;
 * refusing disables it; removing it says nothing on the engine is deleted; a changed host key is refused, shown
 * with both fingerprints and replaced only after a confirmation. Settings live in a temp folder.
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

/** Settings → Engines → Add engine with an ssh host and a name, as a user does; the new engine's card. */
async function addSshEngine(page: Page, host: string, name: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => (window.location.hash = '#/settings'));
  const section = page.getByTestId('engines-settings');
  await section.getByRole('button', { name: 'Add engine' }).click();
  const dialog = page.getByTestId('add-engine-dialog');
  await dialog.getByPlaceholder('build.lan, 10.0.0.5 or an ssh alias').fill(host);
  await dialog.getByPlaceholder('how Berth shows it').fill(name);
  await dialog.getByRole('button', { name: 'Add engine' }).click();
  return section.locator('.engine-card', { hasText: name });
}

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

test('a changed host key: refused, shown with the old and new fingerprints, the sidebar draws a key; replaced after a confirmation, it connects', async () => {
  // A home of the test's own: an ssh alias for the world's sshd, and a known_hosts holding another key for it.
  const home = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-home-'));
  try {
    mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
    const knownHosts = path.join(home, '.ssh', 'known_hosts');
    writeFileSync(path.join(home, '.ssh', 'config'), 'Host reinstalled\n  HostName 127.0.0.1\n  Port 2222\n  User root\n  IdentityFile /opt/berth-world/ssh/id_ed25519\n  IdentitiesOnly yes\n');
    const otherKey = path.join(home, 'other');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', otherKey]);
    const before = `[127.0.0.1]:2222 ${readFileSync(`${otherKey}.pub`, 'utf8').split(' ').slice(0, 2).join(' ')}\n`;
    writeFileSync(knownHosts, before, { mode: 0o600 });
    const fingerprintOf = (pub: string) => execFileSync('ssh-keygen', ['-lf', pub], { encoding: 'utf8' }).split(' ')[1]!;
    const oldFingerprint = fingerprintOf(`${otherKey}.pub`);
    const newFingerprint = fingerprintOf('/opt/berth-world/ssh/ssh_host_ed25519_key.pub');

    // Settings of this test's own: the engine it adds is not left for the next test.
    await app.start({ ...env(), HOME: home, BERTH_CONFIG_DIR: path.join(home, 'config') });
    const { page } = app;
    const card = await addSshEngine(page, 'reinstalled', 'Reinstalled host');
    const warning = card.getByTestId('hostkey-changed');
    await expect(card.locator('.badge')).toHaveText('Host key changed', { timeout: 20_000 });
    await expect(warning.locator('.engine-fingerprint-old')).toHaveText(oldFingerprint);
    await expect(warning.locator('.engine-fingerprint')).toHaveText(newFingerprint);
    await expect(warning).toContainText(`${knownHosts} line 1`);
    // The sidebar: a key, not a dot (and never green), and it says why.
    const link = page.locator('[data-testid="sidebar-engine"]', { hasText: 'Reinstalled host' });
    await expect(link).toHaveAttribute('data-hostkey', 'changed');
    await expect(link.locator('.status-key.changed')).toBeVisible();
    await expect(link.locator('.status-dot')).toHaveCount(0);
    await expect(link).toContainText('host key changed');
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'docs/screenshots/settings-engines-hostkey-changed.png' });
    expect(readFileSync(knownHosts, 'utf8')).toBe(before);

    await warning.getByRole('button', { name: 'Replace the known key…' }).click();
    const confirm = page.getByRole('dialog');
    await expect(confirm).toContainText(oldFingerprint);
    await expect(confirm).toContainText(newFingerprint);
    await expect(confirm).toContainText(`${knownHosts}.old`);
    await page.screenshot({ path: 'docs/screenshots/settings-engines-hostkey-replace.png' });
    // Cancelling changes nothing.
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await expect(confirm).toBeHidden();
    expect(readFileSync(knownHosts, 'utf8')).toBe(before);

    await warning.getByRole('button', { name: 'Replace the known key…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Replace the key and connect' }).click();
    await expect(card.locator('.badge')).toHaveText(/Docker/, { timeout: 20_000 });
    await expect(card.getByTestId('hostkey-changed')).toHaveCount(0);
    await expect(link).not.toHaveAttribute('data-hostkey', /./);
    await expect(link).toHaveAttribute('data-state', 'connected');
    expect(existsSync(`${knownHosts}.old`)).toBe(true);
    expect(readFileSync(`${knownHosts}.old`, 'utf8')).toBe(before);
    expect(readFileSync(knownHosts, 'utf8')).toBe(`[127.0.0.1]:2222 ${readFileSync('/opt/berth-world/ssh/ssh_host_ed25519_key.pub', 'utf8').split(' ').slice(0, 2).join(' ')}\n`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
});

test('a passphrase-protected ssh key: asked for in the engine card, a wrong one said at once, the right one connects', async () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-home-'));
  try {
    mkdirSync(path.join(home, '.ssh'), { mode: 0o700 });
    const key = path.join(home, '.ssh', 'id_locked');
    writeFileSync(key, readFileSync('/opt/berth-world/ssh/id_ed25519'), { mode: 0o600 });
    const passphrase = 'correct horse battery';
    execFileSync('ssh-keygen', ['-q', '-p', '-P', '', '-N', passphrase, '-f', key]);
    writeFileSync(path.join(home, '.ssh', 'config'), `Host locked\n  HostName 127.0.0.1\n  Port 2222\n  User root\n  IdentityFile ${key}\n  IdentitiesOnly yes\n`);
    const hostKey = readFileSync('/opt/berth-world/ssh/ssh_host_ed25519_key.pub', 'utf8').split(' ').slice(0, 2).join(' ');
    writeFileSync(path.join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:2222 ${hostKey}\n`, { mode: 0o600 });

    await app.start({ ...env(), HOME: home, BERTH_CONFIG_DIR: path.join(home, 'config'), SSH_AUTH_SOCK: '' });
    const { page } = app;
    const card = await addSshEngine(page, 'locked', 'Key with a passphrase');
    const prompt = card.getByTestId('ssh-passphrase');
    await expect(card.locator('.badge')).toHaveText('Passphrase needed', { timeout: 20_000 });
    await expect(prompt).toContainText(key);
    // Elsewhere it is not "down": the sidebar draws a lock, not a dot, and the banner says what it waits for.
    const link = page.locator('[data-testid="sidebar-engine"]', { hasText: 'Key with a passphrase' });
    await expect(link).toHaveAttribute('data-waits', 'passphrase');
    await expect(link.locator('.status-dot')).toHaveCount(0);
    await page.evaluate(() => (window.location.hash = '#/all/containers'));
    await expect(page.getByTestId('engine-banner').filter({ hasText: 'Key with a passphrase waits for the passphrase of its ssh key.' })).toBeVisible();
    await page.evaluate(() => (window.location.hash = '#/settings'));
    const field = prompt.getByLabel(`Passphrase of ${key}`);
    await expect(field).toHaveAttribute('type', 'password');
    await field.fill('not it');
    await prompt.getByRole('button', { name: 'Unlock and connect' }).click();
    await expect(prompt.locator('.engine-problem')).toHaveText(`That passphrase does not open ${key}.`);
    await field.fill(passphrase);
    await card.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'docs/screenshots/settings-engines-passphrase.png' });
    await prompt.getByRole('button', { name: 'Unlock and connect' }).click();
    await expect(card.locator('.badge')).toHaveText(/Docker/, { timeout: 20_000 });
    await expect(prompt).toHaveCount(0);
    await expect(link).toHaveAttribute('data-state', 'connected');
    await expect(link).not.toHaveAttribute('data-waits', /./);
    // Kept in main's memory only: not in the settings Berth wrote.
    const settingsFile = path.join(home, 'config', 'settings.json');
    expect(readFileSync(settingsFile, 'utf8')).toContain('ssh://locked');
    expect(readFileSync(settingsFile, 'utf8')).not.toContain(passphrase);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
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
