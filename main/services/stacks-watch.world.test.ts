import { execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthApi, ComposeWatchMessage, ComposeWatchState, StackRunMessage } from '../../preload/contract';
import type { Backend } from '../backend';
import { messagesOf, startTestBackend } from '../test-support/backend';
import { composeProjectName, eventually, requireEngine, testDocker } from '../test-support/engine';
import { requireComposeWatch, writeWatchableStack } from '../test-support/compose-watch';
import { tempDir } from '../test-support/temp';

/**
 * `compose watch` from the stack page's service, with the real compose v2 CLI: a sync action copies a file edited
 * on the host into the running container; turning it off and taking the stack down both end the compose process; a
 * watch that dies by itself is reported with its last lines. Needs compose v2.22+ (the modern world); the floor
 * world's v1 is covered by stacks-watch.int.test.ts.
 */
const docker = testDocker();
let backend: Backend;
let api: BerthApi;
let dir: string;
let file: string;
const project = composeProjectName('berthcw');
const states: ComposeWatchState[][] = [];
let cancelStates: () => void = () => {};

beforeAll(async () => {
  await requireEngine(docker);
  requireComposeWatch();
  const tmp = tempDir('berth-compose-watch-');
  dir = path.join(tmp, project);
  file = writeWatchableStack(dir, `berth-watch-${project}:test`, { 'first.txt': 'first\n' });
  ({ backend, api } = await startTestBackend({ configDir: path.join(tmp, 'config') }, 'watch'));
  await api.stacks.open({ path: dir });
  cancelStates = api.stacks.composeWatch.states({}, { next: (s) => states.push(s) });
}, 120_000);

afterAll(async () => {
  cancelStates();
  await run('down').catch(() => undefined);
  await backend?.close();
}, 60_000);

const run = (action: 'up' | 'down' | 'stop') =>
  messagesOf<StackRunMessage>((h) => api.stacks.run({ path: file, action, build: action === 'up' }, h));

/** compose watch processes of this project on the machine (the docker CLI and its compose plugin). */
function watchProcesses(): string[] {
  const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
  return ps.split('\n').filter((l) => l.includes(`-p ${project}`) && / watch\b/.test(l));
}

const appContainer = async () => (await docker.listContainers({ filters: { label: [`com.docker.compose.project=${project}`] } }))[0]!;

async function catInApp(name: string): Promise<string> {
  const exec = await docker.getContainer((await appContainer()).Id).exec({ Cmd: ['cat', `/app/${name}`], AttachStdout: true, AttachStderr: true });
  const stream = await exec.start({});
  const chunks: Buffer[] = [];
  await new Promise((resolve) => (stream.on('data', (c: Buffer) => chunks.push(c)), stream.once('end', resolve)));
  // Multiplexed stdout/stderr frames: 8-byte headers; the payload is what matters here.
  return Buffer.concat(chunks).toString('utf8');
}

describe('compose watch (compose v2)', () => {
  it('says it can run, and which services it watches', async () => {
    expect(await api.stacks.composeWatch.support({ path: file })).toEqual({ supported: true, reason: null, services: ['app'] });
  });

  it('syncs a file edited on the host into the container; turning it off ends the compose process', async () => {
    const up = await run('up');
    expect(up.find((m) => m.type === 'exit')).toMatchObject({ ok: true });
    const lines: string[] = [];
    const started = await api.stacks.composeWatch.start({ path: file });
    expect(started).toMatchObject({ projectName: project, path: file });
    expect(['starting', 'watching']).toContain(started.phase);
    const cancel = api.stacks.composeWatch.output({ projectName: project }, { next: (m: ComposeWatchMessage) => m.type === 'line' && lines.push(m.text) });
    await eventually(() => expect(states.at(-1)?.find((s) => s.projectName === project)?.phase).toBe('watching'), 60_000);
    expect(watchProcesses().length).toBeGreaterThan(0);

    const stamp = `edited-on-the-host-${Date.now()}`;
    writeFileSync(path.join(dir, 'src', 'edited.txt'), `${stamp}\n`);
    await eventually(async () => expect(await catInApp('edited.txt')).toContain(stamp), 20_000, 250);
    await eventually(() => expect(lines.some((l) => /Syncing.*app.*after changes/i.test(l))).toBe(true), 10_000);

    const stopped = await api.stacks.composeWatch.stop({ path: file });
    expect(stopped).toMatchObject({ phase: 'stopped', message: 'turned off' });
    expect(watchProcesses()).toEqual([]);
    // Off means off: a later edit stays on the host.
    writeFileSync(path.join(dir, 'src', 'after-off.txt'), 'not synced\n');
    await new Promise((r) => setTimeout(r, 2500));
    expect(await catInApp('after-off.txt')).toMatch(/No such file/);
    cancel();
  }, 120_000);

  it('taking the stack down stops its watch first', async () => {
    await run('up');
    await api.stacks.composeWatch.start({ path: file });
    await eventually(() => expect(states.at(-1)?.find((s) => s.projectName === project)?.phase).toBe('watching'), 60_000);
    const down = await run('down');
    expect(down.find((m) => m.type === 'exit')).toMatchObject({ ok: true });
    expect(states.at(-1)?.find((s) => s.projectName === project)).toMatchObject({ phase: 'stopped', message: 'the stack was taken down' });
    expect(watchProcesses()).toEqual([]);
  }, 120_000);

  it('a watch that dies is reported as failed with its last lines, and nothing is left running', async () => {
    await run('up');
    // Another compose watch on the same project holds compose's per-project lock: Berth's then ends at once.
    const other = spawn('docker', ['compose', '-p', project, '-f', file, 'watch', '--no-up'], { cwd: dir, detached: true, stdio: 'ignore' });
    try {
      await eventually(() => expect(watchProcesses().length).toBeGreaterThan(0), 10_000);
      await new Promise((r) => setTimeout(r, 1500));
      await api.stacks.composeWatch.start({ path: file });
      const failed = await eventually(() => {
        const s = states.at(-1)?.find((x) => x.projectName === project);
        expect(s?.phase).toBe('failed');
        return s!;
      }, 30_000);
      expect(failed.message).toMatch(/ended by itself/);
      expect(failed.lastLines.join('\n')).toMatch(/lock|still running/i);
    } finally {
      process.kill(-other.pid!, 'SIGINT');
      await eventually(() => expect(watchProcesses()).toEqual([]), 10_000);
    }
  }, 120_000);
});
