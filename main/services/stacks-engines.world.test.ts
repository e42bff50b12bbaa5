import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthApi, StackRunMessage } from '../../preload/contract';
import type { Backend } from '../backend';
import { messagesOf, startTestBackend } from '../test-support/backend';
import { composeProjectName, eventually, FIXTURE_IMAGE, requireEngine, RUN_ID, testDocker } from '../test-support/engine';
import { freePort } from '../test-support/free-port';
import { tempDir } from '../test-support/temp';

/**
 * The compose CLI runs against the stack's own engine: over the test world's TLS and ssh contexts (DOCKER_CONTEXT),
 * and, for an engine that does not answer, it fails there even though the shell's DOCKER_HOST points at a working
 * engine (so a stack is never deployed on the wrong engine).
 */
const docker = testDocker();
let backend: Backend;
let api: BerthApi;
let file: string;
const project = composeProjectName('berthme');

beforeAll(async () => {
  if (!process.env.BERTH_WORLD_TLS_HOST || !process.env.BERTH_WORLD_SSH_HOST) {
    throw new Error('No ssh/TLS endpoints of the test world: run these tests in the modern world (BERTH_WORLD=modern npm test).');
  }
  await requireEngine(docker);
  const tmp = tempDir('berth-stacks-engines-');
  const dir = path.join(tmp, project);
  mkdirSync(dir);
  file = path.join(dir, 'compose.yaml');
  writeFileSync(file, `services:\n  app:\n    image: ${FIXTURE_IMAGE}\n    init: true\n    command: sleep 600\n    labels: { berth.test: "${RUN_ID}" }\n`);
  ({ backend, api } = await startTestBackend({ configDir: path.join(tmp, 'config'), engineTuning: { retryMinMs: 50, retryMaxMs: 500 } }, 'world'));
  await api.stacks.open({ path: dir });
}, 60_000);

afterAll(async () => {
  await backend?.close();
  const mine = await docker.listContainers({ all: true, filters: { label: [`berth.test=${RUN_ID}`, `com.docker.compose.project=${project}`] } });
  await Promise.all(mine.map((c) => docker.getContainer(c.Id).remove({ force: true })));
  const nets = await docker.listNetworks({ filters: { label: [`com.docker.compose.project=${project}`] } });
  await Promise.all(nets.map((n) => docker.getNetwork(n.Id).remove().catch(() => undefined)));
  if (file) rmSync(path.dirname(file), { recursive: true, force: true });
}, 60_000);

const run = (engineId: string, action: 'up' | 'down') => messagesOf<StackRunMessage>((h) => api.stacks.run({ engineId, path: file, action }, h));
const exitOf = (ms: StackRunMessage[]) => ms.find((m) => m.type === 'exit') as Extract<StackRunMessage, { type: 'exit' }>;
const running = async () => (await docker.listContainers({ filters: { label: [`com.docker.compose.project=${project}`] } })).length;

describe('compose on the stack’s own engine', () => {
  for (const engineId of ['ctx-berth-world-tls', 'ctx-berth-world-ssh']) {
    it(`up and down through ${engineId}`, async () => {
      await eventually(() => expect(backend.engines.get(engineId).status.state).toBe('connected'), 20_000);
      const up = await run(engineId, 'up');
      expect(exitOf(up), JSON.stringify(up.slice(-5))).toMatchObject({ ok: true });
      expect(await running()).toBe(1);
      const down = await run(engineId, 'down');
      expect(exitOf(down)).toMatchObject({ ok: true });
      expect(await running()).toBe(0);
    }, 120_000);
  }

  it('an engine that does not answer: compose fails against it, not on the working engine of the shell', async () => {
    expect(process.env.DOCKER_HOST).toBeTruthy();
    const port = await freePort();
    const { engineId } = await api.engine.add({ kind: 'tcp', host: '127.0.0.1', port, tls: null });
    const up = await run(engineId, 'up');
    expect(exitOf(up).ok).toBe(false);
    expect(JSON.stringify(up)).toContain(`127.0.0.1:${port}`);
    expect(await running()).toBe(0);
    await api.engine.remove({ engineId });
  }, 60_000);
});
