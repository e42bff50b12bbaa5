import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createTestContainer, FIXTURE_IMAGE, removeTestObjects, RUN_ID, testDocker, testLabels, uniqueName } from '../main/test-support/engine';
import { tempPath } from '../main/test-support/temp';
import { useApp } from './support/use-app';

/**
 * Shortcuts from the keymap, keyboard only (no mouse event is sent): `g` then a page's letter, `/` for the page's
 * filter, j/k/Space/Enter and a row's action keys in the lists, `?` for the page's keys — and none of them while the
 * terminal or the compose editor has focus.
 */
const docker = testDocker();
const app = useApp({ docker });
const tmp = tempPath('berth-e2e-shortcuts-');
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const hash = (page: Page) => page.evaluate(() => window.location.hash);
const row = (page: Page, name: string) => page.locator(`[data-testid="container-row"][data-container-name="${name}"]`);

async function ready(page: Page) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByTestId('container-count')).toBeVisible({ timeout: 20_000 });
}

test('g i goes to Images, / filters, Enter goes to the list and Enter opens the image', async () => {
  await createTestContainer(docker, { name: uniqueName('keys-images') }); // the containers page then has a list
  await app.start();
  const { page } = app;
  await ready(page);

  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(page.getByRole('heading', { name: 'Images', level: 1 })).toBeVisible();
  expect(await hash(page)).toMatch(/\/images$/);

  await page.keyboard.press('/');
  const filter = page.getByRole('searchbox', { name: 'Filter images' });
  await expect(filter).toBeFocused();
  await page.keyboard.type(FIXTURE_IMAGE);
  // The fixture's row, by any of its tags: it is named by its first, and another test may have tagged it too.
  await expect(page.locator(`[data-testid="image-row"][data-tags~="${FIXTURE_IMAGE}"]`).first()).toBeVisible();

  await page.keyboard.press('Enter');
  const grid = page.getByRole('grid', { name: 'Images' });
  await expect(grid).toBeFocused();
  const selected = grid.locator('[role="row"][aria-selected="true"]');
  await expect(selected).toHaveAttribute('data-tags', new RegExp(`(^| )${FIXTURE_IMAGE.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}( |$)`));
  const shownAs = await selected.getAttribute('data-image-name');
  await page.keyboard.press('Enter');
  const layers = page.getByRole('dialog', { name: `Layers of ${shownAs}` });
  await expect(layers).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(layers).toBeHidden();

  // g then c back; a key that breaks a sequence does nothing (g then z).
  await page.keyboard.press('g');
  await page.keyboard.press('z');
  expect(await hash(page)).toMatch(/\/images$/);
  await page.keyboard.press('g');
  await page.keyboard.press('c');
  await expect(page.getByRole('heading', { name: 'Containers', level: 1 })).toBeVisible();
});

