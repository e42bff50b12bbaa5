import { expect, test, type Page } from '@playwright/test';
import type Docker from 'dockerode';
import { readFileSync } from 'node:fs';
import { detailContainerSpec, testDocker } from '../main/test-support/engine';
import { useApp } from './support/use-app';

const docker = testDocker();
const app = useApp({ docker });

const SETUP = [
  'mkdir -p "/data/dir é x"',
  'echo "hello wörld" > "/data/dir é x/fïle 1.txt"',
  "printf 'ab\\000cd' > /data/blob.bin",
  'ln -s /etc /data/etclink',
  'printf "user=app\\nport=8080\\n" > /data/app.conf',
  'touch /data/ready',
].join(' && ');

/** A running container with a bit of everything the detail tabs show. */
async function detailContainer(): Promise<{ c: Docker.Container; name: string }> {
  const spec = detailContainerSpec(SETUP, ['APP_MODE=production', 'DB_PASSWORD=hunter2', 'API_KEY=k-123'], { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web', team: 'payments' });
  const name = spec.name!;
  const c = await docker.createContainer(spec);
  await c.start();
  await expect.poll(async () => (await exec(c, 'test -f /data/ready && echo yes')).trim()).toBe('yes');
  return { c, name };
}

async function exec(c: Docker.Container, script: string): Promise<string> {
  const e = await c.exec({ Cmd: ['sh', '-c', script], AttachStdout: true, AttachStderr: true });
  const stream = await e.start({ hijack: true, stdin: false });
  const chunks: Buffer[] = [];
  stream.on('data', (d: Buffer) => chunks.push(d));
  await new Promise((resolve) => stream.on('end', resolve));
  // Multiplexed frames: 8-byte headers; the payloads here are tiny ASCII.
  return Array.from(Buffer.concat(chunks).toString('latin1'))
    .filter((ch) => ch.charCodeAt(0) >= 9)
    .join('');
}

async function openTab(page: Page, id: string, tab: string) {
  await page.evaluate((hash) => (window.location.hash = hash), `#/containers/${id}/${tab}`);
  await expect(page.getByRole('tab', { name: new RegExp(`^${tab}$`, 'i') })).toHaveAttribute('aria-selected', 'true');
}

/** A fresh detailContainer(), and the app (started with `startArgs`) open on its `tab` tab. */
async function detailTabOfNew(tab: string, ...startArgs: Parameters<typeof app.start>) {
  const { c, name } = await detailContainer();
  await app.start(...startArgs);
  const { page } = app;
  await openTab(page, c.id, tab);
  return { c, name, page };
}

test('overview shows state, health checks, ports, mounts, networks and grouped labels; processes lists what runs', async () => {
  const { c, name, page } = await detailTabOfNew('overview');
  const overview = page.getByTestId('overview-tab');
  await expect(overview.getByRole('region', { name: 'Health checks' })).toContainText('checked-ok', { timeout: 15_000 });
  await expect(overview.getByRole('region', { name: 'State' })).toContainText('Uptime');
  await expect(overview.getByRole('region', { name: 'Ports' }).getByRole('link')).toHaveAttribute('href', /^http:\/\/127\.0\.0\.1:\d+$/);
  await expect(overview.getByRole('region', { name: 'Mounts' })).toContainText('/cache');
  await expect(overview.getByRole('region', { name: 'Networks' })).toContainText('bridge');
  const labels = overview.getByRole('region', { name: 'Labels' });
  await expect(labels.getByRole('heading', { name: 'Compose' })).toBeVisible();
  await expect(labels).toContainText('payments');
  await page.screenshot({ path: 'docs/screenshots/detail-overview.png' });

  await openTab(page, c.id, 'processes');
  await expect(page.getByTestId('process-row').filter({ hasText: 'sleep 3600' }).first()).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/detail-processes.png' });

  await c.stop({ t: 0 });
  await expect(page.getByTestId('container-detail')).toHaveAttribute('data-state', 'exited');
  await expect(page.getByRole('heading', { name: `${name} is not running` })).toBeVisible();
});

test('inspect masks a secret until revealed', async () => {
  const { page } = await detailTabOfNew('inspect', process.env, { colorScheme: 'dark' });
  const tab = page.getByTestId('inspect-tab');
  await expect(tab.getByTestId('secret-note')).toContainText('2 secret-looking values hidden: DB_PASSWORD, API_KEY');
  const lines = tab.locator('.monaco-editor .view-lines');
  await expect(lines).toContainText('"Id"');

  // Search with the editor's own find widget: the secret is not in the text at all, its masked line is.
  await lines.click();
  await page.keyboard.press('ControlOrMeta+f');
  const find = tab.locator('.find-widget');
  await find.getByRole('textbox', { name: 'Find' }).fill('hunter2');
  await expect(find.locator('.matchesCount')).toHaveText(/no results/i);
  await find.getByRole('textbox', { name: 'Find' }).fill('DB_PASSWORD=');
  await expect(find.locator('.matchesCount')).toHaveText(/1 of 1/);
  await expect(lines).toContainText('DB_PASSWORD=••••••••');
  await expect(lines).not.toContainText('hunter2');
  await page.screenshot({ path: 'docs/screenshots/detail-inspect-dark.png' });

  await tab.getByRole('button', { name: 'Reveal secrets' }).click();
  await expect(lines).toContainText('DB_PASSWORD=hunter2');
  await expect(tab.getByTestId('secret-note')).toContainText('Showing 2 secret values');
  await tab.getByRole('button', { name: 'Hide secrets' }).click();
  await expect(lines).not.toContainText('hunter2');
});

test('files: browse names with spaces and accents, view text, refuse binary, download, upload with a replace confirmation', async () => {
  const { c, page } = await detailTabOfNew('files');
  const tab = page.getByTestId('files-tab');
  const row = (n: string) => tab.locator(`[data-testid="file-row"][data-name="${n}"]`);
  const openEntry = (n: string) => row(n).locator('.file-name').click();

  await openEntry('data');
  await expect(row('etclink')).toHaveAttribute('data-kind', 'symlink');
  await expect(row('etclink')).toContainText('→ /etc');
  await openEntry('app.conf');
  await expect(tab.getByTestId('file-text')).toHaveText('user=app\nport=8080\n');
  await page.screenshot({ path: 'docs/screenshots/detail-files.png' });

  await openEntry('blob.bin');
  await expect(tab.getByTestId('file-viewer')).toContainText('Binary file');

  await openEntry('dir é x');
  await expect(tab.getByRole('navigation', { name: 'Path' })).toContainText('dir é x');
  await openEntry('fïle 1.txt');
  await expect(tab.getByTestId('file-text')).toHaveText('hello wörld\n');

  const [download] = await Promise.all([page.waitForEvent('download'), row('fïle 1.txt').getByRole('button', { name: 'Download fïle 1.txt' }).click()]);
  expect(download.suggestedFilename()).toBe('fïle 1.txt');
  expect(readFileSync(await download.path()).toString('utf8')).toBe('hello wörld\n');

  const [folderDownload] = await Promise.all([page.waitForEvent('download'), tab.getByRole('button', { name: 'Download folder' }).click()]);
  expect(folderDownload.suggestedFilename()).toBe('dir é x.tar');
  expect(readFileSync(await folderDownload.path()).includes(Buffer.from('hello wörld'))).toBe(true);

  const input = tab.getByLabel('File to upload');
  await input.setInputFiles({ name: 'notes ü.txt', mimeType: 'text/plain', buffer: Buffer.from('first version\n') });
  await expect(row('notes ü.txt')).toBeVisible();
  expect(await exec(c, 'cat "/data/dir é x/notes ü.txt"')).toContain('first version');

  await input.setInputFiles({ name: 'notes ü.txt', mimeType: 'text/plain', buffer: Buffer.from('second version\n') });
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('/data/dir é x/notes ü.txt');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await exec(c, 'cat "/data/dir é x/notes ü.txt"')).toContain('first version');
  await input.setInputFiles({ name: 'notes ü.txt', mimeType: 'text/plain', buffer: Buffer.from('second version\n') });
  await page.getByRole('dialog').getByRole('button', { name: 'Replace file' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: 'Uploaded notes ü.txt' })).toHaveCount(2); // the first upload and the replacement
  expect(await exec(c, 'cat "/data/dir é x/notes ü.txt"')).toContain('second version');

  await tab.getByRole('navigation', { name: 'Path' }).getByRole('button', { name: '/' }).click();
  await expect(row('bin')).toHaveAttribute('data-kind', 'directory');
});

