import { expect, test, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE_IMAGE, removeTestImages, removeTestObjects, RUN_ID, TEST_LABEL, testDocker } from '../main/test-support/engine';
import { freePort } from '../main/test-support/free-port';
import { httpGet } from '../main/test-support/http';
import { buildStandIn, standInVersion, type StandInKind } from '../main/test-support/stand-in-images';
import { writeFiles } from '../main/test-support/temp';
import { useApp } from './support/use-app';

/**
 * Dockerfiles: containerize a project folder (preview, edit, write, build, run as a stack, the app answers), the
 * Dockerfile editor's diagnostics and quick fixes, and a failed build opening the editor at its step. Base images
 * are stand-ins built from the fixture (no registry is reachable); everything in the engine carries
 * berth.test=<run id> — the preview is where the test adds that label, as a user would edit it.
 */
const docker = testDocker();
const LABEL = `${TEST_LABEL}=${RUN_ID}`;
const app = useApp({ docker });
let work: string;
const tags = new Set<string>();
const networks = new Set<string>();
const short = RUN_ID.replace(/[^a-z0-9]/gi, '').slice(-6).toLowerCase();

test.beforeAll(() => {
  work = mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-dockerfiles-'));
});

test.afterAll(async () => {
  await removeTestObjects(docker);
  for (const n of networks) await docker.getNetwork(n).remove().catch(() => undefined);
  for (const t of tags) await docker.getImage(t).remove({ force: true }).catch(() => undefined);
  await removeTestImages(docker);
  rmSync(work, { recursive: true, force: true });
});

const project = (name: string, files: Record<string, string>) => writeFiles(path.join(work, name), files);

/** Starts the app (with `startArgs`), goes to the images page and presses `button` there. */
async function pressOnImagesPage(button: string, ...startArgs: Parameters<typeof app.start>): Promise<Page> {
  await app.start(...startArgs);
  const page = app.page;
  await page.getByRole('link', { name: 'Images' }).click();
  await expect(page.getByRole('button', { name: 'Containerize a folder…' })).toBeVisible();
  await page.getByRole('button', { name: button }).click();
  return page;
}

/** Types at the end of a Monaco editor, as a user would. */
async function typeAtEnd(page: Page, editor: ReturnType<Page['locator']>, text: string) {
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text, { delay: 0 });
}

const PROJECTS: Record<StandInKind, (port: number) => Record<string, string>> = {
  python: (port) => ({
    'requirements.txt': 'flask==3.0.3\n',
    'app.py': `from flask import Flask\napp = Flask(__name__)\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=${port})\n`,
    'index.html': '<h1>hello from the python project</h1>\n',
    '.env': 'SECRET=not-for-the-image\n',
  }),
  node: (port) => ({
    'package.json': JSON.stringify({ name: 'web', version: '1.0.0', scripts: { start: 'node server.js' } }, null, 2),
    'package-lock.json': JSON.stringify({ name: 'web', version: '1.0.0', lockfileVersion: 3, requires: true, packages: {} }, null, 2),
    'server.js': `require('http').createServer((q, s) => s.end('hi')).listen(${port});\n`,
    'index.html': '<h1>hello from the node project</h1>\n',
  }),
};