test('j/k move in the containers list, Space ticks a row for bulk, s stops the selected one', async () => {
  const prefix = uniqueName('keys');
  const names = [`${prefix}-a`, `${prefix}-b`];
  const [, second] = await Promise.all(names.map((name) => createTestContainer(docker, { name, start: true })));
  await app.start();
  const { page } = app;
  await ready(page);

  await page.keyboard.press('/');
  await page.keyboard.type(prefix);
  await expect(row(page, names[1]!)).toBeVisible();
  await page.keyboard.press('Enter'); // from the filter to the list, on its first row
  const grid = page.getByRole('grid', { name: 'Containers' });
  await expect(grid).toBeFocused();
  // Rows are sorted by name; the first row of the list is the project group ("Not in a compose project").
  await page.keyboard.press('j');
  await expect(row(page, names[0]!)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');
  await expect(row(page, names[1]!)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('k');
  await expect(row(page, names[0]!)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('j');

  await page.keyboard.press(' ');
  await expect(row(page, names[1]!).getByRole('checkbox')).toBeChecked();
  await expect(page.getByTestId('bulk-bar')).toContainText('1 selected');
  await page.keyboard.press(' ');
  await expect(row(page, names[1]!).getByRole('checkbox')).not.toBeChecked();

  // The row's tooltip says the key it answers to.
  await expect(row(page, names[1]!).getByRole('button', { name: `Stop ${names[1]}` })).toHaveAttribute('title', 'Stop (s)');
  await page.keyboard.press('s');
  await expect(row(page, names[1]!)).toHaveAttribute('data-state', 'exited', { timeout: 20_000 });
  expect((await second!.inspect()).State.Running).toBe(false);
  expect((await docker.getContainer(names[0]!).inspect()).State.Running).toBe(true);
});

/** `g` then a page's letter, `/`, the filter text, then Enter: focus goes from the filter to the page's list. */
async function toList(page: Page, go: string, heading: string, filterText: string, list: string, firstRow: string) {
  for (const key of go.split(' ')) await page.keyboard.press(key);
  await expect(page.getByRole('heading', { name: heading, level: 1 })).toBeVisible();
  await page.keyboard.press('/');
  await page.keyboard.type(filterText, { delay: 0 });
  await expect(page.locator(firstRow).first()).toBeVisible({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  const grid = page.getByRole('grid', { name: list });
  await expect(grid).toBeFocused();
  return grid;
}

const cursorRow = (grid: ReturnType<Page['getByRole']>) => grid.locator('[role="row"][aria-selected="true"]');

/** Opens the `?` sheet, checks it lists these shortcuts of the keymap, closes it. */
async function sheetLists(page: Page, ids: string[], absent: string[] = []) {
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const id of ids) await expect(sheet.locator(`[data-shortcut="${id}"]`)).toBeVisible();
  for (const id of absent) await expect(sheet.locator(`[data-shortcut="${id}"]`)).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
}

test('j/k move in the Volumes, Networks, Stacks and Events lists, Enter opens, row keys act; ? lists each page\'s keys', async () => {
  const prefix = uniqueName('keys-lists');
  const names = [`${prefix}-a`, `${prefix}-b`];
  for (const name of names) await docker.createVolume({ Name: name, Labels: testLabels() });
  for (const name of names) await docker.createNetwork({ Name: name, Labels: testLabels() });
  await createTestContainer(docker, { name: `${prefix}-web`, labels: { 'com.docker.compose.project': prefix, 'com.docker.compose.service': 'web' } });
  try {
    await app.start();
    const { page } = app;
    await ready(page);

    // Volumes: sorted by name; Enter browses the keyboard's row.
    const volume = (name: string) => `[data-testid="volume-row"][data-volume-name="${name}"]`;
    let grid = await toList(page, 'g v', 'Volumes', prefix, 'Volumes', volume(names[0]!));
    await expect(cursorRow(grid)).toHaveAttribute('data-volume-name', names[0]!);
    await page.keyboard.press('j');
    await expect(cursorRow(grid)).toHaveAttribute('data-volume-name', names[1]!);
    await page.keyboard.press('k');
    await expect(cursorRow(grid)).toHaveAttribute('data-volume-name', names[0]!);
    await page.keyboard.press('ArrowDown');
    await expect(cursorRow(grid)).toHaveAttribute('data-volume-name', names[1]!);
    await sheetLists(page, ['list.down', 'list.up', 'volume.browse', 'volume.backup', 'volume.remove'], ['image.layers', 'container.startStop']);
    await page.keyboard.press('Enter'); // the list's keys act wherever focus is, outside fields
    await expect(page.getByRole('complementary', { name: `Files of ${names[1]}` })).toBeVisible();

    // Networks: x asks to remove the keyboard's row.
    const network = (name: string) => `[data-testid="network-row"][data-network-name="${name}"]`;
    grid = await toList(page, 'g n', 'Networks', prefix, 'Networks', network(names[0]!));
    await expect(cursorRow(grid)).toHaveAttribute('data-network-name', names[0]!);
    await page.keyboard.press('j');
    await expect(cursorRow(grid)).toHaveAttribute('data-network-name', names[1]!);
    await page.keyboard.press('k');
    await expect(cursorRow(grid)).toHaveAttribute('data-network-name', names[0]!);
    await sheetLists(page, ['list.down', 'network.connect', 'network.remove'], ['volume.browse']);
    await page.keyboard.press('x');
    await expect(page.getByRole('alertdialog', { name: `Remove network ${names[0]}?` }).or(page.getByRole('dialog', { name: `Remove network ${names[0]}?` }))).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // Stacks: Enter opens the stack.
    grid = await toList(page, 'g s', 'Stacks', prefix, 'Stacks', `[data-testid="stack-row"][data-stack-name="${prefix}"]`);
    await expect(cursorRow(grid)).toHaveAttribute('data-stack-name', prefix);
    await sheetLists(page, ['list.down', 'list.open']);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('stack-view')).toBeVisible({ timeout: 20_000 });
    expect(await hash(page)).toContain('/stacks/');

    // Events: the newest first; j and k move between them.
    grid = await toList(page, 'g e', 'Events', prefix, 'Engine events', '[data-testid="event-row"]');
    await expect(page.locator('[data-testid="event-row"]').nth(1)).toBeVisible();
    const first = await cursorRow(grid).getAttribute('id');
    expect(first).toBeTruthy();
    await page.keyboard.press('j');
    await expect(cursorRow(grid)).not.toHaveAttribute('id', first!);
    await page.keyboard.press('k');
    await expect(cursorRow(grid)).toHaveAttribute('id', first!);
    await page.keyboard.press('End');
    await expect(cursorRow(grid)).toHaveAttribute('id', await page.locator('[data-testid="event-row"]').last().getAttribute('id') ?? '');
  } finally {
    await Promise.all(names.map((n) => docker.getNetwork(n).remove().catch(() => undefined)));
    await removeTestObjects(docker);
    await Promise.all(names.map((n) => docker.getVolume(n).remove().catch(() => undefined)));
  }
});

test('? lists the keys of the page on screen (light and dark)', async () => {
  test.setTimeout(120_000); // two app starts: 60 s ran out on a loaded machine
  await createTestContainer(docker, { name: uniqueName('keys-sheet'), start: true });
  await app.start(process.env, { colorScheme: 'light' });
  const { page } = app;
  await ready(page);

  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  for (const label of ['Command palette', 'Next row', 'Select the row for a bulk action (or fold a group)', 'Start or stop', 'Remove…']) {
    await expect(sheet.getByText(label, { exact: true })).toBeVisible();
  }
  await expect(sheet.locator('[data-shortcut="palette.open"]')).toContainText('Ctrl');
  await expect(sheet.locator('[data-shortcut="palette.open"]')).toContainText('F1');
  // The Images list's keys are not the Containers page's.
  await expect(sheet.locator('[data-shortcut="image.layers"]')).toHaveCount(0);
  await page.screenshot({ path: 'docs/screenshots/shortcuts-light.png' });
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect(page.getByRole('heading', { name: 'Images', level: 1 })).toBeVisible();
  await expect(page.getByRole('grid', { name: 'Images' })).toBeVisible();
  await page.keyboard.press('j'); // the list takes the focus
  await expect(page.getByRole('grid', { name: 'Images' })).toBeFocused();
  await page.keyboard.press('?');
  await expect(sheet.locator('[data-shortcut="image.layers"]')).toBeVisible();
  await expect(sheet.locator('[data-shortcut="container.startStop"]')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  // Closed, the sheet hands the focus back to the list it was opened from.
  await expect(page.getByRole('grid', { name: 'Images' })).toBeFocused();
  await app.close();

  await app.start(process.env, { colorScheme: 'dark' });
  await ready(app.page);
  await app.page.keyboard.press('?');
  await expect(app.page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await app.page.screenshot({ path: 'docs/screenshots/shortcuts-dark.png' });
});

test('typing in the terminal and in the compose editor never fires a Berth shortcut', async () => {
  const name = uniqueName('keys-term');
  await createTestContainer(docker, { name, start: true });
  await app.start();
  const { page } = app;
  await ready(page);

  // To the terminal with the palette: the container, then its `t` action.
  await page.keyboard.press('Control+k');
  await page.keyboard.type(name.slice(-8));
  await expect(page.getByTestId('command-palette').locator('[role="option"][data-engine="local"]').first()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await page.keyboard.press('t');
  const term = page.getByTestId('terminal');
  await expect(term).toHaveAttribute('data-session-phase', 'ready', { timeout: 20_000 });
  await expect(page.locator('.term-view .xterm-helper-textarea')).toBeFocused();
  const before = await hash(page);
  await page.keyboard.type('echo g i ? / j k s');
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  await expect.poll(() => page.locator('.term-view .xterm-rows').innerText()).toContain('echo g i ? / j k sgi');
  // Ctrl+K and F1 are the shell's here (kill to end of line, an escape sequence): no palette opens.
  await page.keyboard.press('Control+k');
  await page.keyboard.press('F1');
  await page.keyboard.press('?');
  await expect.poll(() => page.locator('.term-view .xterm-rows').innerText()).toContain('sgi');
  await page.waitForTimeout(300); // a palette or sheet would have opened by now
  await expect(page.getByTestId('command-palette')).toHaveCount(0);
  expect(await hash(page)).toBe(before);
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // The compose editor, opened with the palette's "Open stack…".
  const dir = path.join(tmp, 'stack');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'compose.yaml');
  writeFileSync(file, `services:\n  web:\n    image: ${FIXTURE_IMAGE}\n    labels:\n      berth.test: "${RUN_ID}"\n`);
  await page.keyboard.press('Escape');
  await page.locator('.term-view .xterm-helper-textarea').blur();
  await page.keyboard.press('Control+k');
  await page.keyboard.type('open stack');
  await expect(page.getByTestId('command-palette').getByRole('option').first()).toContainText('Open stack…');
  await page.keyboard.press('Enter');
  const openDialog = page.getByRole('dialog', { name: 'Open a compose file' });
  await expect(openDialog).toBeVisible();
  // The Stacks page's own dialog: its field and button are reached as Tab would reach them (focus, not a click).
  await openDialog.getByLabel('Compose file or folder').focus();
  await page.keyboard.type(file);
  await openDialog.getByRole('button', { name: 'Open', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('stack-view')).toBeVisible({ timeout: 20_000 });
  const editor = page.locator('.stack-tab-body .monaco-editor');
  await expect(editor).toBeVisible();
  // Focus as Tab would land there (a programmatic focus, not a click).
  await editor.locator('textarea, .native-edit-context').first().focus();
  const inEditor = await hash(page);
  await page.keyboard.press('Control+End');
  await page.keyboard.type('# g i ? / j k');
  await page.keyboard.press('g');
  await page.keyboard.press('s');
  await expect(editor.locator('.view-lines')).toContainText('# g i ? / j kgs');
  expect(await hash(page)).toBe(inEditor);
  await expect(page.getByTestId('shortcut-sheet')).toHaveCount(0);
  await expect(page.getByTestId('command-palette')).toHaveCount(0);
});
