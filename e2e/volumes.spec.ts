import { expect, test } from '@playwright/test';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE_IMAGE, testDocker, testLabels, uniqueName } from '../main/test-support/engine';
import { useApp } from './support/use-app';
import { tempPath } from '../main/test-support/temp';
import { mapLimited } from '../main/services/map-limited';
import { expectFilterScroll, scrolledNames } from './support/filter-scroll';

const docker = testDocker();
const app = useApp({ docker });
const volumes: string[] = [];
const tmp = tempPath('berth-e2e-vol-');
test.beforeAll(() => mkdirSync(tmp, { recursive: true }));

async function filledVolume(prefix: string): Promise<string> {
  const name = uniqueName(prefix);
  await docker.createVolume({ Name: name, Labels: testLabels() });
  volumes.push(name);
  const c = await docker.createContainer({
    Image: FIXTURE_IMAGE,
    Cmd: ['sh', '-c', 'mkdir -p /v/conf && echo "listen 5432" > /v/conf/db.conf && head -c 200000 /dev/urandom > /v/data.bin && chmod 600 /v/data.bin'],
    Labels: testLabels(),
    HostConfig: { Mounts: [{ Type: 'volume', Source: name, Target: '/v' }] },
  });
  const waiting = c.wait({ condition: 'next-exit' });
  await c.start();
  await waiting;
  await c.remove();
  return name;
}

async function readInVolume(volume: string, script: string): Promise<string> {
  const c = await docker.createContainer({ Image: FIXTURE_IMAGE, Cmd: ['sh', '-c', script], Labels: testLabels(), HostConfig: { Mounts: [{ Type: 'volume', Source: volume, Target: '/v' }] } });
  const waiting = c.wait({ condition: 'next-exit' });
  await c.start();
  await waiting;
  const out = ((await c.logs({ stdout: true })) as Buffer).subarray(8).toString('utf8');
  await c.remove();
  return out;
}

