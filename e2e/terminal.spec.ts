import { expect, test, type Page } from '@playwright/test';
import { createTestContainer, FIXTURE_IMAGE, RUN_ID, testDocker, testLabels, uniqueName } from '../main/test-support/engine';
import { buildNoShellImage } from '../main/test-support/no-shell-image';
import { useApp } from './support/use-app';

const docker = testDocker();
const NO_SHELL_IMAGE = `berth-fixture/noshell-e2e:${RUN_ID}`.toLowerCase();
const app = useApp({ docker });

test.afterAll(async () => {
  await docker.getImage(NO_SHELL_IMAGE).remove({ force: true }).catch(() => undefined);
});

/** The detail view's Terminal tab of one container, by route (the list may hold hundreds of containers). */
async function openTerminalTab(page: Page, id: string) {
  // Let the containers list arrive first; under a full suite on 2 cores the first load can be slow.
  await expect(page.getByTestId('container-count')).toBeVisible({ timeout: 20_000 });
  await page.evaluate((hash) => (window.location.hash = hash), `#/containers/${id}/terminal`);
  await expect(page.getByTestId('container-detail')).toBeVisible({ timeout: 20_000 });
}

/** A fresh container of this run (started or not) and the app open on its Terminal tab. */
async function terminalOfNew(prefix: string, start: boolean) {
  const name = uniqueName(prefix);
  const c = await createTestContainer(docker, { name, start });
  await app.start();
  const { page } = app;
  await openTerminalTab(page, c.id);
  return { name, c, page };
}

/** What xterm shows, row by row, read from its DOM renderer. */
const screenText = (page: Page) => page.locator('.term-view .xterm-rows').innerText();

