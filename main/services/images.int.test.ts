import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthApi, BuildMessage, TransferMessage } from '../../preload/contract';
import type { Backend } from '../backend';
import { collect, startTestBackend } from '../test-support/backend';
import { eventually, FIXTURE_IMAGE, removeTestImages, removeTestObjects, requireEngine, RUN_ID, testDocker, TEST_LABEL } from '../test-support/engine';
import { startTestRegistry, type TestRegistry } from '../test-support/registry-server';
import { startSlowTcpProxy } from '../test-support/slow-tcp-proxy';
import { writeFiles } from '../test-support/temp';
import { apiAtLeast } from './images-disk-use';

/**
 * Images and registries against the real engine and two throwaway registries on 127.0.0.1 (one open, one behind
 * htpasswd), with a temporary DOCKER_CONFIG: never the real one, never Docker Hub.
 */
const docker = testDocker();
let backend: Backend;
let api: BerthApi;
let open: TestRegistry;
let locked: TestRegistry;
let dockerConfig: string;
let work: string;
const AUTH = { username: 'berth', password: `pw-${RUN_ID}` };
const LABEL = `${TEST_LABEL}=${RUN_ID}`;
const tagsToRemove = new Set<string>();
const after: (() => Promise<void>)[] = [];

beforeAll(async () => {
  await requireEngine(docker);
  [open, locked] = await Promise.all([startTestRegistry(), startTestRegistry({ auth: AUTH })]);
  dockerConfig = mkdtempSync(path.join(os.tmpdir(), 'berth-int-dockercfg-'));
  work = mkdtempSync(path.join(os.tmpdir(), 'berth-int-build-'));
  ({ backend, api } = await startTestBackend({ env: { ...process.env, DOCKER_CONFIG: dockerConfig } }));
}, 60_000);