test.afterAll(async () => {
  await Promise.all(volumes.map((v) => docker.getVolume(v).remove().catch(() => undefined)));
  rmSync(tmp, { recursive: true, force: true });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the volumes page lists a volume with its users and browses its files (${scheme})`, async () => {
    const name = await filledVolume(`vol-${scheme}`);
    const user = await docker.createContainer({ Image: FIXTURE_IMAGE, name: uniqueName('voluser'), Cmd: ['true'], Labels: testLabels(), HostConfig: { Mounts: [{ Type: 'volume', Source: name, Target: '/data' }] } });
    const userName = (await user.inspect()).Name.slice(1);
    await app.start(process.env, { colorScheme: scheme });
    const page = app.page;
    await page.getByRole('link', { name: 'Volumes' }).click();
    await page.getByRole('searchbox', { name: 'Filter volumes' }).fill(name.slice(0, -2));
    const row = page.locator(`[data-testid="volume-row"][data-volume-name="${name}"]`);
    await expect(row).toContainText(userName);
    await expect(row).toContainText('local');
    await expect(row).toContainText(/\d+ KiB/); // the size from system df

    await page.getByRole('button', { name: `Browse ${name}` }).click();
    const browser = page.getByTestId('volume-browser');
    await expect(browser.locator('[data-testid="file-row"][data-name="data.bin"]')).toContainText('-rw-------');
    await browser.getByRole('button', { name: 'conf', exact: true }).click();
    await browser.getByRole('button', { name: 'db.conf', exact: true }).click();
    await expect(browser.getByTestId('file-text')).toHaveText('listen 5432\n');
    await page.screenshot({ path: `docs/screenshots/volumes-${scheme}.png` });

    // Removing a volume in use is refused, naming the container.
    await page.getByRole('button', { name: `Remove ${name}` }).click();
    await expect(page.getByRole('dialog')).toContainText(`Used by ${userName}`);
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
    await user.remove();
  });
}

test('back up a volume to .tar.gz, restore it into a new volume; removal offers a backup first; prune shows its preview', async () => {
  const name = await filledVolume('bk');
  const restored = uniqueName('restored');
  volumes.push(restored);
  await app.start(process.env, { colorScheme: 'light' });
  const page = app.page;
  await page.getByRole('link', { name: 'Volumes' }).click();
  await page.getByRole('searchbox', { name: 'Filter volumes' }).fill(name);

  await page.getByRole('button', { name: `Back up ${name}` }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Backup folder' }).fill(tmp);
  await dialog.getByRole('textbox', { name: 'Backup file name' }).fill('e2e.tar.gz');
  await page.screenshot({ path: 'docs/screenshots/volumes-backup.png' });
  await dialog.getByRole('button', { name: 'Back up', exact: true }).click();
  await expect(page.getByTestId('toast').filter({ hasText: `Backed up ${name}` })).toBeVisible();
  expect(existsSync(path.join(tmp, 'e2e.tar.gz'))).toBe(true);

  await page.getByRole('button', { name: 'Restore backup' }).click();
  await dialog.getByRole('textbox', { name: 'Backup file' }).fill(path.join(tmp, 'e2e.tar.gz'));
  await dialog.getByRole('textbox', { name: 'Target volume' }).fill(restored);
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByTestId('toast').filter({ hasText: `Restored into ${restored}` })).toBeVisible();
  const before = await readInVolume(name, 'cd /v && find . -type f | sort | xargs sha256sum && stat -c "%a %n" data.bin');
  expect(await readInVolume(restored, 'cd /v && find . -type f | sort | xargs sha256sum && stat -c "%a %n" data.bin')).toBe(before);

  // Restoring again into the now non-empty volume is refused until the user ticks "replace".
  await page.getByRole('searchbox', { name: 'Filter volumes' }).fill(restored);
  await page.getByRole('button', { name: `Restore into ${restored}` }).click();
  await dialog.getByRole('textbox', { name: 'Backup file' }).fill(path.join(tmp, 'e2e.tar.gz'));
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await expect(dialog.getByRole('alert')).toContainText('is not empty');
  await expect(dialog.getByRole('checkbox')).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  // Removal: the plan says the data goes, and "Back up first" is offered (and on by default).
  await page.getByRole('searchbox', { name: 'Filter volumes' }).fill(name);
  await page.getByRole('button', { name: `Remove ${name}` }).click();
  await expect(dialog).toContainText('will be gone');
  await expect(dialog.getByRole('checkbox', { name: /Back up first/ })).toBeChecked();
  await page.screenshot({ path: 'docs/screenshots/volumes-remove.png' });
  await dialog.getByRole('checkbox', { name: /Back up first/ }).uncheck();
  await dialog.getByRole('button', { name: 'Remove volume' }).click();
  await expect(page.locator(`[data-testid="volume-row"][data-volume-name="${name}"]`)).toHaveCount(0);

  // Prune: a preview listing our unused volume; nothing is removed when cancelled.
  await page.getByRole('button', { name: 'Prune…' }).click();
  await expect(dialog).toContainText(restored);
  await page.screenshot({ path: 'docs/screenshots/volumes-prune.png' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await docker.getVolume(restored).inspect();
});

test('removing an empty (0 B) volume does not pre-tick "Back up first"', async () => {
  const name = uniqueName('empty');
  await docker.createVolume({ Name: name, Labels: testLabels() });
  volumes.push(name);
  await app.start();
  const page = app.page;
  await page.evaluate(() => (window.location.hash = '#/volumes'));
  await page.getByRole('searchbox', { name: 'Filter volumes' }).fill(name);
  await page.getByRole('button', { name: `Remove ${name}` }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('(0 B)');
  await expect(dialog.getByRole('checkbox', { name: /Back up first/ })).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Remove volume' }).click();
  await expect(page.locator(`[data-testid="volume-row"][data-volume-name="${name}"]`)).toHaveCount(0);
});

test('a filter typed with the list scrolled down shows the first matches; a key that leaves the same matches keeps the view', async () => {
  const prefix = uniqueName('scrolled');
  await mapLimited(scrolledNames(prefix), 8, async (name) => {
    await docker.createVolume({ Name: name, Labels: testLabels() });
    volumes.push(name);
  });
  const page = (await app.start()).page;
  await page.getByRole('link', { name: 'Volumes' }).click();
  const row = (name: string) => page.locator(`[data-testid="volume-row"][data-volume-name="${name}"]`);
  await expectFilterScroll(page.getByRole('searchbox', { name: 'Filter volumes' }), page.getByRole('grid', { name: 'Volumes' }), row, prefix);
});
