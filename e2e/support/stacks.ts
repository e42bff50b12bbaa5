import { expect, type Page } from '@playwright/test';
import path from 'node:path';
import { composeProjectName } from '../../main/test-support/engine';
import { tempPath } from '../../main/test-support/temp';

/**
 * Where a stack spec's files go: a temp folder `tmp` (not made yet: make it in beforeAll, remove it in afterAll)
 * holding the compose project folder `dir` (named `project`, this run's own) with its `file`, and the settings
 * folder that `env` points Berth at.
 */
export function stackPaths(tmpPrefix: string, projectPrefix: string) {
  const tmp = tempPath(tmpPrefix);
  const project = composeProjectName(projectPrefix);
  const dir = path.join(tmp, project);
  return { tmp, project, dir, file: path.join(dir, 'compose.yaml'), env: { ...process.env, BERTH_CONFIG_DIR: path.join(tmp, 'config') } };
}

/**
 * Opens a compose file or folder the way a user does: Stacks, "Open…", type the path, Open. Resolves when the stack
 * view shows it.
 */
export async function openStackAt(page: Page, fileOrFolder: string): Promise<void> {
  await page.evaluate(() => (window.location.hash = '#/stacks'));
  await page.getByRole('button', { name: 'Open…' }).click();
  await page.getByLabel('Compose file or folder').fill(fileOrFolder);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByTestId('stack-view')).toBeVisible();
}
