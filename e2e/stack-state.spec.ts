import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { detectComposeCli } from '../main/engine/compose-cli';
import { FIXTURE_IMAGE, removeTestObjects, RUN_ID, testDocker } from '../main/test-support/engine';
import { useApp } from './support/use-app';
import { openStackAt, stackPaths } from './support/stacks';

/**
 * What a stack says about its state: Down is neither red nor enabled while nothing is deployed, a service card shows
 * the ports its containers publish, and after Down the services read "Removed" without the green of a success.
 */
const docker = testDocker();
const app = useApp();
const { tmp, project, dir, file, env } = stackPaths('berth-e2e-stack-state-', 'berthstate');

test.beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    file,
    `services:\n  web:\n    image: ${FIXTURE_IMAGE}\n    init: true\n    command: sh -c "echo needle-first-line; seq 1 400; httpd -f -p 80"\n    ports: ["127.0.0.1::80"]\n    labels:\n      berth.test: "${RUN_ID}"\n`,
  );
});

/** The compose the world has: `docker compose` (v2) where it answers, else docker-compose (v1). */
function compose(projectName: string, composeFile: string, args: string[]): boolean {
  const all = ['-p', projectName, '-f', composeFile, ...args];
  for (const cmd of [['docker', 'compose', ...all], ['docker-compose', ...all]]) {
    try {
      execFileSync(cmd[0]!, cmd.slice(1), { stdio: 'ignore' });
      return true;
    } catch {
      // the other compose, or nothing to do
    }
  }
  return false;
}

const driftProject = `${project}d`;
const driftDir = path.join(tmp, driftProject);
const driftFile = path.join(driftDir, 'compose.yaml');

test.afterAll(async () => {
  compose(project, file, ['down', '-v']);
  compose(driftProject, driftFile, ['down', '-v']);
  await removeTestObjects(docker);
  rmSync(tmp, { recursive: true, force: true });
});

test('Down waits for a deployment; ports on the service card; Removed is not a success', async () => {
  test.setTimeout(120_000);
  await app.start(env, { colorScheme: 'dark' });
  const page = app.page;
  await openStackAt(page, dir);

  const down = page.getByRole('button', { name: 'Down', exact: true });
  await expect(page.getByTestId('stack-status')).toHaveAttribute('data-status', 'not-deployed');
  await expect(down).toBeDisabled();
  await expect(down).not.toHaveClass(/btn-danger/);

  // A laptop-height window: the output fills its panel down to where toasts appear.
  await page.setViewportSize({ width: 1280, height: 560 });
  await page.getByRole('button', { name: 'Up', exact: true }).click();
  await expect(page.getByTestId('stack-operation')).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
  // The toast announcing the outcome does not cover the end of the output it announces (issue 20).
  const toast = page.getByTestId('toast').filter({ hasText: 'up done' });
  await expect(toast).toBeVisible();
  const lastLine = page.getByTestId('stack-output').locator('div').last();
  // The last step compose reports: "… done" (v1) or "Container … Started" (v2).
  await expect(lastLine).toContainText(/done|Started/);
  await expect
    .poll(async () => {
      const [a, b] = [await lastLine.boundingBox(), await toast.boundingBox()];
      return !!a && !!b && (a.y + a.height <= b.y || a.x + a.width <= b.x || b.x + b.width <= a.x || b.y + b.height <= a.y);
    })
    .toBe(true);
  const [container] = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${project}`] } });
  const published = container?.Ports.find((p) => p.PrivatePort === 80 && p.PublicPort)?.PublicPort;
  expect(published).toBeGreaterThan(0);
  const card = page.locator('[data-testid="stack-service"][data-service="web"]');
  await expect(card.locator('a.port-link')).toHaveAttribute('href', `http://127.0.0.1:${published}`);
  await expect(card.locator('a.port-link')).toContainText(`${published}→80`);
  await expect(down).toBeEnabled();
  await expect(down).toHaveClass(/btn-danger/);
  await page.screenshot({ path: 'docs/screenshots/stack-ports-dark.png' });

  // The stack's logs say whose they are, and Back returns to the stack (issue 20: "Containers / Logs", Back left it).
  await page.getByTestId('stack-view').getByRole('button', { name: 'Logs', exact: true }).click();
  await expect(page.getByTestId('merged-logs')).toBeVisible();
  await expect(page.getByTestId('merged-logs-back')).toHaveText(project);
  await expect(page.getByTestId('merged-logs').getByRole('heading', { level: 1 })).toHaveText('Logs');
  await expect(page.locator('[data-testid="log-line"]').filter({ hasText: /^\s*\S*\s*400$/ }).or(page.locator('[data-testid="log-line"]').filter({ hasText: '400' }))).not.toHaveCount(0);
  // Typing a search goes to the first match without Enter: the first line of the log, far above the view.
  await page.getByRole('searchbox', { name: 'Search logs' }).fill('needle');
  await expect(page.getByTestId('log-hits')).toHaveText('1 / 1 match');
  await expect(page.locator('[data-testid="log-line"]').filter({ hasText: 'needle-first-line' })).toBeInViewport();
  await page.getByTestId('merged-logs-back').click();
  await expect(page.getByTestId('stack-view')).toBeVisible();

  await down.click();
  await page.getByRole('dialog').getByRole('button', { name: /down/i }).last().click();
  await expect(page.getByTestId('stack-operation')).toHaveAttribute('data-ok', 'true', { timeout: 60_000 });
  const step = card.getByTestId('stack-step');
  await expect(step).toHaveText('Removed');
  await expect(step).toHaveAttribute('data-tone', 'gone');
  const colours = await step.evaluate((el) => {
    const probe = document.createElement('span');
    probe.style.color = 'var(--success)';
    document.body.append(probe);
    const success = getComputedStyle(probe).color;
    probe.remove();
    return { step: getComputedStyle(el).color, success };
  });
  expect(colours.step).not.toBe(colours.success);
  await expect(page.getByTestId('stack-status')).toHaveAttribute('data-status', 'not-deployed');
  await expect(down).toBeDisabled();
  await page.screenshot({ path: 'docs/screenshots/stack-after-down-dark.png' });
});