test('changes: a file written in the container shows up as added', async () => {
  const { c, page } = await detailTabOfNew('changes');
  const added = page.getByTestId('changes-added');
  await expect(added).toContainText('/data/dir é x/fïle 1.txt');
  await expect(added).not.toContainText('/written-later.txt');
  await exec(c, 'echo later > /written-later.txt && rm /bin/acpid');
  await page.getByTestId('changes-tab').getByRole('button', { name: 'Refresh' }).click();
  await expect(added).toContainText('/written-later.txt');
  await expect(page.getByTestId('changes-deleted')).toContainText('/bin/acpid');
  await expect(page.getByTestId('changes-changed')).toContainText('/bin');
  await page.screenshot({ path: 'docs/screenshots/detail-changes.png' });
});

test('overview lists the environment, secret-looking values masked until revealed', async () => {
  const { page } = await detailTabOfNew('overview');
  const card = page.getByRole('region', { name: 'Environment' });
  const env = card.getByTestId('overview-env');
  await expect(env).toContainText('APP_MODE');
  await expect(env).toContainText('production');
  await expect(env).toContainText('DB_PASSWORD');
  await expect(env).not.toContainText('hunter2');
  await expect(env).not.toContainText('k-123');
  await card.getByRole('button', { name: 'Reveal 2 secrets' }).click();
  await expect(env).toContainText('hunter2');
  await expect(env).toContainText('k-123');
  await card.getByRole('button', { name: 'Hide secrets' }).click();
  await expect(env).not.toContainText('hunter2');
  await card.scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'docs/screenshots/detail-overview-env.png' });
});
