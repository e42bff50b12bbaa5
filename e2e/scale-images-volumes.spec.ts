import { expect, test, type Page } from '@playwright/test';
import type Docker from 'dockerode';
import tar from 'tar-stream';
import { mapLimited } from '../main/services/map-limited';
import { FIXTURE_IMAGE, RUN_ID, TEST_LABEL, testDocker, testLabels, uniqueName } from '../main/test-support/engine';
import { fling } from './support/fling';
import { useApp } from './support/use-app';

/**
 * The Images page with 2,000 images and the Volumes page with 1,000 volumes, without timings (those are for the
 * benchmarks): every one is counted, a filter narrows them to one, a column's header reorders them, the keyboard
 * row moves with j, k and End, volumes flung past get their buttons back when the fling ends, and the page's removal
 * (a prune by label; a volume's Delete key) reports this spec's objects only. The images are distinct (the page has a row per image, not per tag): one LABEL-only build each from
 * the fixture, so they share its layer. All of it carries berth.test=<run id> and is removed here, a few at a time.
 */
const IMAGES = 2000;
/** The first images also carry a label of their own: the prune takes those and must leave the others. */
const PRUNED = 100;
const VOLUMES = 1000;
/** Volumes a stopped container mounts, so the "Used by" column is not empty throughout. */
const USED = 12;

const docker = testDocker();
const app = useApp();
const pad = (i: number) => String(i).padStart(4, '0');

/** The grid's rows as its aria-rowcount says (the list is virtual: most rows are not in the page), header left out. */
async function rowCount(page: Page, grid: string): Promise<number> {
  return Number(await page.getByRole('grid', { name: grid }).getAttribute('aria-rowcount')) - 1;
}

test.describe('2,000 images', () => {
  const prefix = uniqueName('scale-img');
  const repo = `berth-e2e/${prefix}`;
  const mine = `berth.scale=${prefix}`;
  const pruneLabel = `berth.scale.prune=${prefix}`;

  /** A LABEL-only build on the fixture: a distinct image id with no layer of its own. */
  async function buildLabelled(d: Docker, i: number) {
    const labels = [`${TEST_LABEL}=${RUN_ID}`, mine, `berth.scale.n=${i}`, ...(i < PRUNED ? [pruneLabel] : [])];
    const pack = tar.pack();
    pack.entry({ name: 'Dockerfile' }, `FROM ${FIXTURE_IMAGE}\nLABEL ${labels.join(' ')}\n`);
    pack.finalize();
    // No cache: the classic builder's cache lookup compares the new step with every child of the fixture, and
    // grows with each image built.
    const stream = await d.buildImage(pack as unknown as NodeJS.ReadableStream, { t: `${repo}:${pad(i)}`, nocache: true });
    await new Promise((resolve, reject) => d.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve(null))));
  }

  test.beforeAll(async () => {
    test.setTimeout(30 * 60_000);
    await mapLimited(
      Array.from({ length: IMAGES }, (_, i) => i),
      8,
      (i) => buildLabelled(docker, i),
    );
  });

  test.afterAll(async () => {
    test.setTimeout(15 * 60_000);
    const left = await docker.listImages({ filters: { label: [mine] } });
    await mapLimited(left, 8, (i) => docker.getImage(i.Id).remove({ force: true }).catch(() => undefined));
  });

  test('2,000 images are counted, filtered to one, sorted, walked with the keyboard, and a prune by label takes only its 100', async () => {
    test.setTimeout(15 * 60_000);
    await app.start();
    const page = app.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('link', { name: 'Images' }).click();
    const filter = page.getByRole('searchbox', { name: 'Filter images' });
    const grid = page.getByRole('grid', { name: 'Images' });
    const row = (i: number) => page.locator(`[data-testid="image-row"][data-tags~="${repo}:${pad(i)}"]`);

    // Counted: the header's count has every image, and the list filtered to the spec's repository has all 2,000.
    await expect(page.getByTestId('image-count')).toHaveAttribute('data-total', /\d+/, { timeout: 60_000 });
    await expect.poll(async () => Number(await page.getByTestId('image-count').getAttribute('data-total')), { timeout: 60_000 }).toBeGreaterThanOrEqual(IMAGES);
    await filter.fill(repo);
    await expect.poll(() => rowCount(page, 'Images')).toBe(IMAGES);
    // The header's disk figure is measured once the list is in, not held off by the snapshots that brought it.
    await expect(page.getByTestId('images-on-disk')).toHaveText(/ on disk$/, { timeout: 30_000 });
    await page.screenshot({ path: 'docs/screenshots/images-2000.png' });

    // A filter narrows them to one.
    await filter.fill(`${repo}:1234`);
    await expect.poll(() => rowCount(page, 'Images')).toBe(1);
    await expect(page.getByTestId('image-row')).toHaveCount(1);
    await expect(row(1234)).toBeVisible();

    // Sorted by name both ways: the first row is the first tag, then the last.
    await filter.fill(repo);
    const nameHeader = grid.getByRole('columnheader', { name: 'Repository:tag' });
    await nameHeader.getByRole('button').click();
    await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
    await expect(page.getByTestId('image-row').first()).toHaveAttribute('data-image-name', `${repo}:${pad(0)}`);
    await nameHeader.getByRole('button').click();
    await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
    await expect(page.getByTestId('image-row').first()).toHaveAttribute('data-image-name', `${repo}:${pad(IMAGES - 1)}`);

    // The keyboard row: Enter from the filter takes the first, End the last (scrolled to), k and j move by one.
    const selected = grid.locator('[role="row"][aria-selected="true"]');
    await filter.press('Enter');
    await expect(grid).toBeFocused();
    await expect(selected).toHaveAttribute('data-image-name', `${repo}:${pad(IMAGES - 1)}`);
    await page.keyboard.press('End');
    await expect(selected).toHaveAttribute('data-image-name', `${repo}:${pad(0)}`);
    await expect(selected).toBeInViewport();
    await page.keyboard.press('k');
    await expect(selected).toHaveAttribute('data-image-name', `${repo}:${pad(1)}`);
    await page.keyboard.press('k');
    await page.keyboard.press('j');
    await expect(selected).toHaveAttribute('data-image-name', `${repo}:${pad(1)}`);

    // Prune, all unused with the spec's prune label: the plan has its 100 images, and removes those and no other.
    await page.getByRole('button', { name: 'Prune…' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Only images with this label' }).fill(pruneLabel);
    await dialog.getByRole('group', { name: 'What to prune' }).getByRole('button', { name: 'All unused' }).click();
    await expect(dialog.getByTestId('prune-summary')).toHaveAttribute('data-count', String(PRUNED), { timeout: 120_000 });
    await dialog.getByRole('button', { name: `Prune ${PRUNED} images` }).click();
    await expect(page.getByTestId('prune-result')).toContainText(`${PRUNED} tags removed, ${PRUNED} images and layers deleted`, { timeout: 5 * 60_000 });
    expect(await docker.listImages({ filters: { label: [pruneLabel] } })).toEqual([]);
    expect((await docker.listImages({ filters: { label: [mine] } })).length).toBe(IMAGES - PRUNED);
    await page.keyboard.press('Escape');
    await expect.poll(() => rowCount(page, 'Images'), { timeout: 60_000 }).toBe(IMAGES - PRUNED);
    await expect(row(0)).toHaveCount(0);
  });
});