test('a stack whose saved file differs from what runs says "changed since up" and which services', async () => {
  test.setTimeout(120_000);
  const text = (cmd: string) =>
    `services:\n  web:\n    image: ${FIXTURE_IMAGE}\n    init: true\n    command: ${cmd}\n    labels:\n      berth.test: "${RUN_ID}"\n  db:\n    image: ${FIXTURE_IMAGE}\n    init: true\n    command: sleep 3600\n    labels:\n      berth.test: "${RUN_ID}"\n`;
  mkdirSync(driftDir, { recursive: true });
  writeFileSync(driftFile, text('sleep 3600'));
  await app.start(env, { colorScheme: 'light' });
  const page = app.page;
  // Deployed outside Berth with the compose Berth itself runs (v1 and v2 hash a configuration differently).
  const { cli } = await detectComposeCli(null);
  execFileSync(cli!.bin, [...cli!.prefix, '-p', driftProject, '-f', driftFile, 'up', '-d'], { stdio: 'ignore' });
  const openIt = async () => {
    await openStackAt(page, driftDir);
    await expect(page.getByTestId('stack-status')).toHaveAttribute('data-status', 'running');
  };
  await openIt();
  // As deployed: nothing to apply (give the comparison time to answer before asserting its absence).
  await page.waitForTimeout(3000);
  await expect(page.getByTestId('stack-drift')).toHaveCount(0);

  // The file changes on disk (another editor, a git pull): web's command differs from what its container runs.
  writeFileSync(driftFile, text('sleep 7200'));
  await page.evaluate(() => (window.location.hash = '#/containers'));
  await openIt();
  const badge = page.getByTestId('stack-drift');
  await expect(badge).toHaveText('changed since up — Up to apply: web');
  await expect(badge).toHaveAttribute('title', /Changed: web \(Up recreates them\)/);
  await page.screenshot({ path: 'docs/screenshots/stack-drift-light.png' });
});
