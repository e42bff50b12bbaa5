import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthApi, StackRunMessage } from '../../preload/contract';
import type { Backend } from '../backend';
import { messagesOf, startTestBackend } from '../test-support/backend';
import { composeProjectName, FIXTURE_IMAGE, requireEngine, RUN_ID, testDocker } from '../test-support/engine';
import { httpGet } from '../test-support/http';

/**
 * Stacks through the router against the real engine and the real compose CLI (v1 here): up, the down plan, down
 * with volumes, stop/start/restart, per-service actions, failures named by service, and the files side (save keeps
 * comments, conflict, history) in a temporary config folder.
 */
const docker = testDocker();
let backend: Backend;
let api: BerthApi;
let tmp: string;
let dir: string;
let file: string;
const project = composeProjectName('berthst');

const COMPOSE = `# Fixture stack for Berth's integration tests (comments must survive saves).
services:
  db:
    image: ${FIXTURE_IMAGE}
    init: true
    command: sh -c "echo hello-from-db > /data/index.html && httpd -f -p 80 -h /data"
    labels: { berth.test: "${RUN_ID}" }   # a flow map, kept as typed
    volumes: [ "shared:/data" ]
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1/"]
      interval: 1s
      timeout: 2s
      retries: 30
  web:
    image: ${FIXTURE_IMAGE}
    init: true
    command: sh -c "httpd -f -p 80 -h /data"
    labels:
      berth.test: "${RUN_ID}"
    volumes:
      - shared:/data
    ports:
      - "127.0.0.1::80"
    depends_on:
      db:
        condition: service_healthy
volumes:
  shared:
    labels:
      berth.test: "${RUN_ID}"
`;

beforeAll(async () => {
  await requireEngine(docker);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'berth-stacks-int-'));
  dir = path.join(tmp, project);
  ({ backend, api } = await startTestBackend({ configDir: path.join(tmp, 'config') }));
}, 60_000);

afterAll(async () => {
  if (file) await runAction({ action: 'down', removeVolumes: true }).catch(() => undefined);
  await backend?.close();
  const vols = await docker.listVolumes({ filters: { label: [`berth.test=${RUN_ID}`] } });
  await Promise.all((vols.Volumes ?? []).map((v) => docker.getVolume(v.Name).remove().catch(() => undefined)));
  rmSync(tmp, { recursive: true, force: true });
}, 60_000);

const runAction = (input: Partial<Parameters<BerthApi['stacks']['run']>[0]>) =>
  messagesOf<StackRunMessage>((h) => api.stacks.run({ path: file, action: 'up', ...input }, h));
const exitOf = (ms: StackRunMessage[]) => ms.find((m) => m.type === 'exit') as Extract<StackRunMessage, { type: 'exit' }>;
const projectContainers = () => docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });


