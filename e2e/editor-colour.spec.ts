import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE_IMAGE, RUN_ID } from '../main/test-support/engine';
import { tempPath } from '../main/test-support/temp';
import { useApp } from './support/use-app';
import { openStackAt } from './support/stacks';

/**
 * The compose editor colours YAML (comments, keys, values each their own colour) in both themes, every time it is
 * opened: the colouring used to be missing at random when the grammar arrived after the first tokenization. Each
 * round is a fresh page load (Monaco and the YAML grammar load again). Nothing is run in the engine.
 */
const app = useApp();
const tmp = tempPath('berth-e2e-colour-');
const dir = path.join(tmp, 'colour');
const env = { ...process.env, BERTH_CONFIG_DIR: path.join(tmp, 'config') };

const COMPOSE = `# a comment line
services:
  web:
    image: ${FIXTURE_IMAGE}
    labels:
      berth.test: "${RUN_ID}"
`;

test.beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
});
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The computed colours of the first line's comment, the `services` key and the quoted value. */
async function colours(page: Page): Promise<{ comment: string; key: string; value: string }> {
  return page.locator('.stack-tab-body .monaco-editor .view-lines').evaluate((root, runId) => {
    const spans = [...root.querySelectorAll<HTMLSpanElement>('.view-line span span')];
    const colourOf = (pred: (t: string) => boolean) => {
      const s = spans.find((el) => pred((el.textContent ?? '').replace(/\u00a0/g, ' ')));
      return s ? getComputedStyle(s).color : 'missing';
    };
    return {
      comment: colourOf((t) => t.includes('a comment line')),
      key: colourOf((t) => t.trim() === 'services'),
      value: colourOf((t) => t.includes(runId)),
    };
  }, RUN_ID);
}

for (const theme of ['light', 'dark'] as const) {
  test(`the compose editor colours YAML in the ${theme} theme on every load`, async () => {
    test.setTimeout(150_000);
    const { page } = await app.start(env, { colorScheme: theme });
    await openStackAt(page, dir);
    for (let round = 0; round < 4; round += 1) {
      if (round > 0) {
        await page.reload();
        await expect(page.getByTestId('stack-view')).toBeVisible();
      }
      await expect(page.locator('.stack-tab-body .monaco-editor .view-lines')).toContainText('services');
      await expect
        .poll(async () => {
          const c = await colours(page);
          return new Set([c.comment, c.key, c.value]).size === 3 && !Object.values(c).includes('missing');
        }, { message: `round ${round}: comment, key and value each have their own colour`, timeout: 10_000 })
        .toBe(true);
    }
    await page.screenshot({ path: `docs/screenshots/compose-editor-${theme}.png` });
  });
}
