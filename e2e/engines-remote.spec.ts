import { decode } from '@msgpack/msgpack';
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestContainer, FIXTURE_IMAGE, RUN_ID, testDocker, uniqueName } from '../main/test-support/engine';
import { openStackAt } from './support/stacks';
import { useApp } from './support/use-app';

/**
 * A terminal and a compose stack driven through the UI on the test world's remote engines: the ssh context and the
 * TLS context. Each is checked through the engine itself (the docker CLI with that context, which goes over ssh or
 * TLS) and through what the page asked main for (every call names the remote engine, none the local one: the
 * world's engines are one daemon, so the engine a call went to is only visible there). Settings in a temp folder.
 */
const docker = testDocker();
const app = useApp({ docker });
let tmp: string;

const REMOTES = [
  { engineId: 'ctx-berth-world-ssh', context: 'berth-world-ssh', label: 'ssh' },
  { engineId: 'ctx-berth-world-tls', context: 'berth-world-tls', label: 'TLS' },
] as const;

test.beforeAll(() => {
  if (!process.env.BERTH_WORLD_SSH_HOST || !process.env.BERTH_WORLD_TLS_HOST) {
    throw new Error('Needs the modern test world (its ssh and TLS contexts): eval "$(bash scripts/engine-up.sh modern | tail -1)".');
  }
  tmp = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-engines-remote-'));
});
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const env = () => ({ ...process.env, BERTH_CONFIG_DIR: path.join(tmp, 'config') });

/** The docker CLI on one context (DOCKER_HOST would override it). */
function viaContext(context: string, args: string[]): string {
  const e = { ...process.env };
  delete e.DOCKER_HOST;
  delete e.DOCKER_CONTEXT;
  return execFileSync('docker', ['--context', context, ...args], { env: e, encoding: 'utf8', timeout: 60_000 }).trim();
}

/** Method calls and stream subscriptions the page sends, decoded from the web-mode socket's MessagePack frames. */
function recordCalls(page: Page): { t: string; path: string; input: Record<string, unknown> }[] {
  const calls: { t: string; path: string; input: Record<string, unknown> }[] = [];
  page.on('websocket', (ws) =>
    ws.on('framesent', (frame) => {
      if (typeof frame.payload === 'string') return;
      const m = decode(frame.payload) as { t?: string; path?: string; input?: Record<string, unknown> };
      if ((m.t === 'call' || m.t === 'sub') && m.path) calls.push({ t: m.t, path: m.path, input: m.input ?? {} });
    }),
  );
  return calls;
}

async function startOn(engineId: string): Promise<{ page: Page; calls: ReturnType<typeof recordCalls> }> {
  const { page } = await app.start(env());
  const calls = recordCalls(page);
  await page.reload(); // the socket opened with the page: again, with the recorder listening
  await page.setViewportSize({ width: 1280, height: 800 });
  const dot = page.locator(`[data-testid="sidebar-engine"][data-engine="${engineId}"]`);
  await expect(dot).toHaveAttribute('data-state', 'connected', { timeout: 30_000 });
  return { page, calls };
}

const screenText = (page: Page) => page.locator('.term-view .xterm-rows').innerText();

