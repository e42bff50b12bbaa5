import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE_IMAGE, removeTestObjects, RUN_ID, testDocker } from '../main/test-support/engine';
import { useApp } from './support/use-app';
import { openStackAt, stackPaths } from './support/stacks';

/**
 * A compose stack end to end: open it, see a schema error marker, fix it, save (the file on disk is exactly what was
 * typed, comments kept), a conflict when the file changed on disk, up (both services running), down.
 */
const docker = testDocker();
const app = useApp();
const { tmp, project, dir, file, env } = stackPaths('berth-e2e-stacks-', 'berthe2e');

const COMPOSE = `# Two web servers from the busybox fixture. This comment must survive every save.
services:
  front:
    image: ${FIXTURE_IMAGE}
    init: true
    command: sh -c "httpd -f -p 80"
    labels: { berth.test: "${RUN_ID}" }   # flow map, kept as typed
  back:
    image: ${FIXTURE_IMAGE}
    init: true
    command: sh -c "httpd -f -p 80"
    labels:
      berth.test: "${RUN_ID}"
`;

test.beforeAll(() => {
  execFileSync('mkdir', ['-p', tmp, dir]);
  writeFileSync(file, COMPOSE);
});

test.afterAll(async () => {
  // The compose the world has: `docker compose` (v2) where it answers, else docker-compose (v1).
  const down = ['-p', project, '-f', file, 'down', '-v'];
  try {
    execFileSync('docker', ['compose', ...down], { stdio: 'ignore' });
  } catch {
    try {
      execFileSync('docker-compose', down, { stdio: 'ignore' });
    } catch {
      // the stack may already be down
    }
  }
  await removeTestObjects(docker);
  rmSync(tmp, { recursive: true, force: true });
});

const problems = () => app.page.getByTestId('stack-problem');

async function openStack() {
  const page = app.page;
  await openStackAt(page, dir);
  await expect(page.getByText('No problems found against the Compose Specification.')).toBeVisible();
}

/** The compose editor's text area (Monaco), focused at the end of the file. */
async function editorAtEnd() {
  const page = app.page;
  await page.locator('.stack-tab-body .monaco-editor').click();
  await page.keyboard.press('Control+End');
}

test('edit with schema markers, save exactly what was typed, and resolve a conflict', async () => {
  await app.start(env, { colorScheme: 'light' });
  const page = app.page;
  await openStack();

  await editorAtEnd();
  await page.keyboard.insertText('    restart_policy_typo: always');
  await expect(problems().first()).toContainText('restart_policy_typo');
  await expect(problems().first()).toContainText('14:5');
  await page.screenshot({ path: 'docs/screenshots/stacks-editor-light.png' });

  // fix it: replace the bad key with a comment, then save with Ctrl+S
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.insertText('# typed in Berth');
  await expect(page.getByText('No problems found against the Compose Specification.')).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('toast').filter({ hasText: 'Saved compose.yaml' })).toBeVisible();
  expect(readFileSync(file, 'utf8')).toBe(`${COMPOSE}    # typed in Berth`);

  // the file changes on disk under the editor: saving shows both versions and writes nothing
  const elsewhere = `${COMPOSE}    # typed in another editor\n`;
  writeFileSync(file, elsewhere);
  await editorAtEnd();
  await page.keyboard.insertText(' (mine)');
  await page.keyboard.press('Control+s');
  const conflict = page.getByTestId('stack-conflict');
  await expect(conflict).toBeVisible();
  await expect(conflict.getByTestId('stack-diff')).toBeVisible();
  await page.waitForTimeout(300); // let the diff editor paint for the screenshot
  await page.screenshot({ path: 'docs/screenshots/stacks-conflict-light.png' });
  expect(readFileSync(file, 'utf8')).toBe(elsewhere);
  await conflict.getByRole('button', { name: 'Use the disk version' }).click();
  await expect(conflict).toBeHidden();
  await expect(page.locator('.stack-tab-body .monaco-editor')).toContainText('typed in another editor');
  expect(readFileSync(file, 'utf8')).toBe(elsewhere);
});

