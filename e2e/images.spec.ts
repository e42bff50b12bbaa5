import { expect, test, type Page } from '@playwright/test';
import type Docker from 'dockerode';
import { createReadStream, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import tar from 'tar-stream';
import { FIXTURE_IMAGE, removeTestImages, RUN_ID, TEST_LABEL, testDocker } from '../main/test-support/engine';
import { pushFixture, startTestRegistry } from '../main/test-support/registry-server';
import { useImageScratch } from './support/image-scratch';
import { useApp } from './support/use-app';

/**
 * The images page against the real engine and throwaway registries on 127.0.0.1, with a temporary DOCKER_CONFIG
 * (never the user's, never Docker Hub). Everything built is labelled berth.test=<run id> and removed afterwards.
 */
const docker = testDocker();
const LABEL = `${TEST_LABEL}=${RUN_ID}`;
const app = useApp();
const scratch = useImageScratch(docker, 'images');
const { registries, tags } = scratch;

test.afterAll(async () => {
  await removeTestImages(docker);
});

const env = () => ({ ...process.env, DOCKER_CONFIG: scratch.dockerConfig });
const row = (page: Page, tag: string) => page.locator(`[data-testid="image-row"][data-tags~="${tag}"]`);

/** Builds a labelled image from a one-file context through the Engine API; its id. */
async function buildImage(d: Docker, dockerfile: string, tag: string): Promise<string> {
  const pack = tar.pack();
  pack.entry({ name: 'Dockerfile' }, `${dockerfile}\nLABEL ${LABEL}\n`);
  pack.finalize();
  const stream = await d.buildImage(pack as unknown as NodeJS.ReadableStream, { t: tag });
  await new Promise((resolve, reject) => d.modem.followProgress(stream, (err: Error | null) => (err ? reject(err) : resolve(null))));
  tags.add(tag);
  return (await d.getImage(tag).inspect()).Id;
}

async function openImages(page: Page, filter: string) {
  await page.getByRole('link', { name: 'Images' }).click();
  await page.getByRole('searchbox', { name: 'Filter images' }).fill(filter);
}

test('push to a registry, remove, then pull back with per-layer progress', async () => {
  const registry = await startTestRegistry();
  registries.push(registry);
  const local = `berth-e2e/pushme:${RUN_ID}`;
  const remote = `${registry.host}/berth-test/busybox:${RUN_ID}`;
  await buildImage(docker, `FROM ${FIXTURE_IMAGE}\nRUN head -c 2000000 /dev/urandom > /payload`, local);
  await docker.getImage(local).tag({ repo: `${registry.host}/berth-test/busybox`, tag: RUN_ID });
  tags.add(remote);

  await app.start(env());
  const page = app.page;
  await openImages(page, RUN_ID);
  await expect(row(page, remote)).toBeVisible();

  // Push from the row menu.
  await row(page, remote).getByRole('button', { name: /^More actions for / }).click();
  await page.getByRole('menuitem', { name: 'Push…' }).click();
  await page.getByRole('dialog').getByRole('combobox').selectOption(remote);
  await page.getByRole('dialog').getByRole('button', { name: 'Push' }).click();
  const pushOp = page.locator(`[data-testid="operation"][data-kind="push"][data-subject="${remote}"]`);
  await expect(pushOp).toHaveAttribute('data-state', 'done', { timeout: 30_000 });

  // Remove both names locally (the payload layer leaves), then pull it back from the registry.
  await docker.getImage(remote).remove();
  await docker.getImage(local).remove();
  await expect(row(page, remote)).toHaveCount(0);
  await page.getByRole('button', { name: 'Pull…' }).click();
  await page.getByRole('dialog').getByRole('textbox', { name: 'Image' }).fill(remote);
  await page.getByRole('dialog').getByRole('button', { name: 'Pull' }).click();
  const pullOp = page.locator(`[data-testid="operation"][data-kind="pull"][data-subject="${remote}"]`);
  await expect(pullOp).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await pullOp.getByRole('button', { name: 'Show details' }).click();
  await expect(pullOp.getByTestId('layer-progress').locator('li[data-phase="done"]')).toHaveCount(1);
  await expect(pullOp.getByTestId('layer-progress').locator('li[data-phase="exists"]')).not.toHaveCount(0);
  await expect(pullOp.getByTestId('operation-percent')).toHaveText('done');
  await expect(row(page, remote)).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/images-pull.png' });
});

test('save an image to a tar file chosen with the picker in "Save to" mode', async () => {
  const tag = `berth-e2e/save:${RUN_ID}`;
  const id = await buildImage(docker, `FROM ${FIXTURE_IMAGE}\nRUN echo saved > /marker`, tag);
  await app.start(env());
  const page = app.page;
  await openImages(page, RUN_ID);
  await row(page, tag).getByRole('button', { name: /^More actions for / }).click();
  await page.getByRole('menuitem', { name: 'Save to a tar file…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: 'Browse…' }).click();

  // Save mode: a folder is chosen and a file name typed (prefilled from the field's).
  const picker = page.getByTestId('host-picker');
  await expect(picker.getByRole('heading', { name: 'Save the image to' })).toBeVisible();
  await expect(picker.getByLabel('File name')).toHaveValue(`berth-e2e_save_${RUN_ID}.tar`);
  await picker.getByLabel('Go to path').fill(scratch.work);
  await picker.getByLabel('Go to path').press('Enter');
  await expect(picker.getByRole('navigation', { name: 'Current folder' }).getByRole('button', { name: path.basename(scratch.work), exact: true })).toHaveAttribute('aria-current', 'location');
  await picker.getByLabel('File name').fill('saved.tar');
  await expect(picker).toContainText(path.join(scratch.work, 'saved.tar'));
  await page.screenshot({ path: 'docs/screenshots/images-save-picker.png' });
  await picker.getByRole('button', { name: 'Save here' }).click();
  await expect(picker).toBeHidden();
  await expect(dialog.getByLabel('Tar file to write (on the machine Berth runs on)')).toHaveValue(path.join(scratch.work, 'saved.tar'));

  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  // What docker save writes: a manifest naming the tag, and the image's config.
  const names: string[] = [];
  let manifest = '';
  await new Promise<void>((resolve, reject) => {
    const extract = tar.extract();
    extract.on('entry', (header, stream, next) => {
      names.push(header.name);
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        if (header.name === 'manifest.json') manifest = Buffer.concat(chunks).toString();
        next();
      });
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
    createReadStream(path.join(scratch.work, 'saved.tar')).on('error', reject).pipe(extract);
  });
  expect(JSON.parse(manifest)).toEqual([expect.objectContaining({ RepoTags: [tag] })]);
  // The image's config: `<id>.json` in the classic archive (Docker ≤ 24), `blobs/sha256/<id>` in the OCI layout
  // Docker 25+ writes.
  const hex = id.replace('sha256:', '');
  expect(names.some((n) => n === `${hex}.json` || n === `blobs/sha256/${hex}`)).toBe(true);

  // Saving again to the same path asks first: the file stays as it is until "Replace file" is pressed.
  const target = path.join(scratch.work, 'saved.tar');
  writeFileSync(target, 'keep me');
  await row(page, tag).getByRole('button', { name: /^More actions for / }).click();
  await page.getByRole('menuitem', { name: 'Save to a tar file…' }).click();
  await dialog.getByLabel('Tar file to write (on the machine Berth runs on)').fill(target);
  await dialog.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(dialog.getByTestId('image-save-exists')).toContainText(`${target} already exists`);
  await page.screenshot({ path: 'docs/screenshots/images-save-exists.png' });
  expect(readFileSync(target, 'utf8')).toBe('keep me');
  await expect(dialog.getByRole('button', { name: 'Replace file' })).toHaveClass(/btn-danger/);
  await dialog.getByRole('button', { name: 'Replace file' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.getByTestId('toast').filter({ hasText: 'replaced the old file' })).toBeVisible();
  expect(statSync(target).size).toBeGreaterThan(1024);
});

test('i on an image row opens its inspect JSON, the secret-looking env value masked until revealed (keyboard only)', async () => {
  const tag = `berth-test/inspect:${RUN_ID}`;
  const id = await buildImage(docker, `FROM ${FIXTURE_IMAGE}\nENV SERVICE_API_KEY=k-${RUN_ID} PLAIN_SETTING=visible-${RUN_ID}`, tag);
  await app.start(env(), { colorScheme: 'dark' });
  const page = app.page;
  await page.keyboard.press('g');
  await page.keyboard.press('i');
  // At once after g i, while the list may still be loading: the filter is there to take what is typed.
  await page.keyboard.press('/');
  await page.keyboard.type(tag);
  await expect(page.getByRole('searchbox', { name: 'Filter images' })).toHaveValue(tag);
  await expect(page.getByTestId('image-row')).toHaveCount(1);
  await page.keyboard.press('Enter'); // from the filter to the list, its first row selected
  await expect(page.getByRole('grid', { name: 'Images' }).locator('[role="row"][aria-selected="true"]')).toHaveAttribute('data-image-id', id);
  await page.keyboard.press('i');
  const dialog = page.getByRole('dialog', { name: `Inspect ${tag}` });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('secret-note')).toHaveText('1 secret-looking value hidden: SERVICE_API_KEY');
  const editor = dialog.locator('.monaco-editor .view-lines');
  await expect(editor).toContainText(id.replace(/^sha256:/, ''));
  // The env lines are in view (the plain one shows): the secret's line is there, its value masked.
  await expect(editor).toContainText(`PLAIN_SETTING=visible-${RUN_ID}`);
  await expect(editor).toContainText('SERVICE_API_KEY=');
  await expect(editor).not.toContainText(`k-${RUN_ID}`);
  await page.screenshot({ path: 'docs/screenshots/image-inspect-dark.png' });
  await dialog.getByRole('button', { name: 'Reveal secrets' }).focus();
  await page.keyboard.press('Enter');
  await expect(editor).toContainText(`SERVICE_API_KEY=k-${RUN_ID}`);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('the keyboard row whose image is removed hands the selection to the row now in its place', async () => {
  const base = `berth-test/cursor-${RUN_ID}`;
  const first = await buildImage(docker, `FROM ${FIXTURE_IMAGE}\nENV WHICH=a-${RUN_ID}`, `${base}:a`);
  const second = await buildImage(docker, `FROM ${FIXTURE_IMAGE}\nENV WHICH=b-${RUN_ID}`, `${base}:b`);
  await app.start(env());
  const page = app.page;
  await openImages(page, base);
  await expect(page.getByTestId('image-row')).toHaveCount(2);
  await page.getByRole('searchbox', { name: 'Filter images' }).press('Enter');
  const grid = page.getByRole('grid', { name: 'Images' });
  const selected = grid.locator('[role="row"][aria-selected="true"]');
  await expect(grid).toBeFocused();
  await page.keyboard.press('End');
  const last = await selected.getAttribute('data-image-id');
  expect([first, second]).toContain(last);
  await docker.getImage(last!).remove({ force: true });
  await expect(page.getByTestId('image-row')).toHaveCount(1);
  await expect(selected).toHaveAttribute('data-image-id', last === first ? second : first);
  await expect(grid).toBeFocused();
});

test('an invalid reference is explained before anything is sent', async () => {
  await app.start(env());
  const page = app.page;
  await openImages(page, RUN_ID);
  await page.getByRole('button', { name: 'Pull…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Image' }).fill('UPPER:case');
  await expect(dialog.getByRole('alert')).toContainText('must be lowercase');
  await expect(dialog.getByRole('button', { name: 'Pull' })).toBeDisabled();
  await dialog.getByRole('textbox', { name: 'Image' }).fill('a b');
  await expect(dialog.getByRole('alert')).toContainText('contains a space');
  await dialog.getByRole('textbox', { name: 'Image' }).fill('repo:');
  await expect(dialog.getByRole('alert')).toContainText('no tag');
});

test('build from a Dockerfile: log, steps, the new image highlighted; a failing RUN step is named with its output', async () => {
  const context = path.join(scratch.work, 'ctx');
  rmSync(context, { recursive: true, force: true });
  const { mkdirSync } = await import('node:fs');
  mkdirSync(context, { recursive: true });
  writeFileSync(path.join(context, 'Dockerfile'), `FROM ${FIXTURE_IMAGE} AS base\nRUN echo built > /msg\nLABEL ${LABEL}\nFROM ${FIXTURE_IMAGE}\nCOPY --from=base /msg /msg\nLABEL ${LABEL}\n`);
  const tag = `berth-e2e/built:${RUN_ID}`;
  tags.add(tag);
  await app.start(env());
  const page = app.page;
  await openImages(page, RUN_ID);
  await page.getByRole('button', { name: 'Build…' }).click();
  const dialog = page.getByTestId('build-dialog');
  await dialog.getByRole('textbox', { name: 'Context folder' }).fill(context);
  await dialog.getByRole('textbox', { name: /^Tags/ }).fill(tag);
  await expect(dialog.locator('.monaco-editor')).toBeVisible();
  await expect(dialog.locator('.monaco-editor')).toContainText('COPY');
  await page.screenshot({ path: 'docs/screenshots/images-build-dialog.png' });
  await dialog.getByRole('button', { name: 'Build', exact: true }).click();
  const op = page.locator(`[data-testid="operation"][data-kind="build"][data-subject="${tag}"]`);
  await expect(op).toHaveAttribute('data-state', 'done', { timeout: 30_000 });
  await expect(op).toContainText('step 6/6');
  await expect(row(page, tag)).toHaveClass(/highlighted/);

  writeFileSync(path.join(context, 'Dockerfile'), `FROM ${FIXTURE_IMAGE}\nRUN echo about-to-fail && false\n`);
  const failingTag = `berth-e2e/failing:${RUN_ID}`;
  await page.getByRole('button', { name: 'Build…' }).click();
  await dialog.getByRole('textbox', { name: 'Context folder' }).fill(context);
  await dialog.getByRole('textbox', { name: /^Tags/ }).fill(failingTag);
  await expect(dialog.locator('.monaco-editor')).toContainText('false');
  await dialog.getByRole('button', { name: 'Build', exact: true }).click();
  const failed = page.locator(`[data-testid="operation"][data-kind="build"][data-subject="${failingTag}"]`);
  await expect(failed).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
  await expect(failed.getByRole('alert')).toContainText('Step 2/2 (RUN echo about-to-fail && false) failed');
  await expect(failed.getByTestId('failed-step-output')).toContainText('about-to-fail');
  await page.screenshot({ path: 'docs/screenshots/images-build.png' });
});

test('prune previews exactly the dangling images it then removes, and says what it reclaimed', async () => {
  const tag = `berth-e2e/prune:${RUN_ID}`;
  const first = await buildImage(docker, `FROM ${FIXTURE_IMAGE}\nRUN head -c 300000 /dev/urandom > /junk-1`, tag);
  await buildImage(docker, `FROM ${FIXTURE_IMAGE}\nRUN head -c 300000 /dev/urandom > /junk-2`, tag);
  const danglingNow = (await docker.listImages({ filters: { label: [LABEL], dangling: ['true'] } })).map((i) => i.Id);
  expect(danglingNow).toContain(first);

  await app.start(env());
  const page = app.page;
  await openImages(page, '');
  await page.getByRole('group', { name: 'Filter images by use' }).getByRole('button', { name: 'Dangling' }).click();
  await expect(page.locator(`[data-testid="image-row"][data-image-id="${first}"]`)).toBeVisible();
  await page.getByRole('button', { name: 'Prune…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Only images with this label' }).fill(LABEL);
  await expect(dialog.getByTestId('prune-summary')).toHaveAttribute('data-count', String(danglingNow.length));
  await expect(dialog).toContainText(first.replace('sha256:', '').slice(0, 12));
  await page.screenshot({ path: 'docs/screenshots/images-prune.png' });
  await dialog.getByRole('button', { name: /^Prune \d+ image/ }).click();
  await expect(page.getByTestId('prune-reclaimed')).toContainText('reclaimed');
  const left = (await docker.listImages({ filters: { label: [LABEL], dangling: ['true'] } })).map((i) => i.Id);
  expect(left.filter((id) => danglingNow.includes(id))).toEqual([]);
  expect((await docker.getImage(tag).inspect()).Id).not.toBe(first);
  await page.keyboard.press('Escape');
  await expect(page.locator(`[data-testid="image-row"][data-image-id="${first}"]`)).toHaveCount(0);
});

test('registries: a wrong password is refused, the right one logs in, the catalog is browsable', async () => {
  const auth = { username: 'berth', password: `pw-${RUN_ID}` };
  const locked = await startTestRegistry({ auth });
  registries.push(locked);
  // Something to browse, pushed with the registry's credentials.
  const remote = await pushFixture(docker, locked, 'team/app');

  await app.start(env());
  const page = app.page;
  await openImages(page, RUN_ID);
  await page.getByRole('button', { name: 'Registries…' }).click();
  const dialog = page.getByTestId('registries-dialog');
  await dialog.getByRole('textbox', { name: 'Registry' }).fill(locked.host);
  await dialog.getByRole('textbox', { name: 'Username' }).fill(auth.username);
  await dialog.getByRole('textbox', { name: 'Password' }).fill('wrong');
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog.getByTestId('login-error')).toContainText('refused the username and password');
  await dialog.getByRole('textbox', { name: 'Password' }).fill(auth.password);
  await dialog.getByRole('button', { name: 'Log in' }).click();
  await expect(dialog.locator(`[data-testid="registry-account"][data-server="${locked.host}"]`)).toContainText('in config.json');
  await dialog.getByRole('button', { name: 'Browse' }).click();
  await dialog.locator('[data-testid="registry-repo"][data-repo="team/app"]').getByRole('button').first().click();
  await expect(dialog.getByRole('button', { name: `Pull ${remote}` })).toBeVisible();
  await page.screenshot({ path: 'docs/screenshots/images-registries.png' });
});

for (const scheme of ['light', 'dark'] as const) {
  test(`the list and a layer history (${scheme})`, async () => {
    const tag = `berth-e2e/layers:${RUN_ID}`;
    const id = await buildImage(docker, `FROM ${FIXTURE_IMAGE}\nRUN head -c 800000 /dev/urandom > /big\nRUN head -c 100000 /dev/urandom > /small\nENV MODE=demo`, tag);
    await docker.getImage(id).tag({ repo: 'berth-e2e/layers', tag: `v1-${RUN_ID}` });
    tags.add(`berth-e2e/layers:v1-${RUN_ID}`);
    const user = await docker.createContainer({ Image: tag, name: `berth-e2e-img-user-${RUN_ID.slice(-6)}`, Cmd: ['true'], Labels: { [TEST_LABEL]: RUN_ID } });
    try {
      await app.start(env(), { colorScheme: scheme });
      const page = app.page;
      await openImages(page, 'berth-');
      await expect(row(page, tag).getByTestId('in-use-badge')).toBeVisible();
      await expect(row(page, tag)).toContainText(`berth-e2e-img-user-${RUN_ID.slice(-6)}`);
      await page.screenshot({ path: `docs/screenshots/images-${scheme}.png` });
      await row(page, tag).getByRole('button', { name: /^Layers of / }).click();
      const history = page.getByTestId('image-history');
      await expect(history.getByTestId('image-layer').first()).toBeVisible();
      await expect(history).toContainText('ENV MODE=demo');
      await page.screenshot({ path: `docs/screenshots/images-history-${scheme}.png` });
      await page.keyboard.press('Escape');
      // Run opens the run dialog pre-filled with the image.
      await row(page, tag).getByRole('button', { name: /^Run / }).click();
      await expect(page.getByRole('dialog').getByRole('combobox', { name: 'Image' })).toHaveValue(tag);
      await page.keyboard.press('Escape');
      // Removing an image in use names the container.
      await row(page, tag).getByRole('button', { name: /^Remove / }).click();
      await expect(page.getByRole('dialog')).toContainText(`Container berth-e2e-img-user-${RUN_ID.slice(-6)}`);
    } finally {
      await user.remove({ force: true });
    }
  });
}

test('the header says the disk the images take, a shared layer once, as docker system df does, and follows a build', async () => {
  await app.start(env());
  const page = app.page;
  await page.getByRole('link', { name: 'Images' }).click();
  const onDisk = page.getByTestId('images-on-disk');
  const bytes = async () => Number(await onDisk.getAttribute('data-bytes'));
  const layersSize = async () => ((await docker.df()) as { LayersSize: number }).LayersSize;
  await expect(onDisk).toHaveText(/ on disk$/);
  await expect.poll(async () => (await bytes()) === (await layersSize())).toBe(true);
  const before = await bytes();

  // An image of its own 1.5 MB on the fixture's layers: the figure grows by those 1.5 MB, not by the whole image.
  const tag = `berth-e2e/disk-use:${RUN_ID}`;
  await buildImage(docker, `FROM ${FIXTURE_IMAGE}\nRUN head -c 1500000 /dev/urandom > /own`, tag);
  const size = (await docker.getImage(tag).inspect()).Size;
  await expect.poll(bytes, { timeout: 15_000 }).toBeGreaterThan(before + 1_400_000);
  expect(await bytes()).toBe(await layersSize());
  expect((await bytes()) - before).toBeLessThan(size - 1_000_000);
  await expect(onDisk).toHaveAttribute('title', /shared layer|several images share/);
  await page.getByRole('searchbox', { name: 'Filter images' }).fill(RUN_ID);
  await page.screenshot({ path: 'docs/screenshots/images-on-disk.png' });
});