describe('stack files', () => {
  it('creates a stack from a template, remembers it, and refuses to overwrite an existing one', async () => {
    const doc = await api.stacks.create({ dir, template: 'web-db' });
    file = doc.path;
    expect(doc).toMatchObject({ path: path.join(dir, 'compose.yaml'), projectName: project, services: ['web', 'db'] });
    expect(doc.compose.text).toContain('condition: service_healthy');
    await expect(api.stacks.create({ dir, template: 'empty' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await api.stacks.remembered({})).map((s) => s.path)).toContain(file);
  });

  it('saves exactly the text typed, detects a change on disk, and keeps the history', async () => {
    const opened = await api.stacks.open({ path: dir });
    const saved = await api.stacks.save({ path: file, text: COMPOSE, expected: opened.compose.stamp });
    expect(saved.ok).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(COMPOSE);

    writeFileSync(file, `${COMPOSE}# edited in another editor\n`);
    const conflict = await api.stacks.save({ path: file, text: `${COMPOSE}# mine\n`, expected: saved.ok ? saved.stamp : null });
    expect(conflict).toMatchObject({ ok: false, reason: 'changed', disk: { text: `${COMPOSE}# edited in another editor\n` } });
    expect(readFileSync(file, 'utf8')).toBe(`${COMPOSE}# edited in another editor\n`);

    const history = await api.stacks.history({ path: file });
    expect(history.length).toBe(1);
    expect(await api.stacks.historyRead({ path: file, id: history[0]!.id })).toContain('nginx:alpine');
    // restoring = saving the old text over the current version
    const current = await api.stacks.readFile({ path: file });
    expect((await api.stacks.save({ path: file, text: COMPOSE, expected: current.stamp })).ok).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(COMPOSE);
  });

  it('refuses files outside opened stacks, and relative or dotted paths', async () => {
    await expect(api.stacks.readFile({ path: '/etc/passwd' })).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    await expect(api.stacks.save({ path: `${dir}/../x.yaml`, text: 'x', expected: null })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(api.stacks.open({ path: 'relative/compose.yaml' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('resolves the configuration and names undefined variables', async () => {
    const resolved = await api.stacks.config({ path: file });
    expect(resolved.ok).toBe(true);
    expect(resolved.text).toContain('hello-from-db');
    const withVar = path.join(dir, 'vars', 'compose.yaml');
    await api.stacks.create({ dir: path.dirname(withVar), template: 'empty' });
    writeFileSync(withVar, `services:\n  a:\n    image: ${FIXTURE_IMAGE}:\${BERTH_UNSET_TAG_XYZ}\n`);
    expect((await api.stacks.config({ path: withVar })).undefinedVariables).toEqual(['BERTH_UNSET_TAG_XYZ']);
  });
});

describe('stack lifecycle', () => {
  it('up starts both services after the healthy dependency; the published port answers', async () => {
    const messages = await runAction({ action: 'up' });
    const exit = exitOf(messages);
    expect(exit, JSON.stringify(messages.filter((m) => m.type === 'line'))).toMatchObject({ ok: true, failures: [] });
    const progressed = new Set(messages.flatMap((m) => (m.type === 'service' && m.state === 'done' ? [m.service] : [])));
    expect([...progressed].sort()).toEqual(['db', 'web']);
    const containers = await projectContainers();
    expect(containers.map((c) => `${c.Labels['com.docker.compose.service']}:${c.State}`).sort()).toEqual(['db:running', 'web:running']);
    const web = containers.find((c) => c.Labels['com.docker.compose.service'] === 'web')!;
    const port = web.Ports.find((p) => p.PrivatePort === 80)!.PublicPort;
    expect(await httpGet(port)).toContain('hello-from-db');
  });

  it('stop, start and a per-service restart', async () => {
    expect(exitOf(await runAction({ action: 'stop' })).ok).toBe(true);
    expect((await projectContainers()).every((c) => c.State === 'exited')).toBe(true);
    expect(exitOf(await runAction({ action: 'start' })).ok).toBe(true);
    expect((await projectContainers()).every((c) => c.State === 'running')).toBe(true);
    const before = (await projectContainers()).find((c) => c.Labels['com.docker.compose.service'] === 'web')!;
    const startedBefore = (await docker.getContainer(before.Id).inspect()).State.StartedAt;
    const restart = await runAction({ action: 'restart', services: ['web'] });
    expect(exitOf(restart).ok).toBe(true);
    expect((await docker.getContainer(before.Id).inspect()).State.StartedAt).not.toBe(startedBefore);
  });

  it('a failing up names the service and why', async () => {
    const port = (await projectContainers()).find((c) => c.Labels['com.docker.compose.service'] === 'web')!.Ports[0]!.PublicPort;
    const clash = path.join(tmp, `${project}x`, 'compose.yaml');
    await api.stacks.create({ dir: path.dirname(clash), template: 'empty' });
    writeFileSync(clash, `services:\n  taken:\n    image: ${FIXTURE_IMAGE}\n    init: true\n    command: sleep 60\n    labels: { berth.test: "${RUN_ID}" }\n    ports: ["127.0.0.1:${port}:80"]\n`);
    const messages = await runAction({ path: clash, action: 'up' });
    const exit = exitOf(messages);
    expect(exit.ok).toBe(false);
    expect(exit.failures[0]).toMatchObject({ service: 'taken' });
    expect(exit.failures[0]!.message).toMatch(/port is already allocated|address already in use/);
    await runAction({ path: clash, action: 'down' });
  });

  it('up with a broken file says what is wrong before anything runs', async () => {
    const broken = path.join(tmp, `${project}b`, 'compose.yaml');
    await api.stacks.create({ dir: path.dirname(broken), template: 'empty' });
    writeFileSync(broken, `services:\n  a:\n    image: ${FIXTURE_IMAGE}\n    bogus_key: 1\n`);
    const ms = await runAction({ path: broken, action: 'up' });
    const exit = exitOf(ms);
    expect(exit.ok).toBe(false);
    expect(exit.failures[0]!.message).toMatch(/^Nothing was started: .*bogus_key/s);
    expect(ms.some((m) => m.type === 'start')).toBe(false);
  });

  it('the down plan lists the named volume; down with volumes removes containers and the volume', async () => {
    const plan = await api.stacks.planDown({ path: file });
    expect(plan.projectName).toBe(project);
    expect(plan.containers.map((c) => c.service).sort()).toEqual(['db', 'web']);
    expect(plan.volumes.map((v) => v.name)).toEqual([`${project}_shared`]);
    expect(plan.networks).toEqual([`${project}_default`]);

    expect(exitOf(await runAction({ action: 'down', removeVolumes: true })).ok).toBe(true);
    expect(await projectContainers()).toEqual([]);
    await expect(docker.getVolume(`${project}_shared`).inspect()).rejects.toMatchObject({ statusCode: 404 });
  });
});
