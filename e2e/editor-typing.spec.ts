import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE_IMAGE, RUN_ID } from '../main/test-support/engine';
import { tempPath } from '../main/test-support/temp';
import { useApp } from './support/use-app';
import { openStackAt } from './support/stacks';

/**
 * Typing at full speed (no delay between keys) into the compose file, the .env and a Dockerfile: every key lands in
 * order, the file on disk holds exactly what was typed, and Ctrl+Z walks back through the typing. Nothing is run in
 * the engine: only the files are edited.
 */
const app = useApp();
const tmp = tempPath('berth-e2e-typing-');
const dir = path.join(tmp, 'typing');
const composePath = path.join(dir, 'compose.yaml');
const envPath = path.join(dir, '.env');
const dockerfilePath = path.join(dir, 'web', 'Dockerfile');
const env = { ...process.env, BERTH_CONFIG_DIR: path.join(tmp, 'config') };

const COMPOSE = `services:
  web:
    build: ./web
    image: ${FIXTURE_IMAGE}
    labels:
      berth.test: "${RUN_ID}"
`;
const ENV = 'GREETING=hello\n';
const DOCKERFILE = `FROM ${FIXTURE_IMAGE}\n`;

/** 200 characters a fast typist produces, none of which an editor completes or pairs (no quotes or brackets). */
const TYPED = `# ${'the quick brown fox jumps over 13 lazy dogs then 42 more '.repeat(4)}`.slice(0, 200);

test.beforeAll(() => {
  mkdirSync(path.dirname(dockerfilePath), { recursive: true });
  writeFileSync(composePath, COMPOSE);
  writeFileSync(envPath, ENV);
  writeFileSync(dockerfilePath, DOCKERFILE);
});

test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const editor = (page: Page) => page.locator('.stack-tab-body .monaco-editor');
const saveButton = (page: Page) => page.getByTestId('stack-view').getByRole('button', { name: 'Save', exact: true });

async function save(page: Page, name: string) {
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('toast').filter({ hasText: `Saved ${name}` }).last()).toBeVisible();
  await expect(saveButton(page)).toBeDisabled();
}

/** Types TYPED at the end of the open file with no delay, saves, then checks what is on disk and that undo walks back. */
async function typeSaveAndUndo(page: Page, file: string, original: string) {
  const name = path.basename(file);
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(TYPED, { delay: 0 });
  await expect(saveButton(page)).toBeEnabled();
  await save(page, name);
  expect(readFileSync(file, 'utf8')).toBe(original + TYPED);

  // One Ctrl+Z takes back part of the typing, not all of it and not nothing.
  await page.keyboard.press('Control+z');
  await save(page, name);
  const partly = readFileSync(file, 'utf8');
  expect(partly.length).toBeLessThan((original + TYPED).length);
  expect(partly.length).toBeGreaterThanOrEqual(original.length);
  expect(original + TYPED).toContain(partly);

  // Enough Ctrl+Z (undo stops are per word at most) takes the file back to what it was before the typing, not past it.
  for (let i = 0; i < 60; i += 1) await page.keyboard.press('Control+z');
  await save(page, name);
  expect(readFileSync(file, 'utf8')).toBe(original);
}

test('typing at full speed into the compose file, .env and a Dockerfile loses nothing, and undo walks it back', async () => {
  // Three editors, each typed into, saved three times and undone key by key: slow on a busy 2-core machine.
  test.setTimeout(180_000);
  await app.start(env, { colorScheme: 'light' });
  const page = app.page;
  await openStackAt(page, dir);
  await expect(editor(page)).toBeVisible();

  await typeSaveAndUndo(page, composePath, COMPOSE);

  await page.getByRole('tab', { name: '.env' }).click();
  await expect(editor(page)).toBeVisible();
  await typeSaveAndUndo(page, envPath, ENV);

  await page.getByRole('tab', { name: /web: Dockerfile/ }).click();
  await expect(editor(page)).toBeVisible();
  await typeSaveAndUndo(page, dockerfilePath, DOCKERFILE);
});

/**
 * Keys typed and Ctrl+S pressed in one task of the page, with no render in between: what a busy page does to a fast
 * typist. The save must carry every key. (A save that read the text React had last rendered wrote the file without
 * them and left the tab dirty; CI caught it once under load, this makes it certain.) The keys go in as the browser's
 * own text input events (Chromium's EditContext `textupdate`, which Monaco listens to; or a textarea's input events)
 * so the editor handles them as typing.
 */
async function typeAndSaveInOneTask(page: Page, keys: string) {
  await page.evaluate((text) => {
    const target = document.activeElement as (HTMLElement & { editContext?: EventTarget & { selectionStart: number; selectionEnd: number } }) | null;
    if (!target) throw new Error('the editor does not have the focus');
    const ec = target.editContext;
    // The caret as the editor will see it after each key: the edit context itself is brought up to date only later.
    let at = ec?.selectionStart ?? 0;
    for (const ch of text) {
      if (ec) {
        const Update = (window as unknown as { TextUpdateEvent: new (type: string, init: object) => Event }).TextUpdateEvent;
        ec.dispatchEvent(new Update('textupdate', { text: ch, updateRangeStart: at, updateRangeEnd: at, selectionStart: at + 1, selectionEnd: at + 1 }));
        at += 1;
      } else if (target instanceof HTMLTextAreaElement) {
        document.execCommand('insertText', false, ch);
      } else {
        throw new Error(`the focused element (${target.tagName}) takes no text input`);
      }
    }
    target.dispatchEvent(new KeyboardEvent('keydown', { key: 's', code: 'KeyS', ctrlKey: true, bubbles: true, cancelable: true }));
  }, keys);
}

test('a save in the same moment as the last keystrokes saves them too (compose file and Dockerfile)', async () => {
  test.setTimeout(120_000);
  writeFileSync(composePath, COMPOSE);
  writeFileSync(dockerfilePath, DOCKERFILE);
  await app.start(env, { colorScheme: 'dark' });
  const page = app.page;
  await openStackAt(page, dir);
  await expect(editor(page)).toBeVisible();

  for (const [tab, file, original] of [
    [null, composePath, COMPOSE],
    [/web: Dockerfile/, dockerfilePath, DOCKERFILE],
  ] as const) {
    if (tab) await page.getByRole('tab', { name: tab }).click();
    await expect(editor(page)).toBeVisible();
    await editor(page).click();
    await page.keyboard.press('Control+End');
    await typeAndSaveInOneTask(page, '# saved with the keys');
    await expect(page.getByTestId('toast').filter({ hasText: `Saved ${path.basename(file)}` }).last()).toBeVisible();
    await expect.poll(() => readFileSync(file, 'utf8')).toBe(`${original}# saved with the keys`);
    await expect(saveButton(page)).toBeDisabled();
  }
});
