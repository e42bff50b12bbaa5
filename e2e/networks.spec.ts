import { expect, test } from '@playwright/test';
import { createTestContainer, RUN_ID, testDocker, testLabels, uniqueName } from '../main/test-support/engine';
import { useApp } from './support/use-app';

const docker = testDocker();
const app = useApp({ docker });

test.afterEach(async () => {
  const nets = await docker.listNetworks({ filters: { label: [`berth.test=${RUN_ID}`] } });
  await Promise.all(nets.map((n) => docker.getNetwork(n.Id).remove().catch(() => undefined)));
});

for (const scheme of ['light', 'dark'] as const) {
  test(`connect a container to a network with an alias, see it attached, disconnect it (${scheme})`, async () => {
    const net = uniqueName(`net-${scheme}`);
    await docker.createNetwork({ Name: net, Labels: testLabels() });
    const cname = uniqueName('netc');
    const c = await createTestContainer(docker, { name: cname, start: true });
    await app.start(process.env, { colorScheme: scheme });
    const page = app.page;
    await page.getByRole('link', { name: 'Networks' }).click();
    await page.getByRole('searchbox', { name: 'Filter networks' }).fill(net);
    const row = page.locator(`[data-testid="network-row"][data-network-name="${net}"]`);
    await expect(row).toContainText('bridge');
    await expect(row).toContainText('none');

    await page.getByRole('button', { name: `Connect a container to ${net}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Container to connect' }).fill(cname);
    await dialog.getByRole('textbox', { name: 'Aliases' }).fill('db primary');
    await dialog.getByRole('button', { name: 'Connect' }).click();
    await expect(row).toContainText(cname);
    const info = await c.inspect();
    expect(info.NetworkSettings.Networks[net]?.Aliases).toEqual(expect.arrayContaining(['db', 'primary']));
    await page.screenshot({ path: `docs/screenshots/networks-${scheme}.png` });

    await page.getByRole('button', { name: `Disconnect a container from ${net}` }).click();
    await dialog.getByRole('button', { name: 'Disconnect' }).click();
    await expect(row).toContainText('none');
    expect(Object.keys((await c.inspect()).NetworkSettings.Networks)).toEqual(['bridge']);
  });
}

test('disk usage shows each kind; prune previews list what goes and remove nothing when cancelled', async () => {
  const stopped = await createTestContainer(docker, { name: uniqueName('prunable') });
  await app.start(process.env, { colorScheme: 'light' });
  const page = app.page;
  await page.getByRole('link', { name: 'Disk usage' }).click();
  await expect(page.getByTestId('disk-kind')).toHaveCount(4);
  await expect(page.locator('[data-testid="disk-kind"][data-kind="images"]')).toContainText(/\d+ total/);
  await page.screenshot({ path: 'docs/screenshots/disk-light.png' });

  await page.getByRole('button', { name: 'Prune Containers' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText((await stopped.inspect()).Name.slice(1));
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'System prune…' }).click();
  await expect(dialog).toContainText('Will be kept');
  await expect(dialog).toContainText('Volumes and their data');
  await page.screenshot({ path: 'docs/screenshots/disk-system-prune.png' });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await stopped.inspect(); // still there
});
