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
    // Search as you type: the view goes to a match without Enter (issue 20), then Enter goes on to the next one.
    await expect(app.page.getByTestId('log-hits')).toHaveText(/^\d+ \/ 10 matches$/);
    await expect(app.page.locator('[data-testid="log-line"] mark').first()).toBeVisible();
    const at = Number((await app.page.getByTestId('log-hits').innerText()).split(' / ')[0]);
    await search.press('Enter');
    await expect(app.page.getByTestId('log-hits')).toHaveText(`${(at % 10) + 1} / 10 matches`);
    // Jumping to a match stops the view from following; the status line says so (the stream itself is still live).
    await expect(app.page.getByTestId('log-status')).toHaveText(/^Live · view paused · \d+ lines$/);
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
  const status = app.page.getByTestId('log-status');
  await expect(status).toHaveText(/^Live · view paused · /);
  const jump = app.page.getByTestId('log-jump');
  await expect(jump).toHaveText(/\d+ new lines/);
  // Paused: what is on screen stays put while lines keep coming.
  const topLine = await lines().first().textContent();
  await expect(jump).toHaveText(/([3-9]\d|\d{3,}) new lines/);
  expect(await lines().first().textContent()).toBe(topLine);
  await jump.click();
  await expect(viewer).toHaveAttribute('data-following', 'true');
  await expect(jump).toBeHidden();
  await expect(status).toHaveText(/^Following · /);
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
  // The name column is as wide as the longest name ("web"), so each line's text starts right after it.
  const gap = await lines()
    .first()
    .evaluate((row) => {
      const src = row.querySelector('.log-src')!.getBoundingClientRect();
      const text = row.querySelector('.log-text')!.getBoundingClientRect();
      const ch = src.width / 3;
      return (text.left - src.left) / ch;
    });
  expect(gap).toBeLessThan(6);
  await app.page.screenshot({ path: 'docs/screenshots/logs-merged.png' });
  await app.page.getByTestId('log-source').filter({ hasText: 'db' }).click();
  await expect(lines()).toHaveText([/web: listening/, /web: GET/]);
});

test('a 1 MB line, binary bytes and invalid UTF-8 are drawn as bounded, visible text and the view keeps up', async () => {
  const token = Math.random().toString(36).slice(2, 10);
  // 1,000,000 characters on one line (the engine stores it as 16 KiB pieces), 4 KiB of random bytes, invalid UTF-8.
  const script = [
    "printf 'LONG-START-'; head -c 999980 /dev/zero | tr '\\0' x; echo '-LONG-END'",
    'head -c 4096 /dev/urandom',
    "printf '\\nbinary-done\\n'",
    "printf 'bad-utf8: \\377\\376 \\303\\050 \\355\\240\\200 end\\n'",
    'i=0; while [ $i -lt 200 ]; do i=$((i+1)); echo "filler $i"; done',
    `echo "AFTER-${token}"`,
    'sleep 3600',
  ].join('; ');
  const c = await logContainer(uniqueName('logsbad'), script);
  await app.start();
  await openLogs(c.id);
  const viewer = app.page.getByTestId('log-viewer');
  // The view kept up: the line printed after it all arrives.
  await expect(lines().filter({ hasText: `AFTER-${token}` })).toHaveCount(1);
  await expect(viewer).toHaveAttribute('data-following', 'true');

  // It still answers: a search filters the rows down to the long line and says what is cut.
  const search = app.page.getByRole('searchbox', { name: 'Search logs' });
  await search.fill('LONG-START');
  await expect(app.page.getByTestId('log-hits')).toHaveText(/^1 \/ 1 match$/);
  await app.page.getByRole('button', { name: 'Show only matching lines' }).click();
  await expect(lines()).toHaveCount(1);
  const long = lines().first();
  // One row with a bounded amount of text, not a megabyte of DOM.
  const drawn = await long.locator('.log-text').evaluate((el) => el.textContent!.length);
  expect(drawn).toBeLessThan(10_000);
  expect(drawn).toBeGreaterThan(1_000);
  await expect(long.getByTestId('log-line-more')).toHaveText(/more characters/);
  await expect(long.getByRole('button', { name: 'Copy the whole line' })).toBeVisible();
  await expect(long).not.toContainText('-LONG-END');
  const rowHeight = await long.evaluate((el) => el.getBoundingClientRect().height);
  expect(rowHeight).toBeLessThan(40);
  // "more" draws up to 100,000 characters, wrapped, in a box of its own that scrolls; "less" goes back to one row.
  await long.getByRole('button', { name: 'more', exact: true }).click();
  await expect(long.getByTestId('log-line-more')).toHaveText('… 900,000 more characters');
  const box = await long.locator('.log-text').evaluate((el) => ({ chars: el.textContent!.length, height: el.clientHeight, content: el.scrollHeight }));
  expect(box.chars).toBe(100_000);
  expect(box.height).toBeLessThan(300);
  expect(box.content).toBeGreaterThan(box.height);
  await app.page.screenshot({ path: 'docs/screenshots/logs-long-line.png' });
  await long.getByRole('button', { name: 'less', exact: true }).click();
  await expect(long.getByTestId('log-line-more')).toHaveText('… 998,000 more characters');

  // Invalid UTF-8 shows replacement characters; the line's own text is intact around them.
  await search.fill('bad-utf8');
  await expect(lines()).toHaveCount(1);
  await expect(lines().first()).toHaveText(/bad-utf8: \uFFFD+ \uFFFD\( \uFFFD+ end/);
  await app.page.getByRole('button', { name: 'Show only matching lines' }).click();
  await search.fill('');

  // Binary bytes: control bytes are drawn as control pictures (␀…␟), never raw, and each row stays one row high.
  const texts = await lines().allTextContents();
  // eslint-disable-next-line no-control-regex
  expect(texts.some((t) => /[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f]/.test(t))).toBe(false);
  await app.page.getByTestId('log-scroll').hover();
  // Scrolling works: up to the long line and the binary part after it (the view pauses), and it draws there.
  await expect
    .poll(async () => {
      await app.page.mouse.wheel(0, -400);
      const shown = await lines().allTextContents();
      return shown.some((t) => t.startsWith('LONG-START')) && shown.some((t) => t.includes('binary-done'));
    })
    .toBe(true);
  await expect(viewer).toHaveAttribute('data-following', 'false');
  await expect(app.page.getByTestId('log-status')).toHaveText(/^Live · view paused/);
  const binaryRows = lines().filter({ hasText: /[\u2400-\u2421\uFFFD]/ });
  expect(await binaryRows.count()).toBeGreaterThan(0);
  for (const h of await binaryRows.evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height))) expect(h).toBeLessThan(40);
  await app.page.screenshot({ path: 'docs/screenshots/logs-bad-input.png' });
  await app.page.getByTestId('log-jump').click();
  await expect(lines().filter({ hasText: `AFTER-${token}` })).toHaveCount(1);
});

