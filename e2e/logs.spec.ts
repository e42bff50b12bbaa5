import { expect, test } from '@playwright/test';
import type Docker from 'dockerode';
import { FIXTURE_IMAGE, testDocker, testLabels, uniqueName } from '../main/test-support/engine';
import { useApp } from './support/use-app';

const docker = testDocker();
const app = useApp({ docker });

async function logContainer(name: string, script: string, labels: Record<string, string> = {}): Promise<Docker.Container> {
  const c = await docker.createContainer({
    Image: FIXTURE_IMAGE,
    name,
    Cmd: ['sh', '-c', script],
    Labels: testLabels(labels),
    StopTimeout: 1,
    HostConfig: { Init: true },
  });
  await c.start();
  return c;
}

const lines = () => app.page.locator('[data-testid="log-line"]');

async function openLogs(id: string) {
  await app.page.evaluate((hash) => (window.location.hash = hash), `#/containers/${id}/logs`);
  await expect(app.page.getByTestId('log-viewer')).toBeVisible();
}

const SCRIPT = [
  'echo "starting up"',
  "printf '\\033[32mINFO\\033[0m ready on :8080\\n'",
  'echo "warning: disk almost full" >&2',
  'i=0; while [ $i -lt 20 ]; do i=$((i+1)); echo "request $i GET /api/items/$i 200"; done',
  'echo "the-marker-line-42"',
  "printf '\\033[31mERROR\\033[0m payment failed: timeout\\n' >&2",
  'sleep 3600',
].join('; ');

test('a container’s marker line appears; search highlights and filter keeps only matches', async () => {
  const name = uniqueName('logs');
  const c = await logContainer(name, SCRIPT);
  for (const scheme of ['light', 'dark'] as const) {
    await app.start(process.env, { colorScheme: scheme });
    await openLogs(c.id);
    await expect(lines().filter({ hasText: 'the-marker-line-42' })).toHaveCount(1);
    await expect(lines().filter({ hasText: 'warning: disk almost full' })).toHaveAttribute('data-stream', 'stderr');
    // ANSI colour is drawn, the escape is not
    await expect(lines().filter({ hasText: 'INFO ready' })).toHaveCount(1);

    await app.page.getByRole('button', { name: 'Timestamps' }).click();
    const search = app.page.getByRole('searchbox', { name: 'Search logs' });
    await search.fill('items/1\\d');
    await expect(app.page.getByTestId('log-hits')).toHaveText(/^0 matches$/);
    await app.page.getByRole('button', { name: 'Regular expression' }).click();
    await expect(app.page.getByTestId('log-hits')).toHaveText(/^10 matches$/);
    await expect(app.page.locator('[data-testid="log-line"] mark').first()).toBeVisible();
    await search.press('Enter');
    await expect(app.page.getByTestId('log-hits')).toHaveText(/^1 \/ 10 matches$/);
    await app.page.screenshot({ path: `docs/screenshots/logs-${scheme}.png` });

    await app.page.getByRole('button', { name: 'Show only matching lines' }).click();
    await expect(lines()).toHaveCount(10);
    await expect(lines().first()).toContainText('request 10 GET');
    await app.page.getByRole('button', { name: 'Show only matching lines' }).click();
    await expect(lines().filter({ hasText: 'starting up' })).toHaveCount(1);
    await app.close();
  }
});

test('scrolling up pauses auto-scroll and offers the new lines', async () => {
  const name = uniqueName('logspam');
  const c = await logContainer(name, 'i=0; while true; do i=$((i+1)); echo "tick $i"; sleep 0.02; done');
  await app.start();
  await openLogs(c.id);
  const viewer = app.page.getByTestId('log-viewer');
  await expect(viewer).toHaveAttribute('data-following', 'true');
  // Enough lines to scroll through (a line is on screen for under a second while following, so count, not look).
  await expect.poll(async () => Number(await viewer.getAttribute('data-received')), { timeout: 20_000 }).toBeGreaterThanOrEqual(200);
  await app.page.getByTestId('log-scroll').hover();
  await app.page.mouse.wheel(0, -600);
  await expect(viewer).toHaveAttribute('data-following', 'false');
  const jump = app.page.getByTestId('log-jump');
  await expect(jump).toHaveText(/\d+ new lines/);
  // Paused: what is on screen stays put while lines keep coming.
  const topLine = await lines().first().textContent();
  await expect(jump).toHaveText(/([3-9]\d|\d{3,}) new lines/);
  expect(await lines().first().textContent()).toBe(topLine);
  await jump.click();
  await expect(viewer).toHaveAttribute('data-following', 'true');
  await expect(jump).toBeHidden();
});

test('merged logs of a two-service compose group show both services, each can be switched off', async () => {
  const project = uniqueName('shop').replace(/-/g, '');
  const compose = (service: string) => ({ 'com.docker.compose.project': project, 'com.docker.compose.service': service, 'com.docker.compose.container-number': '1' });
  // web starts first; db is listed first (by name), so only a merge by time puts web's first line on top.
  const web = await logContainer(`${project}-web-1`, 'echo "web: listening"; sleep 2; echo "web: GET / 200"; sleep 3600', compose('web'));
  const db = await logContainer(`${project}-db-1`, 'sleep 1; echo "db: ready for connections"; sleep 2; echo "db: checkpoint"; sleep 3600', compose('db'));
  await expect.poll(async () => (await db.logs({ stdout: true })).toString(), { timeout: 10_000 }).toContain('checkpoint');
  // The engine's own timestamps say what the order is.
  const timed = async (c: Docker.Container, service: string) =>
    ((await c.logs({ stdout: true, timestamps: true })) as Buffer)
      .toString('latin1')
      .split('\n')
      .map((l) => /(\d{4}-\S+Z) (.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => ({ t: m[1]!, text: `${service}${m[2]}` }));
  const expected = [...(await timed(web, 'web')), ...(await timed(db, 'db'))].sort((a, b) => (a.t < b.t ? -1 : a.t > b.t ? 1 : 0)).map((l) => l.text);
  expect(expected).toHaveLength(4);
  expect(expected[0]).toBe('webweb: listening');
  await app.start();
  await app.page.getByRole('searchbox', { name: 'Filter containers' }).fill(project);
  await app.page.getByRole('button', { name: `Logs of ${project}` }).click();
  await expect(app.page.getByTestId('merged-logs')).toBeVisible();
  await expect(lines()).toHaveText(expected);
  await app.page.screenshot({ path: 'docs/screenshots/logs-merged.png' });
  await app.page.getByTestId('log-source').filter({ hasText: 'db' }).click();
  await expect(lines()).toHaveText([/web: listening/, /web: GET/]);
});
