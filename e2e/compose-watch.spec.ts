import { expect, test, type Page } from '@playwright/test';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { testDocker } from '../main/test-support/engine';
import { requireComposeWatch, writeWatchableStack } from '../main/test-support/compose-watch';
import { openStackAt, stackPaths } from './support/stacks';
import { useApp } from './support/use-app';

/**
 * compose watch from the stack page (needs compose v2.22+, the modern world): the Watch toggle appears for a stack
 * with develop.watch; on, a file edited on the host is synced into the running container and the sync shows in the
 * watch's output and the stacks list says "watching"; off, the compose watch process is gone and edits stay on the
 * host; Down stops it too. With docker-compose v1 chosen in Settings there is no toggle, and its tooltip names the
 * version needed.
 */
const docker = testDocker();
const app = useApp({ docker });
const { tmp, project, dir, file } = stackPaths('berth-e2e-watch-', 'berthew');
const V1 = '/usr/bin/docker-compose';


test.beforeAll(() => {
  requireComposeWatch();
  writeWatchableStack(dir, `berth-watch-e2e-${project}:test`, { 'index.txt': 'first\n' });
});

test.afterAll(() => {
  try {
    execFileSync('docker', ['compose', '-p', project, '-f', file, 'down', '--rmi', 'local'], { stdio: 'ignore' });
  } catch {
    // already down
  }
  rmSync(tmp, { recursive: true, force: true });
});

/** Settings of each test's own; `settings` is written before Berth starts (as a user's earlier choice would be). */
function env(settings?: object) {
  const config = path.join(tmp, `config-${test.info().testId}`);
  mkdirSync(config, { recursive: true });
  if (settings) writeFileSync(path.join(config, 'settings.json'), JSON.stringify(settings));
  return { ...process.env, BERTH_CONFIG_DIR: config };
}

/** compose watch processes of this project on the machine (the docker CLI and its compose plugin). */
function watchProcesses(): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(`-p ${project}`) && / watch\b/.test(l));
}

