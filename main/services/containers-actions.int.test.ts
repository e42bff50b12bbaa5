import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthApi, RunSpecInput, TrackedOperation } from '../../preload/contract';
import type { Backend } from '../backend';
import { startTestBackend } from '../test-support/backend';
import { createTestContainer, eventually, FIXTURE_IMAGE, removeTestObjects, requireEngine, testDocker, testLabels, uniqueName } from '../test-support/engine';
import { freePort } from '../test-support/free-port';
import { httpGet } from '../test-support/http';

/**
 * Every container action, the run dialog's `run`, duplicate/export and recreate, through the router (validation
 * and error mapping included) against the real engine.
 */
const docker = testDocker();
let backend: Backend;
let api: BerthApi;
const volumes: string[] = [];

beforeAll(async () => {
  await requireEngine(docker);
  ({ backend, api } = await startTestBackend());
});

afterAll(async () => {
  await backend?.close();
  await removeTestObjects(docker);
  await Promise.all(volumes.map((v) => docker.getVolume(v).remove().catch(() => undefined)));
});

const state = async (id: string) => (await docker.getContainer(id).inspect()).State;
const labels = Object.entries(testLabels()).map(([key, value]) => ({ key, value }));
const spec = (extra: Partial<RunSpecInput>): RunSpecInput => ({ image: FIXTURE_IMAGE, labels, init: true, ...extra });


