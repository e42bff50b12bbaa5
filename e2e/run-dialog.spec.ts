import { expect, test } from '@playwright/test';
import { FIXTURE_IMAGE, RUN_ID, testDocker, uniqueName } from '../main/test-support/engine';
import { freePort } from '../main/test-support/free-port';
import { httpGet } from '../main/test-support/http';
import { useApp } from './support/use-app';

const docker = testDocker();
const app = useApp({ docker });
const volumes: string[] = [];

test.afterEach(async () => {
  await Promise.all(volumes.splice(0).map((v) => docker.getVolume(v).remove().catch(() => undefined)));
});


test('the run dialog creates a container with a published port, an env var and a volume, and the port answers', async () => {
  await app.start();
  const page = app.page;
  const name = uniqueName('rundialog');
  const volume = uniqueName('runvol');
  volumes.push(volume);
  const port = await freePort();

  await page.getByRole('button', { name: 'Run…' }).click();
  const dialog = page.getByTestId('run-dialog');
  await expect(dialog).toBeVisible();

  // A field error shows before anything is sent.
  await dialog.getByLabel('Memory limit', { exact: true }).fill('lots');
  await expect(dialog).toContainText('a size such as 512m or 2g');
  await dialog.getByLabel('Memory limit', { exact: true }).fill('64m');
  await expect(dialog).not.toContainText('a size such as 512m or 2g');

  await dialog.getByLabel('Image', { exact: true }).fill(FIXTURE_IMAGE);
  await dialog.getByLabel('Container name', { exact: true }).fill(name);
  await dialog.getByLabel('Command', { exact: true }).fill(`sh -c 'echo "$GREETING" > /www/index.html && exec httpd -f -p 80 -h /www'`);
  await dialog.getByRole('button', { name: 'Paste .env' }).click();
  await dialog.getByLabel('.env block', { exact: true }).fill('GREETING=hello from the run dialog\nAPI_TOKEN=s3cret');
  await dialog.getByRole('button', { name: /Add 2 variable/ }).click();
  await expect(dialog.getByLabel('Variable value 2', { exact: true })).toHaveAttribute('type', 'password');
  await dialog.getByRole('button', { name: 'Port' }).click();
  await dialog.getByLabel('Host IP 1', { exact: true }).fill('127.0.0.1');
  await dialog.getByLabel('Host port 1', { exact: true }).fill(String(port));
  await dialog.getByLabel('Container port 1', { exact: true }).fill('80');
  await dialog.getByRole('button', { name: 'Volume', exact: true }).click();
  await dialog.getByLabel('Mount source 1', { exact: true }).fill(volume);
  await dialog.getByLabel('Mount path 1', { exact: true }).fill('/www');
  await dialog.getByLabel('Init process (--init)', { exact: true }).check();
  await dialog.getByRole('button', { name: 'Label', exact: true }).click();
  await dialog.getByLabel('Label key 1', { exact: true }).fill('berth.test');
  await dialog.getByLabel('Label value 1', { exact: true }).fill(RUN_ID);

  const preview = dialog.getByTestId('run-preview');
  await expect(preview).toContainText(`-p 127.0.0.1:${port}:80`);
  await expect(preview).toContainText(`-v ${volume}:/www`);
  await expect(preview).toContainText('API_TOKEN=********');
  await expect(preview).not.toContainText('s3cret');
  await page.screenshot({ path: 'docs/screenshots/run-dialog.png' });

  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('toast').filter({ hasText: `Started ${name}` })).toBeVisible();
  await expect.poll(() => httpGet(port).catch(() => ''), { timeout: 10_000 }).toBe('hello from the run dialog\n');
  const info = await docker.getContainer(name).inspect();
  expect(info.Config.Env).toContain('API_TOKEN=s3cret');
  expect(info.HostConfig.Memory).toBe(64 * 1024 * 1024);
});

test('the run dialog says which port is taken and keeps the dialog open', async () => {
  const port = await freePort();
  const holder = uniqueName('holder');
  await docker
    .createContainer({ Image: FIXTURE_IMAGE, name: holder, Cmd: ['sleep', '300'], Labels: { 'berth.test': RUN_ID }, HostConfig: { Init: true, PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] } }, ExposedPorts: { '80/tcp': {} } })
    .then((c) => c.start());
  await app.start({ ...process.env }, { colorScheme: 'dark' });
  const page = app.page;
  await page.getByRole('button', { name: 'Run…' }).click();
  const dialog = page.getByTestId('run-dialog');
  await dialog.getByLabel('Image', { exact: true }).fill(FIXTURE_IMAGE);
  await dialog.getByLabel('Container name', { exact: true }).fill(uniqueName('loser'));
  await dialog.getByLabel('Command', { exact: true }).fill('sleep 300');
  await dialog.getByRole('button', { name: 'Port' }).click();
  await dialog.getByLabel('Host IP 1', { exact: true }).fill('127.0.0.1');
  await dialog.getByLabel('Host port 1', { exact: true }).fill(String(port));
  await dialog.getByLabel('Container port 1', { exact: true }).fill('80');
  await dialog.getByRole('button', { name: 'Label', exact: true }).click();
  await dialog.getByLabel('Label key 1', { exact: true }).fill('berth.test');
  await dialog.getByLabel('Label value 1', { exact: true }).fill(RUN_ID);
  await dialog.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: `Host port ${port}` })).toBeVisible();
  await expect(dialog).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/run-dialog-port-taken-dark.png' });
});

test('Esc asks before throwing a filled form away; part of a local image name offers that image', async () => {
  await app.start();
  const page = app.page;
  await page.getByRole('button', { name: 'Run…' }).click();
  const dialog = page.getByTestId('run-dialog');
  await expect(dialog).toBeVisible();
  // An untouched form closes at once.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await page.getByRole('button', { name: 'Run…' }).click();
  // "busybox:lat" is in the middle of berth-fixture/busybox:latest: a datalist would not offer it.
  await dialog.getByLabel('Image', { exact: true }).fill('busybox:lat');
  await expect(dialog).not.toContainText('Not on this engine: Run offers to pull it.');
  await expect(dialog).toContainText(/a local image matches|local images match/);
  const matches = dialog.getByRole('group', { name: 'Local images that match' });
  await expect(matches.getByRole('button', { name: FIXTURE_IMAGE })).toBeVisible();
  await dialog.getByLabel('Container name').fill('kept-after-escape');
  await page.screenshot({ path: 'docs/screenshots/run-dialog-image-matches.png' });

  await page.keyboard.press('Escape');
  const ask = page.getByRole('dialog', { name: 'Discard what you entered?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Cancel' }).click();
  await expect(ask).toBeHidden();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel('Container name')).toHaveValue('kept-after-escape');

  await matches.getByRole('button', { name: FIXTURE_IMAGE }).click();
  await expect(dialog.getByLabel('Image', { exact: true })).toHaveValue(FIXTURE_IMAGE);
  await expect(matches).toHaveCount(0);

  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Discard what you entered?' }).getByRole('button', { name: /Discard/ }).click();
  await expect(dialog).toBeHidden();
});