afterAll(async () => {
  await backend?.close();
  await removeTestObjects(docker);
  for (const tag of tagsToRemove) await docker.getImage(tag).remove({ force: true }).catch(() => undefined);
  await removeTestImages(docker);
  await Promise.all([open?.stop(), locked?.stop(), ...after.map((f) => f())]);
  rmSync(dockerConfig, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

const pull = (ref: string) => collect<TransferMessage>((h) => api.images.pull({ ref }, h));
const push = (ref: string) => collect<TransferMessage>((h) => api.images.push({ ref }, h));
const build = (input: Parameters<BerthApi['images']['build']>[0]) => collect<BuildMessage>((h) => api.images.build(input, h));

const context = (name: string, files: Record<string, string>) => writeFiles(path.join(work, name), files);

const MULTI_STAGE = `FROM ${FIXTURE_IMAGE} AS base
RUN head -c 300000 /dev/urandom > /blob && echo built-in-base > /msg
LABEL ${TEST_LABEL}=${RUN_ID}
FROM ${FIXTURE_IMAGE}
COPY --from=base /blob /blob
COPY --from=base /msg /msg
COPY hello.txt /hello.txt
ENV GREETING=hi
`;

describe('build', () => {
  it('builds a multi-stage Dockerfile, honouring .dockerignore, with steps and the context size', async () => {
    const dir = context('multi', {
      Dockerfile: MULTI_STAGE,
      'hello.txt': 'hello\n',
      '.dockerignore': 'ignored/\n',
      'ignored/big.bin': 'x'.repeat(50_000),
    });
    const tag = `berth-test/built:${RUN_ID}`;
    tagsToRemove.add(tag);
    const { messages, error } = await build({ context: dir, tags: [tag], labels: { [TEST_LABEL]: RUN_ID } });
    expect(error).toBeNull();
    const ctx = messages.find((m) => m.type === 'context');
    expect(ctx).toMatchObject({ type: 'context', files: 3, warning: null });
    expect(ctx && ctx.type === 'context' && ctx.bytes).toBeLessThan(10_000); // the ignored 50 kB stayed home
    const steps = messages.filter((m) => m.type === 'step');
    // Eight instructions, plus the LABEL step the engine appends for the build's labels.
    expect(steps.map((s) => s.type === 'step' && s.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(steps.every((s) => s.type === 'step' && s.total === 9)).toBe(true);
    const done = messages.at(-1);
    expect(done).toMatchObject({ type: 'done', tags: [tag] });
    const inspected = await docker.getImage(tag).inspect();
    expect(done?.type === 'done' && done.id).toBe(inspected.Id);
    expect(inspected.Config.Labels?.[TEST_LABEL]).toBe(RUN_ID);

    const history = await api.images.history({ id: tag });
    expect(history[0]?.createdBy).toMatch(/^LABEL berth\.test=/);
    expect(history[1]?.createdBy).toMatch(/ENV GREETING=hi/);
    expect(history[1]?.empty).toBe(true);
    expect(Math.max(...history.map((h) => h.size))).toBeGreaterThanOrEqual(300_000); // the copied /blob
  });

  it('names the failing RUN step and shows its output', async () => {
    const dir = context('failing', { Dockerfile: `FROM ${FIXTURE_IMAGE}\nRUN echo about-to-fail && false\n` });
    const { error } = await build({ context: dir, labels: { [TEST_LABEL]: RUN_ID } });
    expect(error?.code).toBe('ENGINE_ERROR');
    expect(error?.message).toMatch(/^Step 2\/3 \(RUN echo about-to-fail && false\) failed: .*non-zero code: 1/);
    expect((error?.details as { output: string[] }).output.join('\n')).toContain('about-to-fail');
  });

  it('inspect gives the engine\'s answer and names the secret-looking env values', async () => {
    const dir = context('with-env', { Dockerfile: `FROM ${FIXTURE_IMAGE}\nENV API_TOKEN=s3cret-${RUN_ID} LOG_LEVEL=debug\n` });
    const tag = `berth-test/with-env:${RUN_ID}`;
    tagsToRemove.add(tag);
    const { error } = await build({ context: dir, tags: [tag], labels: { [TEST_LABEL]: RUN_ID } });
    expect(error).toBeNull();
    const inspected = await api.images.inspect({ id: tag });
    expect(inspected.raw.Id).toBe((await docker.getImage(tag).inspect()).Id);
    expect((inspected.raw.Config as { Env: string[] }).Env).toContain(`API_TOKEN=s3cret-${RUN_ID}`);
    expect(inspected.secretEnvNames).toEqual(['API_TOKEN']);
    await expect(api.images.inspect({ id: `berth-test/absent:${RUN_ID}` })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('says when the Dockerfile is missing', async () => {
    const dir = context('empty', { 'readme.txt': 'no dockerfile here' });
    const { error } = await build({ context: dir });
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('no Dockerfile') });
  });
});

describe('push and pull through a registry without auth', () => {
  it('pushes a built image with layer progress, then pulls it back after removing it, with download progress', async () => {
    const dir = context('pushme', {
      Dockerfile: `FROM ${FIXTURE_IMAGE}\nRUN head -c 400000 /dev/urandom > /payload\nLABEL ${TEST_LABEL}=${RUN_ID}\n`,
    });
    const local = `berth-test/pushme:${RUN_ID}`;
    const remote = `${open.host}/berth-test/busybox:${RUN_ID}`;
    tagsToRemove.add(local).add(remote);
    expect((await build({ context: dir, tags: [local] })).error).toBeNull();
    await api.images.tag({ id: local, ref: remote });

    const pushed = await push(remote);
    expect(pushed.error).toBeNull();
    const pushProgress = pushed.messages.filter((m) => m.type === 'progress');
    expect(pushProgress.at(-1)).toMatchObject({ percent: 100 });
    expect(pushProgress.at(-1)?.type === 'progress' && pushProgress.at(-1)!.layers.some((l) => l.phase === 'done')).toBe(true);
    const pushDone = pushed.messages.at(-1);
    expect(pushDone).toMatchObject({ type: 'done', digest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });

    // Browse: the catalog and the tags list show what was pushed.
    expect((await api.registries.catalog({ server: open.host })).repositories).toContain('berth-test/busybox');
    expect(await api.registries.tags({ server: open.host, repository: 'berth-test/busybox' })).toContain(RUN_ID);

    // Remove both names: the payload layer leaves the engine, so the pull must download it.
    await api.images.remove({ id: remote });
    await api.images.remove({ id: local });
    await expect(docker.getImage(remote).inspect()).rejects.toMatchObject({ statusCode: 404 });

    const pulled = await pull(remote);
    expect(pulled.error).toBeNull();
    const progress = pulled.messages.filter((m) => m.type === 'progress');
    const phases = new Set(progress.flatMap((m) => (m.type === 'progress' ? m.layers.map((l) => l.phase) : [])));
    expect(phases.has('done')).toBe(true);
    expect(phases.has('exists')).toBe(true); // the fixture's base layer was already here
    expect(progress.at(-1)).toMatchObject({ percent: 100 });
    const done = pulled.messages.at(-1);
    expect(done).toMatchObject({ type: 'done', ref: remote, id: expect.stringMatching(/^sha256:/) });
    expect(done?.type === 'done' && done.digest).toBe(pushDone?.type === 'done' && pushDone.digest);

    // The list follows the engine's pull event.
    await eventually(async () => {
      const snapshot = await new Promise<string[]>((resolve) => {
        const stop = api.images.watch({}, { next: (m) => (stop(), resolve(m.images.flatMap((i) => i.repoTags))) });
      });
      expect(snapshot).toContain(remote);
    });
  });

  it('cancelling a pull halfway aborts the engine request and leaves nothing behind', async () => {
    const dir = context('big', {
      Dockerfile: `FROM ${FIXTURE_IMAGE}\nRUN head -c 40000000 /dev/urandom > /big\nLABEL ${TEST_LABEL}=${RUN_ID}\n`,
    });
    const pushed = `${open.host}/berth-test/big:${RUN_ID}`;
    tagsToRemove.add(pushed);
    expect((await build({ context: dir, tags: [pushed] })).error).toBeNull();
    expect((await push(pushed)).error).toBeNull();
    await api.images.remove({ id: pushed });
    // The same registry behind a proxy at 4 MB/s: over loopback the 40 MB layer would arrive before the first
    // progress report (they come at most every 100 ms), and there would be no "halfway" to cancel at.
    const slow = await startSlowTcpProxy({ host: '127.0.0.1', port: open.port }, 4_000_000);
    after.push(() => slow.close());
    const remote = `${slow.host}/berth-test/big:${RUN_ID}`;
    tagsToRemove.add(remote);

    const seen: TransferMessage[] = [];
    let ended = false;
    await new Promise<void>((resolve) => {
      const stop = api.images.pull(
        { ref: remote },
        {
          next: (m) => {
            seen.push(m);
            if (m.type === 'progress' && m.layers.some((l) => l.phase === 'downloading' && l.current > 0)) {
              stop();
              resolve();
            }
          },
          // Ending before any download progress fails below (a "done" was seen) instead of timing out here.
          error: () => ((ended = true), resolve()),
          complete: () => ((ended = true), resolve()),
        },
      );
    });
    expect(seen.some((m) => m.type === 'done')).toBe(false);
    // The tracked operation ends as cancelled (nothing stays "pulling") and the image never appears.
    await eventually(async () => {
      const { operations } = await api.operations.current({});
      const pulls = operations.filter((o) => o.kind === 'pull' && o.label.endsWith(`/berth-test/big:${RUN_ID}`));
      expect(pulls.map((o) => o.state)).toEqual(['cancelled']);
    });
    await expect(docker.getImage(remote).inspect()).rejects.toMatchObject({ statusCode: 404 });
    expect(ended).toBe(false); // a cancelled stream sends nothing more
  });

  it('saves an image to a tar file and loads it back', async () => {
    const tag = `berth-test/saved:${RUN_ID}`;
    tagsToRemove.add(tag);
    await api.images.tag({ id: FIXTURE_IMAGE, ref: tag });
    const file = path.join(work, 'saved.tar');
    const saved = await api.images.save({ ids: [tag], path: file });
    expect(saved.bytes).toBeGreaterThan(1_000_000);
    await api.images.remove({ id: tag });
    expect(await api.images.load({ path: file })).toEqual({ loaded: [tag] });
    expect((await docker.getImage(tag).inspect()).Id).toBe((await docker.getImage(FIXTURE_IMAGE).inspect()).Id);
    await expect(api.images.load({ path: path.join(work, 'missing.tar') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A folder that is not there is the file's problem, not the engine's (ENOENT used to read as "engine unreachable").
    const nowhere = path.join(work, 'no-such-folder', 'saved.tar');
    await expect(api.images.save({ ids: [FIXTURE_IMAGE], path: nowhere })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining(`"${nowhere}" (or its folder) does not exist`),
    });
  });

  it('save takes only absolute paths, and replaces an existing file only with overwrite', async () => {
    for (const relative of ['saved.tar', './saved.tar', '../saved.tar']) {
      await expect(api.images.save({ ids: [FIXTURE_IMAGE], path: relative })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(api.images.load({ path: relative })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    const file = path.join(work, 'exists.tar');
    writeFileSync(file, 'keep me');
    await expect(api.images.save({ ids: [FIXTURE_IMAGE], path: file })).rejects.toMatchObject({ code: 'CONFLICT', details: { exists: true } });
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    expect(readdirSync(work).filter((n) => n.endsWith('.part'))).toEqual([]);
    const saved = await api.images.save({ ids: [FIXTURE_IMAGE], path: file, overwrite: true });
    expect(saved).toEqual({ path: file, bytes: statSync(file).size });
    expect(saved.bytes).toBeGreaterThan(1_000_000);
    // a new file needs no flag, and leaves no temp file behind
    const fresh = path.join(work, 'fresh.tar');
    expect((await api.images.save({ ids: [FIXTURE_IMAGE], path: fresh })).bytes).toBe(saved.bytes);
    expect(readdirSync(work).filter((n) => n.endsWith('.part'))).toEqual([]);
  });

  it('reports an unknown tag and a registry that does not answer', async () => {
    const missing = await pull(`${open.host}/berth-test/busybox:no-such-tag`);
    expect(missing.error?.code).toBe('NOT_FOUND');
    const nowhere = await pull('127.0.0.1:1/berth-test/busybox:x');
    expect(nowhere.error).toMatchObject({ code: 'ENGINE_ERROR', message: expect.stringMatching(/does not answer/) });
    await expect(api.registries.catalog({ server: '127.0.0.1:1' })).rejects.toMatchObject({
      code: 'ENGINE_ERROR',
      message: expect.stringMatching(/127\.0\.0\.1:1 does not answer/),
    });
  });

  it('rejects invalid references before the engine sees them', async () => {
    await expect(api.images.tag({ id: FIXTURE_IMAGE, ref: 'UPPER:case' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/lowercase/),
    });
    await expect(api.images.tag({ id: FIXTURE_IMAGE, ref: 'a b' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/space/) });
    await expect(api.images.tag({ id: FIXTURE_IMAGE, ref: 'repo:' })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/no tag/) });
  });
});

describe('a registry with htpasswd auth', () => {
  it('refuses anonymous browsing and wrong credentials, then logs in, browses and pushes', async () => {
    await expect(api.registries.catalog({ server: locked.host })).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
      details: { reason: 'login-required' },
    });
    await expect(api.registries.login({ server: locked.host, username: AUTH.username, password: 'wrong' })).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
      details: { reason: 'bad-credentials' },
    });
    expect(await api.registries.list({})).toEqual([]);

    const account = await api.registries.login({ server: `http://${locked.host}`, ...AUTH });
    expect(account).toEqual({ server: locked.host, username: AUTH.username, store: { kind: 'config-file' } });
    const file = JSON.parse(readFileSync(path.join(dockerConfig, 'config.json'), 'utf8')) as { auths: Record<string, { auth: string }> };
    expect(Buffer.from(file.auths[locked.host]!.auth, 'base64').toString()).toBe(`${AUTH.username}:${AUTH.password}`);
    expect(await api.registries.list({})).toEqual([account]);

    const remote = `${locked.host}/private/busybox:${RUN_ID}`;
    tagsToRemove.add(remote);
    await api.images.tag({ id: FIXTURE_IMAGE, ref: remote });
    expect((await push(remote)).error).toBeNull();
    expect((await api.registries.catalog({ server: locked.host })).repositories).toEqual(['private/busybox']);

    await api.registries.logout({ server: locked.host });
    expect(await api.registries.list({})).toEqual([]);
    const denied = await push(remote);
    expect(denied.error, JSON.stringify(denied.error)).toMatchObject({ code: 'PERMISSION_DENIED' });
  });
});

describe('remove and prune', () => {
  it('names the containers that use an image it will not remove', async () => {
    const tag = `berth-test/inuse:${RUN_ID}`;
    tagsToRemove.add(tag);
    await api.images.tag({ id: FIXTURE_IMAGE, ref: tag });
    const dir = context('inuse', { Dockerfile: `FROM ${tag}\nLABEL ${TEST_LABEL}=${RUN_ID} inuse=${RUN_ID}\n` });
    const built = await build({ context: dir, tags: [tag] });
    expect(built.error).toBeNull();
    const user = await docker.createContainer({ Image: tag, name: `berth-t-img-user2-${RUN_ID.slice(-6)}`, Cmd: ['true'], Labels: { [TEST_LABEL]: RUN_ID } });
    await eventually(async () => expect((await api.images.planRemoval({ id: tag })).containers.map((c) => c.id)).toContain(user.id));
    await expect(api.images.remove({ id: tag })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`berth-t-img-user2-${RUN_ID.slice(-6)}`),
    });
    await user.remove({ force: true });
  });

  it('prunes exactly the dangling images its preview listed, and reports the space reclaimed', async () => {
    const tag = `berth-test/prune:${RUN_ID}`;
    tagsToRemove.add(tag);
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const dir = context(`prune-${n}`, { Dockerfile: `FROM ${FIXTURE_IMAGE}\nRUN head -c 200000 /dev/urandom > /junk-${n}\nLABEL ${TEST_LABEL}=${RUN_ID}\n` });
      const { messages, error } = await build({ context: dir, tags: [tag] });
      expect(error).toBeNull();
      const done = messages.at(-1);
      if (done?.type === 'done') ids.push(done.id);
    }
    // The second build took the tag: the first image is dangling now (so is the base stage of the multi-stage build).
    const before = (await docker.listImages({ filters: { label: [LABEL] } })).map((i) => i.Id);
    const plan = await api.images.planPrune({ all: false, label: LABEL });
    const planned = plan.images.map((i) => i.id);
    expect(planned).toContain(ids[0]);
    expect(planned).not.toContain(ids[1]);
    expect(plan.bytes).toBeGreaterThanOrEqual(200_000);

    const result = await api.images.prune({ all: false, label: LABEL });
    const after = new Set((await docker.listImages({ filters: { label: [LABEL] } })).map((i) => i.Id));
    // Exactly the preview went: every planned image is gone, every other labelled image is still there.
    expect(before.filter((id) => !after.has(id)).sort()).toEqual([...planned].sort());
    expect(planned.every((id) => result.deleted.includes(id))).toBe(true);
    expect(result.reclaimed).toBeGreaterThanOrEqual(200_000);
  });
});

describe('disk use', () => {
  it('counts the images\' layers once, as `docker system df` does, where the engine can measure images alone', async () => {
    // Two images on the fixture's layers: the list's sizes count those layers in each, the disk holds them once.
    const dir = context('disk-use', { Dockerfile: `FROM ${FIXTURE_IMAGE}\nRUN head -c 100000 /dev/urandom > /extra\nLABEL ${TEST_LABEL}=${RUN_ID}\n` });
    const { error } = await build({ context: dir });
    expect(error).toBeNull();
    const version = await docker.version();
    const podman = (version.Components ?? []).some((c) => /podman/i.test(c.Name));
    if (podman || !apiAtLeast(version.ApiVersion ?? '', [1, 42])) {
      // Docker 20.10 and Podman: no images-only measure; the page falls back to its own sum and says so.
      expect(await api.images.diskUse({})).toEqual({ engineId: 'local', bytes: null });
      return;
    }
    // The engine's own full measure (the Disk page's, `docker system df`'s Images SIZE), read around Berth's answer:
    // other tests may build or remove images meanwhile, so the two are compared when neither changed in between.
    const layersSize = async () => ((await docker.df()) as { LayersSize: number }).LayersSize;
    await eventually(async () => {
      const before = await layersSize();
      const use = await api.images.diskUse({});
      const afterwards = await layersSize();
      expect(before).toBe(afterwards);
      expect(use).toEqual({ engineId: 'local', bytes: before });
    }, 30_000, 500);
    const listed = (await docker.listImages()).reduce((n, i) => n + i.Size, 0);
    expect((await api.images.diskUse({})).bytes).toBeLessThan(listed);
  });
});