test('the log view by keyboard alone: / searches, n and N step through matches, f stops and resumes following, G goes to the end', async () => {
  const name = uniqueName('logkeys');
  const c = await logContainer(name, SCRIPT);
  await app.start();
  const page = app.page;
  await openLogs(c.id);
  await expect(lines().filter({ hasText: 'the-marker-line-42' })).toHaveCount(1);
  const hits = page.getByTestId('log-hits');
  const jump = page.getByTestId('log-jump');

  // `/` is the log's search here (not the page's filter); typed at full speed.
  await page.keyboard.press('/');
  const search = page.getByRole('searchbox', { name: 'Search logs' });
  await expect(search).toBeFocused();
  await page.keyboard.type('GET /api/items/1', { delay: 0 });
  // "items/1" and "items/10".."items/19": eleven matches, the view on one of them.
  await expect(hits).toHaveText(/^\d+ \/ 11 matches$/);
  const at = Number((await hits.innerText()).split(' / ')[0]);
  // Out of the field (n and N would type there): Tab goes on to the search's toggles.
  await page.keyboard.press('Tab');
  await expect(search).not.toBeFocused();
  await page.keyboard.press('n');
  await expect(hits).toHaveText(`${(at % 11) + 1} / 11 matches`);
  await page.keyboard.press('n');
  await expect(hits).toHaveText(`${((at + 1) % 11) + 1} / 11 matches`);
  await page.keyboard.press('Shift+N');
  await expect(hits).toHaveText(`${(at % 11) + 1} / 11 matches`);
  await expect(page.locator('[data-testid="log-line"] mark').first()).toBeVisible();
  await expect(search).toHaveValue('GET /api/items/1'); // the keys did not type into the search

  // Going to a match stopped following; G goes to the end and follows again.
  await expect(jump).toBeVisible();
  await page.keyboard.press('Shift+G');
  await expect(jump).toBeHidden();
  // f: stop following (the view stays; the "jump to the end" button is offered), f again: follow.
  await page.keyboard.press('f');
  await expect(jump).toBeVisible();
  await page.keyboard.press('f');
  await expect(jump).toBeHidden();
  await expect(lines().filter({ hasText: 'payment failed' })).toBeVisible();
  await expect
    .poll(() => page.getByTestId('log-scroll').evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop))
    .toBeLessThan(2);
});
