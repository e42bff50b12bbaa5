import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { composeProjectName, createTestContainer, FIXTURE_IMAGE, RUN_ID, testDocker, uniqueName } from '../main/test-support/engine';
import { tempPath } from '../main/test-support/temp';
import { useApp } from './support/use-app';

/**
 * The command palette, driven by the keyboard alone (no mouse event is sent): Ctrl+K (Berth runs on Linux here; ⌘K
 * on macOS), type part of a name, pick the container, press its action key. What the engine says afterwards is the
 * test, not what the page claims.
 */
const docker = testDocker();
const app = useApp({ docker });

const palette = (page: Page) => page.getByTestId('command-palette');
const combobox = (page: Page) => palette(page).getByRole('combobox');
/** A container's option on the local engine (the test world's other engines may be contexts of the same daemon). */
const localOption = (page: Page, name: string) => palette(page).locator('[role="option"][data-engine="local"]').filter({ hasText: name });
const row = (page: Page, name: string) => page.locator(`[data-testid="container-row"][data-container-name="${name}"]`);

/** Waits for the containers list; screenshots are taken at 1280×800 like the other specs' layout shots. */
async function waitForList(page: Page) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(page.getByTestId('container-count')).toBeVisible({ timeout: 20_000 });
}

/** Ctrl+K, then types `text`; resolves once the results for it are drawn. */
async function search(page: Page, text: string) {
  await page.keyboard.press('Control+k');
  await expect(combobox(page)).toBeFocused();
  await page.keyboard.type(text);
  await expect(palette(page).getByRole('listbox')).toHaveAttribute('data-query', text);
}

/** A fresh running container of this run, and the app started (with `startArgs`) once the list has loaded. */
async function startWithNew(prefix: string, ...startArgs: Parameters<typeof app.start>) {
  const name = uniqueName(prefix);
  const c = await createTestContainer(docker, { name, start: true });
  await app.start(...startArgs);
  const { page } = app;
  await waitForList(page);
  return { name, c, page };
}

test('Ctrl+K, part of a name, Enter, s: the container is stopped, and the palette shows it stopped', async () => {
  const { name, c, page } = await startWithNew('palette-stop');

  // The run-unique part of the name (the prefix is shared with other containers).
  const part = name.slice(-8);
  await search(page, part);
  const option = localOption(page, name);
  await expect(option).toHaveAttribute('data-state', 'running');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  await expect(palette(page).getByRole('status')).toHaveText(/^\d+ results?/);
  await page.screenshot({ path: 'docs/screenshots/palette-light.png' });

  await page.keyboard.press('Enter');
  const actions = palette(page).getByRole('listbox', { name: `Actions for ${name}` });
  await expect(actions).toBeVisible();
  await expect(actions.getByRole('option', { name: /^Stop/ })).toContainText('s');
  await expect(actions.getByRole('option', { name: /^Remove…/ })).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/palette-actions-light.png' });

  await page.keyboard.press('s');
  await expect(palette(page)).toBeHidden();
  await expect.poll(async () => (await c.inspect()).State.Running, { timeout: 20_000 }).toBe(false);

  // The list says so too (found with `/` and the filter, still without the mouse)…
  await page.keyboard.press('/');
  await expect(page.getByRole('searchbox', { name: 'Filter containers' })).toBeFocused();
  await page.keyboard.type(name);
  await expect(row(page, name)).toHaveAttribute('data-state', 'exited');
  await page.keyboard.press('Escape');

  // …and so does the palette: its entries come from the same live store.
  await page.keyboard.press('Tab'); // off the filter, where Ctrl+K must still work but typing is the filter's
  await search(page, part);
  await expect(localOption(page, name)).toHaveAttribute('data-state', 'exited');
  await page.keyboard.press('Escape');
  await expect(palette(page)).toBeHidden();

  // Recent first: with nothing typed, the container just acted on heads the list.
  await page.keyboard.press('Control+k');
  await expect(palette(page).getByRole('option').first()).toContainText(name);
  await page.keyboard.press('Escape');
});