for (const kind of ['python', 'node'] as const) {
  test(`containerize a ${kind} project: preview, write, build, run as a stack, and it answers on its port`, async () => {
    test.setTimeout(180_000);
    await buildStandIn(docker, kind);
    const port = await freePort();
    const folderName = `berth-e2e-${kind}-${short}`;
    const dir = project(folderName, PROJECTS[kind](port));
    const image = `${folderName}:dev`;
    tags.add(image);
    networks.add(`${folderName}_default`);

    const page = await pressOnImagesPage('Containerize a folder…');
    const wizard = page.getByTestId('containerize-dialog');
    await wizard.getByRole('textbox', { name: 'Project folder' }).fill(dir);
    await wizard.getByRole('button', { name: 'Propose files' }).click();
    await expect(wizard.getByTestId('containerize-summary')).toContainText(kind === 'python' ? 'Python' : 'Node.js');
    await expect(wizard.getByTestId('containerize-summary')).toContainText(`port ${port}`);
    // Nothing is written by the preview.
    expect(existsSync(path.join(dir, 'Dockerfile'))).toBe(false);

    // The proposed Dockerfile passes Berth's own rules; the test labels what it builds, in the preview.
    const dockerfileEditor = wizard.locator('.monaco-editor').first();
    await expect(dockerfileEditor).toContainText(kind === 'python' ? 'pip install --no-cache-dir -r requirements.txt' : 'npm ci --omit=dev');
    await expect(wizard.getByTestId('dockerfile-problems')).toContainText('No problems found.');
    await typeAtEnd(page, dockerfileEditor, `LABEL ${LABEL}`);
    await expect(wizard.getByTestId('dockerfile-problems')).toContainText('No problems found.');
    if (kind === 'python') await page.screenshot({ path: 'docs/screenshots/containerize-wizard.png' });

    await wizard.getByRole('tab', { name: /compose\.yaml/ }).click();
    const composeEditor = wizard.locator('.monaco-editor').first();
    await expect(composeEditor).toContainText(`${port}:${port}`);
    await expect(composeEditor).toContainText('healthcheck');
    await typeAtEnd(page, composeEditor, `    labels: {${TEST_LABEL}: "${RUN_ID}"}`);

    await wizard.getByRole('tab', { name: /\.dockerignore/ }).click();
    await expect(wizard.locator('.monaco-editor').first()).toContainText('.env');

    await wizard.getByRole('button', { name: /^Write / }).click();
    await expect(wizard.getByTestId('containerize-written')).toBeVisible();
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toMatch(new RegExp(`\\nLABEL ${LABEL.replace('.', '\\.')}$`));
    expect(readFileSync(path.join(dir, 'compose.yaml'), 'utf8')).toContain(`labels: {${TEST_LABEL}: "${RUN_ID}"}`);
    expect(readFileSync(path.join(dir, '.dockerignore'), 'utf8').split('\n')).toContain('.env');

    // Build: the build dialog comes filled in; the version build arg points FROM at the stand-in.
    await wizard.getByRole('button', { name: 'Build…' }).click();
    const build = page.getByTestId('build-dialog');
    await expect(build.getByRole('textbox', { name: 'Context folder' })).toHaveValue(dir);
    await expect(build.getByRole('textbox', { name: /^Tags/ })).toHaveValue(image);
    await build.getByRole('button', { name: 'Add a build arg' }).click();
    await build.getByRole('textbox', { name: 'Build arg 1 name' }).fill(kind === 'python' ? 'PYTHON_VERSION' : 'NODE_VERSION');
    await build.getByRole('textbox', { name: 'Build arg 1 value' }).fill(standInVersion());
    await expect(build.getByTestId('dockerfile-problems')).toContainText('No problems found.');
    await build.getByRole('button', { name: 'Build', exact: true }).click();
    const op = page.locator(`[data-testid="operation"][data-kind="build"][data-subject="${image}"]`);
    await expect(op).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    const steps = op.getByTestId('build-steps');
    await expect(steps).toBeVisible();
    await expect(steps.getByTestId('build-step').filter({ hasText: kind === 'python' ? 'RUN pip install' : 'RUN npm ci' })).toHaveAttribute('data-cached', 'false');
    if (kind === 'python') {
      // A code edit, then the same build again: the install comes from the cache, the COPY of the context says why it missed.
      writeFileSync(path.join(dir, 'app.py'), readFileSync(path.join(dir, 'app.py'), 'utf8') + '# edited\n');
      await op.getByRole('button', { name: `Dismiss build ${image}` }).click();
      await page.getByRole('button', { name: 'Build…' }).click();
      await build.getByRole('textbox', { name: 'Context folder' }).fill(dir);
      await build.getByRole('textbox', { name: /^Tags/ }).fill(image);
      await build.getByRole('button', { name: 'Add a build arg' }).click();
      await build.getByRole('textbox', { name: 'Build arg 1 name' }).fill('PYTHON_VERSION');
      await build.getByRole('textbox', { name: 'Build arg 1 value' }).fill(standInVersion());
      await build.getByRole('button', { name: 'Build', exact: true }).click();
      await expect(op).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
      await expect(steps.getByTestId('build-step').filter({ hasText: 'RUN pip install' })).toHaveAttribute('data-cached', 'true');
      await expect(steps.getByTestId('build-step').filter({ hasText: 'COPY . .' })).toContainText('copies the whole context');
      await page.getByRole('button', { name: 'Dismiss notification' }).click({ timeout: 2000 }).catch(() => undefined);
      await steps.evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: 'docs/screenshots/build-steps.png' });
      // Any image's layers: the biggest are marked, with the instruction that made them.
      await page.locator(`[data-testid="image-row"][data-tags~="${image}"]`).first().getByRole('button', { name: /^Layers of / }).click();
      const history = page.getByTestId('image-history');
      await expect(history.locator('[data-testid="image-layer"][data-biggest="1"]')).toHaveCount(1);
      await expect(history.locator('[data-testid="image-layer"][data-biggest="1"] .layer-biggest')).toHaveText('#1');
      await page.screenshot({ path: 'docs/screenshots/image-layers-biggest.png' });
      await page.keyboard.press('Escape');
    }

    // Run: open the written compose file as a stack and bring it up (the image is there, so compose does not build).
    await page.getByRole('button', { name: 'Containerize a folder…' }).click();
    await wizard.getByRole('textbox', { name: 'Project folder' }).fill(dir);
    await wizard.getByRole('button', { name: 'Propose files' }).click();
    await wizard.getByRole('button', { name: 'Open as a stack' }).click();
    await page.getByRole('button', { name: 'Up', exact: true }).click();
    await expect
      .poll(async () => httpGet(port).catch((e: Error) => e.message), { timeout: 30_000 })
      .toContain(`hello from the ${kind} project`);
    await page.getByRole('button', { name: 'Down', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Down', exact: true }).click();
    await expect.poll(async () => (await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${folderName}`] } })).length, { timeout: 30_000 }).toBe(0);
  });
}

const BAD = [
  'FROM python',
  'WORKDIR /app',
  'COPY . .',
  'RUN pip install -r requirements.txt',
  'ENV API_TOKEN=abc123',
  'ADD app.py /app/',
  'RUNN echo typo',
  'CMD python app.py',
  '',
].join('\n');

for (const scheme of ['light', 'dark'] as const) {
  test(`a bad Dockerfile: line-numbered diagnostics, quick fixes applied and saved exactly (${scheme})`, async () => {
    const dir = project(`bad-${scheme}`, { Dockerfile: BAD, 'requirements.txt': 'x\n', 'app.py': '', '.env': 'A=1\n', '.git/HEAD': 'ref: refs/heads/main\n' });
    const page = await pressOnImagesPage('Build…', undefined, { colorScheme: scheme });
    const dialog = page.getByTestId('build-dialog');
    await dialog.getByRole('textbox', { name: 'Context folder' }).fill(dir);
    const problems = dialog.getByTestId('dockerfile-problem');
    const rule = (id: string) => dialog.locator(`[data-testid="dockerfile-problem"][data-rule="${id}"]`);
    await expect(rule('syntax')).toHaveAttribute('data-line', '7');
    await expect(rule('syntax')).toContainText('RUNN');
    await expect(rule('from-latest')).toHaveAttribute('data-line', '1');
    await expect(rule('copy-all-before-install')).toHaveAttribute('data-line', '3');
    await expect(rule('pip-no-cache-dir')).toHaveAttribute('data-line', '4');
    await expect(rule('secret-in-env')).toHaveAttribute('data-line', '5');
    await expect(rule('add-instead-of-copy')).toHaveAttribute('data-line', '6');
    await expect(rule('shell-form-cmd')).toHaveAttribute('data-line', '8');
    await expect(rule('no-user')).toHaveAttribute('data-line', '1');
    await expect(rule('missing-dockerignore')).toContainText('.git, .env');
    // The markers are in the editor too.
    await expect(dialog.locator('.monaco-editor .squiggly-warning').first()).toBeVisible();
    await dialog.getByTestId('dockerfile-problems').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `docs/screenshots/dockerfile-editor-${scheme}.png` });
    if (scheme === 'dark') return;

    // Quick fixes are edits in the editor; Save writes exactly that text.
    await rule('pip-no-cache-dir').getByRole('button', { name: 'Add --no-cache-dir', exact: true }).click();
    await expect(rule('pip-no-cache-dir')).toHaveCount(0);
    await rule('add-instead-of-copy').getByRole('button', { name: 'Use COPY', exact: true }).click();
    await expect(rule('add-instead-of-copy')).toHaveCount(0);
    await rule('shell-form-cmd').getByRole('button', { name: /^Use the exec form/ }).click();
    await rule('from-latest').getByRole('button', { name: 'Silence from-latest here', exact: true }).click();
    await expect(rule('from-latest')).toHaveCount(0);
    await rule('missing-dockerignore').getByRole('button', { name: 'Create a .dockerignore', exact: true }).click();
    await expect(rule('missing-dockerignore')).toHaveCount(0);
    expect(readFileSync(path.join(dir, '.dockerignore'), 'utf8').split('\n')).toEqual(expect.arrayContaining(['.git', '.env']));
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toBe(
      [
        '# berth-ignore: from-latest',
        'FROM python',
        'WORKDIR /app',
        'COPY . .',
        'RUN pip install --no-cache-dir -r requirements.txt',
        'ENV API_TOKEN=abc123',
        'COPY app.py /app/',
        'RUNN echo typo',
        'CMD ["python", "app.py"]',
        '',
      ].join('\n'),
    );
    await expect(problems).toHaveCount(4); // syntax, copy-all-before-install, secret-in-env, no-user
  });
}

test('a Dockerfile anywhere on the machine opens from the host picker, with its problems', async () => {
  const dir = project('picked', { 'Dockerfile.dev': 'FROM python:3.12-slim\nCOPY . .\nCMD python app.py\n', 'notes.txt': 'x\n' });
  const page = await pressOnImagesPage('Open a Dockerfile…');
  const picker = page.getByTestId('host-picker');
  await expect(picker.getByRole('heading', { name: 'Open a Dockerfile' })).toBeVisible();
  await picker.getByLabel('Go to path').fill(dir);
  await picker.getByLabel('Go to path').press('Enter');
  await expect(picker.locator('[data-name="notes.txt"]')).toHaveClass(/dim/);
  await picker.locator('[data-name="Dockerfile.dev"]').click();
  await picker.getByRole('button', { name: 'Select file', exact: true }).click();
  await expect(picker).toBeHidden();
  const editor = page.getByTestId('dockerfile-dialog');
  await expect(editor.locator('.monaco-editor .view-lines')).toContainText('COPY . .');
  await expect(editor.locator('[data-testid="dockerfile-problem"][data-rule="shell-form-cmd"]')).toHaveAttribute('data-line', '3');
});

test('a failed build opens its Dockerfile at the failing step', async () => {
  const dir = project('failing', { Dockerfile: `FROM ${FIXTURE_IMAGE}\nLABEL ${LABEL}\nRUN echo fine\nRUN echo about-to-fail && exit 3\nUSER 1\n` });
  const tag = `berth-e2e/failing-df:${short}`;
  tags.add(tag);
  const page = await pressOnImagesPage('Build…');
  const dialog = page.getByTestId('build-dialog');
  await dialog.getByRole('textbox', { name: 'Context folder' }).fill(dir);
  await dialog.getByRole('textbox', { name: /^Tags/ }).fill(tag);
  await expect(dialog.getByTestId('dockerfile-problems')).toBeVisible();
  await dialog.getByRole('button', { name: 'Build', exact: true }).click();
  const op = page.locator(`[data-testid="operation"][data-kind="build"][data-subject="${tag}"]`);
  await expect(op).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
  await expect(op.locator('[data-testid="build-step"][data-step="4"]')).toHaveClass(/failed/);
  await op.getByRole('button', { name: 'Open the Dockerfile at step 4' }).click();
  const editor = page.getByTestId('dockerfile-dialog');
  await expect(editor).toContainText('failed at line 4');
  await expect(editor.locator('.monaco-editor .current-line, .monaco-editor .selected-text').first()).toBeVisible();
});
