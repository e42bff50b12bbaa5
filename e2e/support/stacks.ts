import { expect, type Page } from '@playwright/test';

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
