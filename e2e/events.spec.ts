import { expect, test } from '@playwright/test';
import { createTestContainer, testDocker, uniqueName } from '../main/test-support/engine';
import { useApp } from './support/use-app';

const docker = testDocker();
const app = useApp({ docker });

for (const scheme of ['light', 'dark'] as const) {
  test(`the events page shows a start caused by the test; filter and pause work (${scheme})`, async () => {
    await app.start(process.env, { colorScheme: scheme });
    const page = app.page;
    await page.getByRole('link', { name: 'Events' }).click();
    await expect(page.getByRole('heading', { name: 'Events', level: 1 })).toBeVisible();

    const name = uniqueName(`events-${scheme}`);
    await page.getByRole('searchbox', { name: 'Filter events' }).fill(name);
    const c = await createTestContainer(docker, { name });
    await c.start();
    const rows = page.locator(`[data-testid="event-row"][data-actor-name="${name}"]`);
    await expect(rows.and(page.locator('[data-action="start"]'))).toHaveCount(1);
    await expect(rows.and(page.locator('[data-action="create"]'))).toHaveCount(1);
    await expect(rows.first()).toContainText('container');
    await expect(rows.first()).toContainText('berth-fixture/busybox');

    // Pause: what happens meanwhile waits and is shown on resume.
    await page.getByRole('button', { name: 'Pause' }).click();
    await c.stop({ t: 0 });
    await expect(page.getByRole('button', { name: /Resume \(\d+ new\)/ })).toBeVisible();
    await expect(rows.and(page.locator('[data-action="die"]'))).toHaveCount(0);
    await page.getByRole('button', { name: /Resume/ }).click();
    await expect(rows.and(page.locator('[data-action="die"]'))).toHaveCount(1);

    // Type filter: only containers (this container's events stay).
    await page.getByRole('group', { name: 'Filter by type' }).getByRole('button', { name: 'container' }).click();
    await expect(rows.first()).toBeVisible();
    await page.getByRole('searchbox', { name: 'Filter events' }).fill('');
    await page.screenshot({ path: `docs/screenshots/events-${scheme}.png` });
  });
}
