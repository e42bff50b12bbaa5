import { expect, test } from '@playwright/test';
import { createTestContainer, RUN_ID, testDocker } from '../main/test-support/engine';
import { startApp } from './support/app';

const docker = testDocker();

/** A small, realistic engine for the pictures in docs/screenshots: a compose project and a few loose containers. */
test.beforeAll(async () => {
  // Readable names for the pictures; the run-id suffix keeps them unique on a developer's engine.
  const named = (n: string) => `${n}-${RUN_ID.slice(-4)}`;
  const compose = (service: string, n = 1) => ({
    'com.docker.compose.project': 'shop',
    'com.docker.compose.service': service,
    'com.docker.compose.container-number': String(n),
    'com.docker.compose.project.working_dir': '/home/dev/shop',
  });
  await createTestContainer(docker, { name: named('shop-web'), labels: compose('web'), start: true, ports: [80] });
  await createTestContainer(docker, { name: named('shop-api'), labels: compose('api'), start: true, ports: [3000] });
  await createTestContainer(docker, { name: named('shop-worker'), labels: compose('worker'), start: false });
  await createTestContainer(docker, { name: named('redis'), start: true, ports: [6379] });
  await createTestContainer(docker, { name: named('scratchpad'), cmd: ['true'], start: true });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`main screen in ${scheme}`, async () => {
    const app = await startApp(process.env, { colorScheme: scheme });
    try {
      await expect(app.page.locator('[data-testid="container-row"]').first()).toBeVisible();
      await app.page.waitForTimeout(500); // let exited containers settle their state before the picture
      await app.page.screenshot({ path: `docs/screenshots/containers-${scheme}.png` });
    } finally {
      await app.close();
    }
  });
}