async function typeLine(page: Page, line: string) {
  await page.locator('.term-view .xterm').click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

test('a shell: echo, stty size follows the window, top quits with q, the session survives navigation', async () => {
  const { c, page } = await terminalOfNew('term', true);
  const term = page.getByTestId('terminal');
  await expect(term).toHaveAttribute('data-session-phase', 'ready');
  await expect(page.locator('.term-view .xterm-host')).toHaveAttribute('data-renderer', /webgl|dom/);

  await typeLine(page, 'echo $((6*7))');
  await expect.poll(() => screenText(page)).toMatch(/^42$/m);

  await typeLine(page, 'stty size');
  await expect.poll(() => screenText(page)).toMatch(/^\d+ \d+$/m);
  const before = /^(\d+) (\d+)$/m.exec(await screenText(page))!;
  await page.setViewportSize({ width: 1100, height: 640 });
  await typeLine(page, 'clear; stty size');
  await expect
    .poll(async () => {
      const m = /^(\d+) (\d+)$/m.exec(await screenText(page));
      return m ? `${m[1]} ${m[2]}` : '';
    })
    .not.toBe(`${before[1]} ${before[2]}`);
  const after = /^(\d+) (\d+)$/m.exec(await screenText(page))!;
  expect(Number(after[1])).toBeLessThan(Number(before[1]));
  expect(Number(after[2])).toBeLessThan(Number(before[2]));

  await typeLine(page, 'top');
  await expect.poll(() => screenText(page)).toMatch(/Mem:.*used/);
  await expect.poll(() => screenText(page)).toMatch(/PID\s+PPID\s+USER/);
  await page.keyboard.press('q');
  await typeLine(page, 'echo top-done-$((1+1))');
  await expect.poll(() => screenText(page)).toMatch(/^top-done-2$/m);
  await page.setViewportSize({ width: 1360, height: 820 });
  await typeLine(page, 'clear; ls -l / | head -n 6; echo "unicode: ünïcødé ✓ → ★"');
  await expect.poll(() => screenText(page)).toContain('ünïcødé ✓ → ★');
  await page.screenshot({ path: 'docs/screenshots/terminal-light.png' });

  // Leave the page: the session keeps running, and the bottom panel (Ctrl+`) shows it.
  await page.evaluate(() => (window.location.hash = '#/settings'));
  await expect(page.getByRole('button', { name: 'Show terminals' })).toContainText('1 running');
  await page.keyboard.press('Control+Backquote');
  const panel = page.getByTestId('terminal-panel');
  await expect(panel.getByTestId('terminal')).toHaveAttribute('data-session-phase', 'ready');
  await expect.poll(() => panel.locator('.xterm-rows').innerText()).toContain('ünïcødé');
  await page.emulateMedia({ colorScheme: 'dark' });
  await panel.locator('.xterm').click();
  await page.keyboard.type('echo from-the-panel');
  await page.keyboard.press('Enter');
  await expect.poll(() => panel.locator('.xterm-rows').innerText()).toMatch(/^from-the-panel$/m);
  await page.screenshot({ path: 'docs/screenshots/terminal-panel-dark.png' });

  // Closing the tab ends the exec's process in the container.
  await panel.getByRole('button', { name: /^Close terminal / }).click();
  await expect
    .poll(async () => {
      const top = (await c.top({ ps_args: '-o pid,args' })) as { Processes: string[][] };
      return top.Processes.filter((p) => /(^|\/)sh$/.test(p.at(-1)!.trim())).length;
    })
    .toBe(0);
});

test('an image without a shell says so and offers to run a command or open the Files tab', async () => {
  buildNoShellImage(NO_SHELL_IMAGE, { binary: '/busybox' });
  const c = await docker.createContainer({ Image: NO_SHELL_IMAGE, name: uniqueName('noshell'), Labels: testLabels(), StopTimeout: 1 });
  await c.start();
  await app.start();
  const { page } = app;
  await openTerminalTab(page, c.id);
  const notice = page.getByTestId('terminal-notice');
  await expect(notice).toHaveAttribute('data-kind', 'no-shell');
  await expect(notice).toContainText('No shell in this image');
  await expect(notice.getByRole('button', { name: 'Open the Files tab' })).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/terminal-no-shell.png' });

  await notice.getByRole('textbox', { name: 'Command to run' }).fill('/busybox echo "ran without a shell"');
  await notice.getByRole('button', { name: 'Run a command' }).click();
  await expect(page.getByTestId('terminal-notice')).toHaveAttribute('data-kind', 'exited');
  await expect.poll(() => screenText(page)).toContain('ran without a shell');
  await expect(page.getByTestId('terminal-notice')).toContainText('process exited (code 0)');
});

test('the container stopped while the terminal is open: the session says so and can start it again', async () => {
  const { name, c, page } = await terminalOfNew('stopped', true);
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-session-phase', 'ready');
  await c.stop({ t: 0 });
  const notice = page.getByTestId('terminal-notice');
  await expect(notice).toHaveAttribute('data-kind', 'exited');
  await expect(notice).toContainText(/process exited \(code \d+\) — the container stopped/);
  await expect(page.getByTestId('terminal-not-running')).toContainText(`${name} is exited`);
  await page.screenshot({ path: 'docs/screenshots/terminal-stopped.png' });

  await notice.getByRole('button', { name: 'Start and reconnect' }).click();
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-session-phase', 'ready');
  await typeLine(page, 'echo back-$((40+2))');
  await expect.poll(() => screenText(page)).toMatch(/^back-42$/m);
});

test.describe('the tab says clearly when the container is not running', () => {
  test('and offers Start', async () => {
    const { name, page } = await terminalOfNew('notrunning', false);
    const empty = page.getByTestId('terminal-not-running');
    await expect(empty).toContainText(`${name} is not running`);
    await empty.getByRole('button', { name: `Start ${name}` }).click();
    await expect(page.getByTestId('terminal')).toHaveAttribute('data-session-phase', 'ready');
  });
});

test('attach: to the main process of a container run -it, detach by closing the tab, the container keeps running', async () => {
  // docker run -i -t … sh: the main process is a shell reading the TTY.
  const itName = uniqueName('term-it');
  const it = await docker.createContainer({
    Image: FIXTURE_IMAGE,
    name: itName,
    Cmd: ['sh'],
    Tty: true,
    OpenStdin: true,
    Labels: testLabels(),
    StopTimeout: 1,
  });
  await it.start();
  // One without -i -t: Attach is there but says why it cannot be used.
  const plain = await createTestContainer(docker, { name: uniqueName('term-plain'), start: true });
  await app.start();
  const { page } = app;

  await openTerminalTab(page, plain.id);
  const attachButton = page.getByTestId('terminal-attach');
  await expect(attachButton).toHaveAttribute('title', /started with a terminal and stdin \(-i -t\)/);
  await expect(attachButton).toBeDisabled();

  await page.evaluate((hash) => (window.location.hash = hash), `#/containers/${it.id}/terminal`);
  await expect(attachButton).toHaveAttribute('title', /docker attach/);
  await expect(attachButton).toBeEnabled();
  await attachButton.click();
  const tab = page.locator('[data-testid="terminal-tab"][data-mode="attach"]');
  await expect(tab).toContainText('attached · main process');
  const term = page.getByTestId('terminal');
  await expect(term).toHaveAttribute('data-session-phase', 'ready');
  await expect.poll(() => screenText(page)).toContain('attached to the main process');
  await typeLine(page, 'echo $((6*7))');
  await expect.poll(() => screenText(page)).toMatch(/^42$/m);
  // What was typed reached the main process (PID 1), not a shell of Berth's.
  await typeLine(page, 'echo pid=$$');
  await expect.poll(() => screenText(page)).toMatch(/^pid=1$/m);
  await page.screenshot({ path: 'docs/screenshots/terminal-attach.png' });

  // Closing the tab detaches: the close button says so, and the main process (and so the container) keeps running.
  const close = tab.getByRole('button', { name: /^Detach from .*\(the container keeps running\)$/ });
  await close.click();
  await expect(tab).toHaveCount(0);
  // Long enough for a Ctrl+C / Ctrl+D (or a dropped stdin) to have stopped sh; then the engine still says running.
  await page.waitForTimeout(1500);
  const after = await it.inspect();
  expect(after.State.Running).toBe(true);
  expect(after.State.Pid).toBeGreaterThan(0);

  // The containers list's row menu attaches too, and opens the Terminal tab on the new session.
  await page.evaluate(() => (window.location.hash = '#/containers'));
  await page.getByRole('searchbox', { name: 'Filter containers' }).fill(itName);
  const row = page.locator(`[data-testid="container-row"][data-container-name="${itName}"]`);
  await row.getByRole('button', { name: `More actions for ${itName}` }).click();
  await page.getByRole('menuitem', { name: 'Attach to main process' }).click();
  await expect(tab).toHaveCount(1);
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-session-phase', 'ready');
  await typeLine(page, 'echo again-$((6*7))');
  await expect.poll(() => screenText(page)).toMatch(/^again-42$/m);
});

test('a terminal whose container was removed offers no start; closing the last tab puts the panel away', async () => {
  const { name, c, page } = await terminalOfNew('removed', true);
  await expect(page.getByTestId('terminal')).toHaveAttribute('data-session-phase', 'ready');
  await page.evaluate(() => (window.location.hash = '#/settings'));
  await page.keyboard.press('Control+Backquote');
  const panel = page.getByTestId('terminal-panel');
  await expect(panel.getByTestId('terminal')).toHaveAttribute('data-session-phase', 'ready');

  await c.remove({ force: true });
  const notice = panel.getByTestId('terminal-notice');
  await expect(notice).toHaveAttribute('data-kind', 'container-gone');
  await expect(notice).toContainText(`${name} no longer exists`);
  await expect(panel.getByRole('button', { name: /reconnect|reopen/i })).toHaveCount(0);
  await page.screenshot({ path: 'docs/screenshots/terminal-container-gone.png' });

  await notice.getByRole('button', { name: 'Close tab' }).click();
  await expect(panel).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Show terminals' })).toHaveCount(0);
  // The page has the whole height back.
  const heights = await page.evaluate(() => ({ page: document.querySelector('.page')!.getBoundingClientRect().bottom, window: window.innerHeight }));
  expect(heights.window - heights.page).toBeLessThan(2);
});
