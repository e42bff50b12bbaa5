import { expect, type Locator } from '@playwright/test';

/** 60 names `<prefix>-x-NN` and 30 `<prefix>-y-NN`: more than a screen holds, both before and after "-x" is typed. */
export function scrolledNames(prefix: string): string[] {
  const named = (group: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${group}-${String(i).padStart(2, '0')}`);
  return [...named('x', 60), ...named('y', 30)];
}

/**
 * A list of `scrolledNames(prefix)`, filtered to `prefix` and scrolled to its end: typing "-x" at full speed shows the
 * first matches (the list back at its top); scrolled to the end again, "-" (the same 60 still match) leaves the view
 * where the user scrolled it.
 */
export async function expectFilterScroll(filter: Locator, grid: Locator, row: (name: string) => Locator, prefix: string): Promise<void> {
  await filter.fill(prefix);
  await expect(row(`${prefix}-x-00`)).toBeVisible();
  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(row(`${prefix}-y-29`)).toBeVisible();
  await filter.press('End');
  await filter.pressSequentially('-x', { delay: 0 });
  await expect(row(`${prefix}-y-29`)).toHaveCount(0);
  expect(await grid.evaluate((el) => el.scrollTop), 'a filter that changed the matches starts at the top').toBe(0);
  await expect(row(`${prefix}-x-00`)).toBeVisible();
  await expect(row(`${prefix}-x-59`)).not.toBeVisible();

  await grid.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(row(`${prefix}-x-59`)).toBeVisible();
  const scrolled = await grid.evaluate((el) => el.scrollTop);
  expect(scrolled).toBeGreaterThan(0);
  await filter.press('-');
  await expect(filter).toHaveValue(`${prefix}-x-`);
  await expect(row(`${prefix}-x-59`)).toBeVisible();
  expect(await grid.evaluate((el) => el.scrollTop), 'a key that left the same matches keeps the view').toBe(scrolled);
}