test.describe('1,000 volumes', () => {
  const prefix = uniqueName('scale-vol');
  const volumeName = (i: number) => `${prefix}-${pad(i)}`;
  const users: string[] = [];

  test.beforeAll(async () => {
    test.setTimeout(10 * 60_000);
    await mapLimited(
      Array.from({ length: VOLUMES }, (_, i) => i),
      12,
      (i) => docker.createVolume({ Name: volumeName(i), Labels: testLabels() }),
    );
    // A stopped container on every 80th volume.
    for (let u = 0; u < USED; u++) {
      const c = await docker.createContainer({
        Image: FIXTURE_IMAGE,
        name: `${prefix}-user-${u}`,
        Cmd: ['true'],
        Labels: testLabels(),
        HostConfig: { NetworkMode: 'none', Mounts: [{ Type: 'volume', Source: volumeName(u * 80), Target: '/data' }] },
      });
      users.push(c.id);
    }
  });

  test.afterAll(async () => {
    test.setTimeout(10 * 60_000);
    await mapLimited(users, 12, (id) => docker.getContainer(id).remove({ force: true }).catch(() => undefined));
    const left = (await docker.listVolumes({ filters: { label: [`${TEST_LABEL}=${RUN_ID}`], name: [prefix] } })).Volumes ?? [];
    await mapLimited(left, 12, (v) => docker.getVolume(v.Name).remove().catch(() => undefined));
  });

  test('1,000 volumes are counted, filtered to one, sorted, walked with the keyboard, and Delete removes only its row', async () => {
    test.setTimeout(10 * 60_000);
    await app.start();
    const page = app.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('link', { name: 'Volumes' }).click();
    const filter = page.getByRole('searchbox', { name: 'Filter volumes' });
    const grid = page.getByRole('grid', { name: 'Volumes' });
    const row = (i: number) => page.locator(`[data-testid="volume-row"][data-volume-name="${volumeName(i)}"]`);

    await expect(page.getByTestId('volume-count')).toHaveAttribute('data-total', /\d+/, { timeout: 60_000 });
    expect(Number(await page.getByTestId('volume-count').getAttribute('data-total'))).toBeGreaterThanOrEqual(VOLUMES);
    await filter.fill(prefix);
    await expect.poll(() => rowCount(page, 'Volumes')).toBe(VOLUMES);
    await expect(row(0)).toContainText(`${prefix}-user-0`);
    await page.screenshot({ path: 'docs/screenshots/volumes-1000.png' });
    // A name longer than its column gives way in the middle, inside the cell (the tooltip has it whole): its start
    // ends in "…", its last 10 characters stay; a screen reader reads it whole, as one word.
    const fit = await row(0)
      .locator('.cell-title')
      .evaluate((el) => {
        const head = el.querySelector('.mid-head');
        return {
          right: el.getBoundingClientRect().right,
          cellRight: el.closest('[role="gridcell"]')!.getBoundingClientRect().right - 8,
          cut: !!head && head.scrollWidth > head.clientWidth,
          tail: el.querySelector('.mid-tail')?.textContent ?? null,
        };
      });
    expect(fit.cut, 'the name is longer than its column here, and its start gives way').toBe(true);
    expect(fit.tail).toBe(volumeName(0).slice(-10));
    expect(fit.right).toBeLessThanOrEqual(fit.cellRight + 0.5);
    await expect(row(0).getByRole('gridcell').first()).toHaveAccessibleName(volumeName(0));

    // Flung (half a screen a frame, as a dragged scrollbar thumb goes), rows that fly past leave out their buttons;
    // when the fling ends, every row has them again.
    const liteSeen = (await fling(grid, 20, '[data-testid="volume-row"][data-lite]')).liteMost;
    expect(liteSeen, 'rows that came into view mid-fling are drawn lite').toBeGreaterThan(0);
    await expect(grid.locator('[data-testid="volume-row"][data-lite]')).toHaveCount(0);
    const shown = await page.getByTestId('volume-row').count();
    expect(shown).toBeGreaterThan(10);
    await expect(page.getByTestId('volume-row').filter({ has: page.locator('button[aria-label^="Remove "]') })).toHaveCount(shown);
    await expect(page.getByTestId('volume-row').filter({ has: page.locator('button[aria-label^="Browse "]') })).toHaveCount(shown);
    await grid.evaluate((el) => (el.scrollTop = 0));

    await filter.fill(volumeName(123));
    await expect.poll(() => rowCount(page, 'Volumes')).toBe(1);
    await expect(page.getByTestId('volume-row')).toHaveCount(1);
    await expect(row(123)).toBeVisible();

    // By name, Z to A (A to Z is where the page starts); by users, the used ones first.
    await filter.fill(prefix);
    const first = page.getByTestId('volume-row').first();
    await expect(first).toHaveAttribute('data-volume-name', volumeName(0));
    const nameHeader = grid.getByRole('columnheader', { name: 'Name' });
    await nameHeader.getByRole('button').click();
    await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
    await expect(first).toHaveAttribute('data-volume-name', volumeName(VOLUMES - 1));
    const usersHeader = grid.getByRole('columnheader', { name: 'Used by' });
    await usersHeader.getByRole('button').click();
    await usersHeader.getByRole('button').click();
    await expect(usersHeader).toHaveAttribute('aria-sort', 'descending');
    await expect(first).toContainText(`${prefix}-user-`);
    await nameHeader.getByRole('button').click();
    await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');

    // The keyboard row: first, End (the last, scrolled to), k, then j back.
    const selected = grid.locator('[role="row"][aria-selected="true"]');
    await filter.press('Enter');
    await expect(grid).toBeFocused();
    await expect(selected).toHaveAttribute('data-volume-name', volumeName(0));
    await page.keyboard.press('End');
    await expect(selected).toHaveAttribute('data-volume-name', volumeName(VOLUMES - 1));
    await expect(selected).toBeInViewport();
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    await page.keyboard.press('j');
    await expect(selected).toHaveAttribute('data-volume-name', volumeName(VOLUMES - 2));

    // Delete on the keyboard row: its removal dialog, then that one volume is gone and the other 999 stay.
    await page.keyboard.press('Delete');
    const dialog = page.getByRole('dialog', { name: `Remove volume ${volumeName(VOLUMES - 2)}?` });
    await expect(dialog).toContainText('(0 B)', { timeout: 60_000 });
    await dialog.getByRole('button', { name: 'Remove volume' }).click();
    await expect(row(VOLUMES - 2)).toHaveCount(0);
    await expect.poll(() => rowCount(page, 'Volumes')).toBe(VOLUMES - 1);
    const left = (await docker.listVolumes({ filters: { label: [`${TEST_LABEL}=${RUN_ID}`], name: [prefix] } })).Volumes ?? [];
    expect(left.length).toBe(VOLUMES - 1);
    expect(left.map((v) => v.Name)).not.toContain(volumeName(VOLUMES - 2));
  });
});