/** Presses ArrowDown until `option` is the selected one (at most `max` times). */
async function arrowTo(page: Page, option: ReturnType<Page['locator']>, max = 12) {
  for (let i = 0; i < max && (await option.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
}

test('a stack from the palette: its compose actions, and Stop stops its services (keyboard only)', async () => {
  const tmp = tempPath('berth-e2e-palette-stack-');
  const project = composeProjectName('berthpal');
  const file = path.join(tmp, project, 'compose.yaml');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `services:\n  web:\n    image: ${FIXTURE_IMAGE}\n    init: true\n    command: sleep 3600\n    labels: { berth.test: "${RUN_ID}" }\n`);
  const compose = (...args: string[]) => execFileSync('docker', ['compose', '-p', project, '-f', file, ...args], { stdio: 'ignore' });
  const running = async () => (await docker.listContainers({ filters: { label: [`com.docker.compose.project=${project}`] } })).length;
  compose('up', '-d');
  try {
    expect(await running()).toBe(1);
    await app.start();
    const { page } = app;
    await waitForList(page);

    await search(page, project);
    const stack = palette(page).locator('[role="option"][data-kind="stack"][data-engine="local"]').filter({ hasText: project });
    await arrowTo(page, stack);
    await page.keyboard.press('Enter');
    const actions = palette(page).getByRole('listbox', { name: /^Actions for / });
    for (const label of [/^Open the stack/, /^Up \(apply the saved file\)/, /^Restart/, /^Stop/, /^Pull its images/, /^Down…/]) await expect(actions.getByRole('option', { name: label })).toBeVisible();
    await page.screenshot({ path: 'docs/screenshots/palette-stack-actions-light.png' });

    await arrowTo(page, actions.getByRole('option', { name: /^Stop/ }));
    await page.keyboard.press('Enter');
    await expect(palette(page)).toBeHidden();
    await expect(page.getByTestId('toast').filter({ hasText: `${project}: stop done` })).toBeVisible({ timeout: 60_000 });
    expect(await running()).toBe(0);
  } finally {
    try {
      compose('down', '-v');
    } catch {
      // removed by the app's cleanup below
    }
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('Remove from the palette shows the same plan and confirmation; Escape keeps the container', async () => {
  const { name, c, page } = await startWithNew('palette-rm');

  await search(page, name.slice(-8));
  await expect(localOption(page, name)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(palette(page).getByRole('listbox', { name: `Actions for ${name}` })).toBeVisible();
  await page.keyboard.press('Delete');
  const confirm = page.getByRole('dialog', { name: `Remove ${name}?` });
  await expect(confirm).toBeVisible();
  await expect(confirm).toContainText('Will be deleted');
  await expect(confirm.getByRole('button', { name: 'Remove container' })).toBeEnabled();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  expect((await c.inspect()).State.Running).toBe(true);

  // F1 opens it too; Backspace from an object's actions goes back to the results, Escape closes.
  await page.keyboard.press('F1');
  await expect(combobox(page)).toBeFocused();
  await page.keyboard.type(name.slice(-8));
  await page.keyboard.press('Enter');
  await expect(palette(page).getByRole('listbox', { name: `Actions for ${name}` })).toBeVisible();
  await page.keyboard.press('Backspace');
  await expect(palette(page).getByRole('listbox', { name: 'Results' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(palette(page)).toBeHidden();
});

test('commands: "theme" finds Toggle theme, Enter runs it; the palette in the dark theme', async () => {
  const { name, page } = await startWithNew('palette-dark', process.env, { colorScheme: 'light' });
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
  expect(await theme()).toBe('light');

  await search(page, 'toggle th');
  await expect(palette(page).getByRole('option').first()).toContainText('Toggle theme');
  await page.keyboard.press('Enter');
  await expect(palette(page)).toBeHidden();
  await expect.poll(theme).toBe('dark');

  await search(page, name.slice(-8));
  await expect(localOption(page, name)).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/palette-dark.png' });
  await page.keyboard.press('Escape');

  // With nothing typed: recent items, then the commands with their keys.
  await page.keyboard.press('Control+k');
  await expect(palette(page).getByRole('option').filter({ hasText: 'Go to Images' })).toContainText('then');
  await page.screenshot({ path: 'docs/screenshots/palette-commands-dark.png' });
  await page.keyboard.press('Escape');

  // Back to light for whoever runs next in this browser profile (the preference is stored).
  await search(page, 'toggle th');
  await page.keyboard.press('Enter');
  await expect.poll(theme).toBe('light');
});
