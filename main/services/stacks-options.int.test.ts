import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthApi, StackRunMessage } from '../../preload/contract';
import type { Backend } from '../backend';
import { messagesOf, startTestBackend } from '../test-support/backend';
import { composeProjectName, FIXTURE_IMAGE, requireEngine, RUN_ID, testDocker } from '../test-support/engine';

/**
 * A stack's remembered options reach the real compose CLI: a service under a profile starts only with that profile,
 * and an env file other than `.env` is what `config` interpolates.
 */
const docker = testDocker();
let backend: Backend;
let api: BerthApi;
let tmp: string;
let file: string;
const project = composeProjectName('berthso');

const COMPOSE = `services:
  app:
    image: ${FIXTURE_IMAGE}
    init: true
    command: sleep 600
    labels: { berth.test: "${RUN_ID}", berth.flavour: "\${FLAVOUR:-plain}" }
  debug:
    image: ${FIXTURE_IMAGE}
    init: true
    command: sleep 600
    profiles: [debug]
    labels: { berth.test: "${RUN_ID}" }
`;

beforeAll(async () => {
  await requireEngine(docker);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'berth-stack-options-int-'));
  const dir = path.join(tmp, 'app');
  file = path.join(dir, 'compose.yaml');
  ({ backend, api } = await startTestBackend({ configDir: path.join(tmp, 'config') }));
  await api.stacks.create({ dir, template: 'empty', fileName: 'compose.yaml' });
  writeFileSync(file, COMPOSE);
  writeFileSync(path.join(dir, 'flavours.env'), 'FLAVOUR=spicy\n');
}, 60_000);

afterAll(async () => {
  if (file) await runAction({ action: 'down' }).catch(() => undefined);
  const left = await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
  await Promise.all(left.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
  await backend?.close();
  rmSync(tmp, { recursive: true, force: true });
}, 60_000);

const runAction = (input: Partial<Parameters<BerthApi['stacks']['run']>[0]>) =>
  messagesOf<StackRunMessage>((h) => api.stacks.run({ path: file, action: 'up', ...input }, h));

async function servicesRunning(): Promise<string[]> {
  const list = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${project}`, `berth.test=${RUN_ID}`] } });
  return list.map((c) => c.Labels['com.docker.compose.service'] ?? '').sort();
}

describe('stack options with the real compose CLI', () => {
  it('are remembered, and rejected when a path is relative or climbs', async () => {
    await api.stacks.setOptions({ path: file, options: { projectName: project, files: [], profiles: [], envFile: null } });
    const doc = await api.stacks.open({ path: file });
    expect(doc.projectName).toBe(project);
    expect((await api.stacks.remembered({})).find((r) => r.path === file)?.options.projectName).toBe(project);
    await expect(api.stacks.setOptions({ path: file, options: { projectName: null, files: [], profiles: [], envFile: `${tmp}/../x.env` } })).rejects.toThrow();
  });

  it('a service under a profile starts only with the profile', async () => {
    const plain = await runAction({ action: 'up' });
    expect(plain.at(-1)).toMatchObject({ type: 'exit', ok: true });
    expect(plain.find((m) => m.type === 'start')).toMatchObject({ command: expect.stringContaining(`-p ${project}`) as string });
    expect(await servicesRunning()).toEqual(['app']);

    await api.stacks.setOptions({ path: file, options: { projectName: project, files: [], profiles: ['debug'], envFile: null } });
    const withProfile = await runAction({ action: 'up' });
    expect(withProfile.at(-1)).toMatchObject({ type: 'exit', ok: true });
    expect(await servicesRunning()).toEqual(['app', 'debug']);

    // down with the profile removes the profiled service too
    const down = await runAction({ action: 'down' });
    expect(down.at(-1)).toMatchObject({ type: 'exit', ok: true });
    expect(await servicesRunning()).toEqual([]);
  }, 120_000);

  it('the env file is what config interpolates', async () => {
    await api.stacks.setOptions({ path: file, options: { projectName: project, files: [], profiles: [], envFile: null } });
    const before = await api.stacks.config({ path: file });
    expect(before.ok).toBe(true);
    expect(before.text).toMatch(/berth\.flavour: plain/);

    await api.stacks.setOptions({ path: file, options: { projectName: project, files: [], profiles: [], envFile: path.join(path.dirname(file), 'flavours.env') } });
    const after = await api.stacks.config({ path: file });
    expect(after.ok).toBe(true);
    expect(after.text).toMatch(/berth\.flavour: spicy/);
  }, 60_000);
});