test('up shows both services running; down after the plan removes them', async () => {
  writeFileSync(file, COMPOSE);
  await app.start(env, { colorScheme: 'dark' });
  const page = app.page;
  await openStack();

  await page.getByRole('button', { name: 'Up', exact: true }).click();
  for (const service of ['front', 'back']) {
    await expect(page.locator(`[data-testid="stack-service"][data-service="${service}"]`)).toHaveAttribute('data-running', '1', { timeout: 30_000 });
  }
  await expect(page.getByTestId('stack-status')).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('stack-operation')).toHaveAttribute('data-ok', 'true');
  await page.screenshot({ path: 'docs/screenshots/stacks-running-dark.png' });

  await page.evaluate(() => (window.location.hash = '#/stacks'));
  await page.getByRole('searchbox', { name: 'Filter stacks' }).fill(project);
  await expect(page.locator(`[data-testid="stack-row"][data-stack-name="${project}"]`)).toHaveAttribute('data-status', 'running');
  await page.screenshot({ path: 'docs/screenshots/stacks-list-dark.png' });
  await page.locator(`[data-testid="stack-row"][data-stack-name="${project}"]`).click();

  await page.getByRole('button', { name: 'Down', exact: true }).click();
  const dialog = page.getByRole('dialog');
  // The plan names the container as the engine does (compose v1: project_front_1, v2: project-front-1).
  const [front] = await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`, 'com.docker.compose.service=front'] } });
  await expect(dialog.getByText(front!.Names[0]!.replace(/^\//, ''), { exact: true })).toBeVisible();
  await expect(dialog.getByText(`${project}_default`)).toBeVisible();
  await dialog.getByRole('button', { name: 'Down', exact: true }).click();
  await expect(page.getByTestId('stack-status')).toHaveAttribute('data-status', 'not-deployed', { timeout: 30_000 });
  expect(await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } })).toEqual([]);
});

test('stack options: profiles and an env file, checked as typed, honoured by the resolved configuration', async () => {
  const optDir = path.join(tmp, `${project}opt`);
  const optFile = path.join(optDir, 'compose.yaml');
  execFileSync('mkdir', ['-p', optDir]);
  writeFileSync(optFile, `services:\n  app:\n    image: ${FIXTURE_IMAGE}\n    labels: { berth.test: "${RUN_ID}", berth.flavour: "\${FLAVOUR:-plain}" }\n`);
  writeFileSync(path.join(optDir, 'flavours.env'), 'FLAVOUR=spicy\n');
  writeFileSync(path.join(optDir, 'compose.extra.yaml'), 'services:\n  app:\n    labels: { berth.extra: "from-the-second-file" }\n');
  await app.start(env, { colorScheme: 'light' });
  const page = app.page;
  await openStackAt(page, optDir);
  await page.getByRole('tab', { name: 'Resolved' }).click();
  await expect(page.locator('.stack-tab-body .monaco-editor')).toContainText('berth.flavour: plain');

  await page.getByRole('button', { name: 'Stack options' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Env file (--env-file)').fill('flavours.env');
  await expect(dialog.getByText('an absolute path (starting with /)')).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Save options' })).toBeDisabled();
  await dialog.getByLabel('Env file (--env-file)').fill(path.join(optDir, 'flavours.env'));
  await dialog.getByLabel('Profiles (--profile), separated by spaces').fill('debug');
  // Adding a second compose file through the picker keeps the stack's own file first (-f replaces compose's choice).
  await expect(dialog.getByText('Adds compose.yaml first')).toBeVisible();
  await dialog.getByRole('button', { name: 'Add a file…' }).click();
  const picker = page.getByTestId('host-picker');
  await picker.locator('[data-name="compose.extra.yaml"]').click();
  await picker.getByRole('button', { name: 'Select file', exact: true }).click();
  await expect(picker).toBeHidden();
  await expect(dialog.getByLabel('Compose files (-f), one per line, in order')).toHaveValue(`${optFile}\n${path.join(optDir, 'compose.extra.yaml')}`);
  await page.screenshot({ path: 'docs/screenshots/stacks-options-light.png' });
  await dialog.getByRole('button', { name: 'Save options' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Stack options' })).toContainText('debug');
  await expect(page.locator('.stack-tab-body .monaco-editor')).toContainText('berth.flavour: spicy');
  await expect(page.locator('.stack-tab-body .monaco-editor')).toContainText('berth.extra: from-the-second-file');
  await page.screenshot({ path: 'docs/screenshots/stacks-options-set-light.png' });
});