for (const remote of REMOTES) {
  test(`a terminal in a container of the ${remote.label} engine: a command runs there and its output shows`, async () => {
    const name = uniqueName(`remote-term-${remote.label.toLowerCase()}`);
    const c = await createTestContainer(docker, { name, start: true });
    const { page, calls } = await startOn(remote.engineId);

    // Open the container from the remote engine's list, then its Terminal tab.
    await page.evaluate((hash) => (window.location.hash = hash), `#/e/${remote.engineId}/containers`);
    await page.getByRole('searchbox', { name: 'Filter containers' }).fill(name);
    await page.locator(`[data-testid="container-row"][data-container-name="${name}"]`).getByRole('link', { name }).click();
    await expect(page).toHaveURL(new RegExp(`#/e/${remote.engineId}/containers/${c.id}`));
    await expect(page.getByTestId('detail-engine')).toBeVisible();
    await page.getByRole('tab', { name: 'Terminal' }).click();
    await expect(page.getByTestId('terminal')).toHaveAttribute('data-session-phase', 'ready', { timeout: 30_000 });

    const marker = `remote-${remote.label.toLowerCase()}-${RUN_ID.slice(-6)}`;
    await page.locator('.term-view .xterm').click();
    await page.keyboard.type(`echo $((6*7)); echo ${marker} > /berth-marker; hostname`);
    await page.keyboard.press('Enter');
    await expect.poll(() => screenText(page), { timeout: 15_000 }).toMatch(/^42$/m);
    await expect.poll(() => screenText(page)).toContain(c.id.slice(0, 12));
    await page.screenshot({ path: `docs/screenshots/engines-remote-terminal-${remote.label.toLowerCase()}.png` });

    // The engine itself, over its own transport, sees what the terminal did (the fixture image has no /tmp).
    expect(viaContext(remote.context, ['exec', c.id, 'cat', '/berth-marker'])).toBe(marker);
    const opens = calls.filter((x) => x.path === 'terminal.open');
    expect(opens.length).toBeGreaterThan(0);
    expect(opens.every((x) => x.input.engineId === remote.engineId), JSON.stringify(opens.map((x) => x.input))).toBe(true);
  });

  test(`a compose stack on the ${remote.label} engine: open, up, down`, async () => {
    const project = `berthremote${remote.label.toLowerCase()}${RUN_ID.replace(/[^a-z0-9]/g, '').slice(-8)}`;
    const dir = path.join(tmp, project);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'compose.yaml'), `services:\n  web:\n    image: ${FIXTURE_IMAGE}\n    init: true\n    command: sh -c "httpd -f -p 80"\n    labels: { berth.test: "${RUN_ID}" }\n`);
    const byProject = ['ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Names}} {{.State}}'];
    try {
      const { page, calls } = await startOn(remote.engineId);
      await page.evaluate((hash) => (window.location.hash = hash), `#/e/${remote.engineId}/stacks`);
      await openStackAt(page, dir);
      await expect(page).toHaveURL(new RegExp(`#/e/${remote.engineId}/stacks/`));

      await page.getByRole('button', { name: 'Up', exact: true }).click();
      await expect(page.locator('[data-testid="stack-service"][data-service="web"]')).toHaveAttribute('data-running', '1', { timeout: 60_000 });
      await expect(page.getByTestId('stack-status')).toHaveAttribute('data-status', 'running');
      await expect(page.getByTestId('stack-operation')).toHaveAttribute('data-ok', 'true');
      await page.screenshot({ path: `docs/screenshots/engines-remote-stack-${remote.label.toLowerCase()}.png` });
      expect(viaContext(remote.context, byProject)).toMatch(new RegExp(`^${project}[-_]web[-_]1 running$`));

      await page.getByRole('button', { name: 'Down', exact: true }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Down', exact: true }).click();
      await expect(page.getByTestId('stack-status')).toHaveAttribute('data-status', 'not-deployed', { timeout: 60_000 });
      expect(viaContext(remote.context, byProject)).toBe('');

      const runs = calls.filter((x) => x.path === 'stacks.run');
      expect(runs.map((x) => [x.input.action, x.input.engineId])).toEqual([
        ['up', remote.engineId],
        ['down', remote.engineId],
      ]);
    } finally {
      const e = { ...process.env };
      delete e.DOCKER_HOST;
      try {
        execFileSync('docker', ['--context', remote.context, 'compose', '-p', project, '-f', path.join(dir, 'compose.yaml'), 'down', '-v'], { env: e, stdio: 'ignore', timeout: 60_000 });
      } catch {
        // already down
      }
    }
  });
}