describe('single actions', () => {
  it('pause, unpause, kill with a signal, rename', async () => {
    const c = await createTestContainer(docker, { start: true });
    await api.containers.pause({ id: c.id });
    expect((await state(c.id)).Paused).toBe(true);
    await api.containers.unpause({ id: c.id });
    expect((await state(c.id)).Paused).toBe(false);

    const newName = uniqueName('renamed');
    await api.containers.rename({ id: c.id, name: newName });
    expect((await c.inspect()).Name).toBe(`/${newName}`);

    await api.containers.kill({ id: c.id, signal: 'SIGTERM' });
    await eventually(async () => expect((await state(c.id)).Running).toBe(false));
  });

  it('rename to a taken name says so; an invalid name never reaches the engine', async () => {
    const a = await createTestContainer(docker, {});
    const b = await createTestContainer(docker, {});
    const bName = (await b.inspect()).Name.slice(1);
    await expect(api.containers.rename({ id: a.id, name: bName })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining(`"${bName}" is already taken`) });
    await expect(api.containers.rename({ id: a.id, name: 'no spaces allowed' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('removing a running container without force explains and keeps it; with force removes it', async () => {
    const c = await createTestContainer(docker, { start: true });
    await expect(api.containers.remove({ id: c.id })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/is running.*with force/) });
    expect((await state(c.id)).Running).toBe(true);
    await api.containers.remove({ id: c.id, force: true });
    await expect(c.inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});

describe('bulk', () => {
  it('stops three and reports each; an id that does not exist fails alone', async () => {
    const cs = await Promise.all([1, 2, 3].map(() => createTestContainer(docker, { start: true })));
    const results = await api.containers.bulk({ action: 'stop', ids: [...cs.map((c) => c.id), 'berth-no-such-container'] });
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false]);
    expect(results[3]!.error?.code).toBe('NOT_FOUND');
    for (const c of cs) expect((await state(c.id)).Running).toBe(false);
    const removed = await api.containers.bulk({ action: 'remove', ids: cs.map((c) => c.id), removeVolumes: true });
    expect(removed.every((r) => r.ok)).toBe(true);
  });

  it('is one tracked operation with progress; cancelling it calls off the actions that have not started', async () => {
    // PID 1 without an init ignores SIGTERM: its stop takes the whole timeout, and a second stop of it waits behind.
    const slow = await createTestContainer(docker, { start: true, init: false, cmd: ['sh', '-c', 'while :; do sleep 1; done'] });
    const fast = await createTestContainer(docker, { start: true });
    const firstStop = api.containers.stop({ id: slow.id, timeoutSeconds: 4 });
    let ops: TrackedOperation[] = [];
    const unwatch = api.operations.watch({}, { next: (m) => (ops = m.operations) });
    try {
      const bulk = api.containers.bulk({ action: 'stop', ids: [fast.id, slow.id] });
      const op = await eventually(() => {
        const found = ops.find((o) => o.kind === 'bulk' && o.label === 'stop 2 containers' && o.progress === 0.5);
        expect(found?.state).toBe('running');
        return found!;
      });
      expect(op.detail).toMatch(/^1 of 2 · last: /);
      expect(await api.operations.cancel({ id: op.id })).toEqual({ cancelled: true });
      const results = await bulk;
      expect(results.map((r) => [r.id, r.ok, r.error?.code])).toEqual([
        [fast.id, true, undefined],
        [slow.id, false, 'CANCELLED'],
      ]);
      await eventually(() => expect(ops.find((o) => o.id === op.id)?.state).toBe('cancelled'));
      // The stop that was already under way ran to its end; the cancelled one never reached the engine.
      await firstStop;
      expect((await state(slow.id)).Running).toBe(false);
    } finally {
      unwatch();
    }
  }, 20_000);

  it('refuses more than 500 ids', async () => {
    await expect(api.containers.bulk({ action: 'stop', ids: Array.from({ length: 501 }, (_, i) => `c${i}`) })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('run', () => {
  it('creates and starts a container with a published port, an env var and a new named volume', async () => {
    const volume = uniqueName('vol');
    volumes.push(volume);
    const port = await freePort();
    const name = uniqueName('run');
    const { id } = await api.containers.run({
      spec: spec({
        name,
        command: ['sh', '-c', 'echo "$GREETING" > /data/index.html && exec httpd -f -p 80 -h /data'],
        env: [{ key: 'GREETING', value: 'hello from berth' }],
        ports: [{ hostIp: '127.0.0.1', hostPort: port, containerPort: 80 }],
        mounts: [{ type: 'volume', source: volume, target: '/data' }],
        memory: '64m',
        cpus: '0.5',
      }),
    });
    const info = await docker.getContainer(id).inspect();
    expect(info.Name).toBe(`/${name}`);
    expect(info.HostConfig.Memory).toBe(64 * 1024 * 1024);
    expect(info.Mounts[0]).toMatchObject({ Type: 'volume', Name: volume, Destination: '/data' });
    await eventually(async () => expect(await httpGet(port)).toBe('hello from berth\n'));
  });

  it('says what is wrong: missing image, taken name, allocated port (and keeps nothing)', async () => {
    await expect(api.containers.run({ spec: spec({ image: 'berth-no-such-image:1' }) })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { field: 'image' },
    });
    const taken = await createTestContainer(docker, {});
    const takenName = (await taken.inspect()).Name.slice(1);
    await expect(api.containers.run({ spec: spec({ name: takenName }) })).rejects.toMatchObject({ code: 'CONFLICT', details: { field: 'name' } });

    const port = await freePort();
    const holder = uniqueName('holder');
    await api.containers.run({ spec: spec({ name: holder, command: ['sleep', '60'], ports: [{ hostIp: '127.0.0.1', hostPort: port, containerPort: 80 }] }) });
    const loser = uniqueName('loser');
    await expect(api.containers.run({ spec: spec({ name: loser, command: ['sleep', '60'], ports: [{ hostIp: '127.0.0.1', hostPort: port, containerPort: 81 }] }) })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`Host port ${port}`),
      details: { field: 'ports', port },
    });
    await expect(docker.getContainer(loser).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('rejects an invalid memory value before the engine sees it', async () => {
    await expect(api.containers.run({ spec: spec({ memory: 'lots' }) })).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('memory') });
  });
});

describe('duplicate, export, recreate', () => {
  it('reads the spec back from inspect and exports it as docker run and compose', async () => {
    const name = uniqueName('dup');
    const { id } = await api.containers.run({ spec: spec({ name, command: ['sleep', '300'], env: [{ key: 'API_TOKEN', value: 'abc' }], restart: { policy: 'unless-stopped' } }) });
    const read = await api.containers.runSpecOf({ id });
    expect(read).toMatchObject({ name, image: FIXTURE_IMAGE, command: ['sleep', '300'], env: [{ key: 'API_TOKEN', value: 'abc' }], restart: { policy: 'unless-stopped' } });
    expect(read.env.some((e) => e.key === 'PATH')).toBe(false); // the image's own env is left out
    const exported = await api.containers.exportRun({ id });
    expect(exported.command).toContain(`--name ${name}`);
    expect(exported.command).toContain('-e API_TOKEN=abc');
    expect(exported.compose).toContain('restart: unless-stopped');
    const masked = await api.containers.previewRun({ spec: read, maskSecrets: true });
    expect(masked.command).not.toContain('abc');
  });

  it('recreates with an edited spec under the same name, keeping the anonymous volume data', async () => {
    const name = uniqueName('recreate');
    const { id: oldId } = await api.containers.run({
      spec: spec({ name, command: ['sh', '-c', 'echo kept > /cache/file; exec sleep 300'], mounts: [{ type: 'volume', source: '', target: '/cache' }] }),
    });
    await eventually(async () => expect((await state(oldId)).Running).toBe(true));
    const edited = { ...(await api.containers.runSpecOf({ id: oldId })), command: ['sh', '-c', 'cat /cache/file; exec sleep 300'], env: [{ key: 'EDITED', value: '1' }] };
    const { id: newId } = await api.containers.recreate({ id: oldId, spec: edited, keepAnonymousVolumes: true });
    expect(newId).not.toBe(oldId);
    await expect(docker.getContainer(oldId).inspect()).rejects.toMatchObject({ statusCode: 404 });
    const info = await docker.getContainer(newId).inspect();
    const kept = (info.Mounts ?? []).flatMap((m) => (m.Type === 'volume' && m.Name ? [m.Name] : []));
    volumes.push(...kept); // removed in afterAll should an assertion fail first
    expect(info.Name).toBe(`/${name}`);
    expect(info.Config.Env).toContain('EDITED=1');
    expect(info.State.Running).toBe(true);
    await eventually(async () => {
      const logs = await docker.getContainer(newId).logs({ stdout: true, stderr: true });
      expect(logs.toString()).toContain('kept');
    });
    // The kept volume is mounted by its name now, which the engine's `rm -v` would keep; removing with the anonymous
    // volumes (as the plan lists it) still takes it.
    const plan = await api.containers.planRemoval({ id: newId });
    expect(plan.anonymousVolumes).toEqual(kept);
    await api.containers.remove({ id: newId, force: true, removeVolumes: true });
    for (const v of kept) await expect(docker.getVolume(v).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('a recreated compose container stays in its project and service', async () => {
    const name = uniqueName('composed');
    const project = uniqueName('proj');
    const c = await docker.createContainer({
      Image: FIXTURE_IMAGE,
      name,
      Cmd: ['sleep', '300'],
      Labels: testLabels({ 'com.docker.compose.project': project, 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': '1' }),
    });
    const plan = await api.containers.planRemoval({ id: c.id });
    expect(plan.container.compose).toEqual({ project, service: 'web' });
    const read = await api.containers.runSpecOf({ id: c.id });
    expect(read.labels.some((l) => l.key.startsWith('com.docker.compose.'))).toBe(false);
    const { id: newId } = await api.containers.recreate({ id: c.id, spec: { ...read, env: [{ key: 'EDITED', value: '1' }] } });
    const info = await docker.getContainer(newId).inspect();
    expect(info.Config.Env).toContain('EDITED=1');
    expect(info.Config.Labels).toMatchObject({ 'com.docker.compose.project': project, 'com.docker.compose.service': 'web', 'com.docker.compose.container-number': '1' });
  });

  it('a recreate that fails leaves the old container as it was: same name, running', async () => {
    const port = await freePort();
    await api.containers.run({ spec: spec({ name: uniqueName('portholder'), command: ['sleep', '300'], ports: [{ hostIp: '127.0.0.1', hostPort: port, containerPort: 80 }] }) });
    const name = uniqueName('keepme');
    const { id } = await api.containers.run({ spec: spec({ name, command: ['sleep', '300'] }) });
    const edited = { ...(await api.containers.runSpecOf({ id })), ports: [{ hostIp: '127.0.0.1', hostPort: port, containerPort: 80, protocol: 'tcp' as const }] };
    await expect(api.containers.recreate({ id, spec: edited })).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('was left as it was') });
    const info = await docker.getContainer(id).inspect();
    expect(info.Name).toBe(`/${name}`);
    expect(info.State.Running).toBe(true);
    const sameName = await docker.listContainers({ all: true, filters: { name: [name] } });
    expect(sameName.map((c) => c.Id)).toEqual([id]);
  });

  it('lists the choices for the dialog: local images, networks and named volumes (anonymous ones left out)', async () => {
    const named = uniqueName('choice');
    const anonymous = randomBytes(32).toString('hex');
    for (const name of [named, anonymous]) {
      await docker.createVolume({ Name: name, Labels: testLabels() });
      volumes.push(name);
    }
    const choices = await api.containers.runChoices({});
    expect(choices.images).toContain(FIXTURE_IMAGE);
    expect(choices.networks).toEqual(expect.arrayContaining(['bridge', 'host']));
    expect(choices.volumes).toContain(named);
    expect(choices.volumes).not.toContain(anonymous);
  });
});