async function fileInApp(name: string): Promise<string> {
  const [c] = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${project}`] } });
  if (!c) return '(no container)';
  const exec = await docker.getContainer(c.Id).exec({ Cmd: ['cat', `/app/${name}`], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  const chunks: Buffer[] = [];
  await new Promise((resolve) => (stream.on('data', (d: Buffer) => chunks.push(d)), stream.once('end', resolve)));
  return Buffer.concat(chunks).toString('utf8');
}

const toggle = (page: Page) => page.getByTestId('stack-watch-toggle');

/** Berth with settings of the test's own, on this spec's stack, brought up with its Up button. */
async function startWithStackUp(): Promise<Page> {
  await app.start(env());
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  await openStackAt(page, dir);
  await page.getByRole('button', { name: 'Up', exact: true }).click();
  await expect(page.getByTestId('stack-status')).toHaveAttribute('data-status', 'running', { timeout: 60_000 });
  return page;
}

test('Watch on syncs a file edited on the host into the container; off stops compose watch; Down stops it too', async () => {
  test.setTimeout(180_000);
  const page = await startWithStackUp();

  await expect(toggle(page)).toHaveAttribute('aria-checked', 'false');
  await expect(toggle(page)).toHaveAttribute('title', /sync or rebuild app/);
  await toggle(page).click();
  await expect(toggle(page)).toHaveAttribute('data-phase', 'watching', { timeout: 60_000 });
  await expect(toggle(page)).toHaveAttribute('aria-checked', 'true');
  const output = page.getByTestId('stack-watch-output');
  await expect(output).toContainText('Watch enabled');
  expect(watchProcesses().length).toBeGreaterThan(0);

  const stamp = `edited-on-the-host-${Date.now()}`;
  writeFileSync(path.join(dir, 'src', 'edited.txt'), `${stamp}\n`);
  await expect.poll(() => fileInApp('edited.txt'), { timeout: 15_000 }).toContain(stamp);
  await expect(output).toContainText(/Syncing "?app"? after changes were detected/);
  await page.screenshot({ path: 'docs/screenshots/compose-watch.png' });

  // The stacks list says it is watching.
  await page.evaluate(() => (window.location.hash = '#/stacks'));
  await page.getByRole('searchbox', { name: 'Filter stacks' }).fill(project);
  const row = page.locator(`[data-testid="stack-row"][data-stack-name="${project}"]`);
  await expect(row.getByTestId('stack-watch-badge')).toHaveText('watching');
  await page.screenshot({ path: 'docs/screenshots/compose-watch-list.png' });
  await row.click();

  // Off: the compose process ends, and a later edit stays on the host.
  await toggle(page).click();
  await expect(toggle(page)).toHaveAttribute('data-phase', 'stopped', { timeout: 15_000 });
  await expect(toggle(page)).toHaveAttribute('aria-checked', 'false');
  expect(watchProcesses()).toEqual([]);
  writeFileSync(path.join(dir, 'src', 'after-off.txt'), 'not synced\n');
  await page.waitForTimeout(2500);
  expect(await fileInApp('after-off.txt')).toMatch(/No such file/);

  // On again, then Down: the watch stops with the stack.
  await toggle(page).click();
  await expect(toggle(page)).toHaveAttribute('data-phase', 'watching', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Down', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Down', exact: true }).click();
  await expect(page.getByTestId('stack-status')).toHaveAttribute('data-status', 'not-deployed', { timeout: 60_000 });
  await expect(toggle(page)).toHaveAttribute('data-phase', 'stopped');
  expect(watchProcesses()).toEqual([]);
});

test('a watch that dies: the stack page says so with its last lines, the list says "watch failed", nothing of it is left', async () => {
  test.setTimeout(180_000);
  const page = await startWithStackUp();
  // A compose watch started outside Berth holds compose's per-project lock: Berth's ends at once.
  const other = spawn('docker', ['compose', '-p', project, '-f', file, 'watch', '--no-up'], { cwd: dir, detached: true, stdio: 'ignore' });
  try {
    await expect.poll(() => watchProcesses().length, { timeout: 15_000 }).toBeGreaterThan(0);
    await page.waitForTimeout(1500);
    await toggle(page).click();
    const panel = page.getByTestId('stack-watch-panel');
    await expect(panel).toHaveAttribute('data-phase', 'failed', { timeout: 30_000 });
    await expect(page.getByTestId('stack-watch-failure')).toContainText('compose watch ended by itself');
    await expect(page.getByTestId('stack-watch-output')).toContainText(/exclusive lock|still running/);
    await expect(toggle(page)).toHaveAttribute('aria-checked', 'false');
    // Berth's own compose process (it passes --ansi never) is gone; only the one this test started runs.
    expect(watchProcesses().filter((l) => l.includes('--ansi never'))).toEqual([]);
    await page.screenshot({ path: 'docs/screenshots/compose-watch-failed.png' });
    await page.evaluate(() => (window.location.hash = '#/stacks'));
    await page.getByRole('searchbox', { name: 'Filter stacks' }).fill(project);
    await expect(page.locator(`[data-testid="stack-row"][data-stack-name="${project}"]`).getByTestId('stack-watch-badge')).toHaveText('watch failed');
  } finally {
    process.kill(-other.pid!, 'SIGINT');
    await expect.poll(() => watchProcesses(), { timeout: 15_000 }).toEqual([]);
  }
});

test('with docker-compose v1 there is no Watch toggle, and the note says which version is needed', async () => {
  // Debian 12's package, which every test world installs (scripts/world/lib.sh, common_packages).
  if (!existsSync(V1)) throw new Error(`docker-compose v1 is not installed at ${V1}: \`bash scripts/engine-up.sh\` installs it`);
  await app.start(env({ compose: { cliPath: V1 } }));
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  await openStackAt(page, dir);
  const note = page.getByTestId('stack-watch-unsupported');
  // docker-compose v1 is a Python program: checking it takes seconds on a busy machine.
  await expect(note).toBeVisible({ timeout: 30_000 });
  await expect(note).toHaveAttribute('title', /Compose watch needs Docker Compose v2\.22\.0 or later; this engine's stacks run docker-compose 1\.\d+\.\d+ \(v1\)/);
  await expect(toggle(page)).toHaveCount(0);
});
