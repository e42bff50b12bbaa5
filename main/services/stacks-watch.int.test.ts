import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthApi } from '../../preload/contract';
import type { Backend } from '../backend';
import { startTestBackend } from '../test-support/backend';
import { FIXTURE_IMAGE, requireEngine, RUN_ID, testDocker } from '../test-support/engine';
import { tempDir } from '../test-support/temp';
import { watchSupportOf } from './stacks-watch-model';

/**
 * What compose watch can do with the compose CLI of the world the tests run in (every world): v2.22+ offers it, v1
 * refuses with the version it needs, and a file without develop.watch has nothing to watch. The watch itself, with
 * a real sync, is stacks-watch.world.test.ts (modern world).
 */
const docker = testDocker();
let backend: Backend;
let api: BerthApi;
let file: string;
let plain: string;
const V1 = '/usr/bin/docker-compose';

beforeAll(async () => {
  await requireEngine(docker);
  const tmp = tempDir('berth-compose-watch-int-');
  const dir = path.join(tmp, 'watchable');
  mkdirSync(dir);
  file = path.join(dir, 'compose.yaml');
  writeFileSync(file, `services:\n  app:\n    build: .\n    develop:\n      watch:\n        - action: sync\n          path: ./src\n          target: /app\n  db:\n    image: ${FIXTURE_IMAGE}\n    labels: { berth.test: "${RUN_ID}" }\n`);
  const other = path.join(tmp, 'plain');
  mkdirSync(other);
  plain = path.join(other, 'compose.yaml');
  writeFileSync(plain, `services:\n  db:\n    image: ${FIXTURE_IMAGE}\n`);
  ({ backend, api } = await startTestBackend({ configDir: path.join(tmp, 'config') }, 'watch-int'));
  await api.stacks.open({ path: file });
  await api.stacks.open({ path: plain });
}, 60_000);

afterAll(async () => {
  await backend?.close();
});

describe('compose watch support in this world', () => {
  it('matches the compose CLI found: offered from v2.22, else refused naming the version needed', async () => {
    const cli = await api.stacks.cli({});
    const support = await api.stacks.composeWatch.support({ path: file });
    expect(support.services).toEqual(['app']);
    expect(support.supported).toBe(watchSupportOf(cli).supported);
    if (!support.supported) {
      expect(support.reason).toContain('v2.22.0 or later');
      expect(support.reason).toContain(cli.version ?? 'no compose CLI');
      await expect(api.stacks.composeWatch.start({ path: file })).rejects.toMatchObject({ code: 'CONFLICT', details: { reason: 'watch-unsupported' } });
    }
    expect(await api.stacks.composeWatch.stop({ path: file })).toBeNull();
  });

  it('with docker-compose v1 chosen in Settings (the test world installs it beside v2): refused, naming both versions', async () => {
    const before = await api.stacks.cli({});
    if (before.kind !== 'v1') {
      if (!existsSync(V1)) throw new Error(`${V1} (docker-compose v1) is missing: the test world installs it (bash scripts/engine-up.sh).`);
      await api.stacks.setCliPath({ path: V1 });
    }
    try {
      const support = await api.stacks.composeWatch.support({ path: file });
      expect(support.supported).toBe(false);
      expect(support.reason).toMatch(/Docker Compose v2\.22\.0 or later; this engine's stacks run docker-compose 1\.\d+\.\d+ \(v1\)/);
      await expect(api.stacks.composeWatch.start({ path: file })).rejects.toMatchObject({ code: 'CONFLICT', message: support.reason });
    } finally {
      await api.stacks.setCliPath({ path: before.configuredPath });
    }
  });

  it('a file with no develop.watch has nothing to watch', async () => {
    expect((await api.stacks.composeWatch.support({ path: plain })).services).toEqual([]);
    await expect(api.stacks.composeWatch.start({ path: plain })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('the "site with live sync" template: a develop.watch service and the files its build needs', async () => {
    const dir = path.join(tempDir('berth-dev-watch-template-'), 'site');
    const doc = await api.stacks.create({ dir, template: 'dev-watch' });
    expect(readFileSync(doc.path, 'utf8')).toContain('develop:');
    expect(readFileSync(path.join(dir, 'Dockerfile'), 'utf8')).toContain('COPY site/');
    expect(existsSync(path.join(dir, 'site', 'index.html'))).toBe(true);
    expect((await api.stacks.composeWatch.support({ path: doc.path })).services).toEqual(['web']);
    // compose v2 runs it; v1 knows no develop section and says so (what the Watch note's tooltip warns about).
    const resolved = await api.stacks.config({ path: doc.path });
    if ((await api.stacks.cli({})).kind === 'v2') expect(resolved.error).toBeNull();
    else expect(resolved.error).toMatch(/develop/);
  });

  it('refuses a project name compose would not accept', async () => {
    const error = await new Promise((resolve) => api.stacks.composeWatch.output({ projectName: 'Not A Project!' }, { next: () => {}, error: resolve }));
    expect(error).toMatchObject({ code: 'INVALID_INPUT' });
    await expect(api.stacks.composeWatch.support({ path: 'relative/compose.yaml' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
