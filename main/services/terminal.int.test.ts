import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext, TerminalMessage } from '../../preload/contract';
import { terminalContract } from '../../preload/contract/terminal';
import { EngineRegistry } from '../engine/registry';
import { Router } from '../rpc/router';
import { createTestContainer, eventually, FIXTURE_IMAGE, removeTestObjects, requireEngine, RUN_ID, testDocker, testLabels, uniqueName } from '../test-support/engine';
import { buildNoShellImage } from '../test-support/no-shell-image';
import { openTerminalStream } from '../test-support/terminal-session';
import { TerminalService } from './terminal';

const docker = testDocker();
const NO_SHELL_IMAGE = `berth-fixture/noshell:${RUN_ID}`.toLowerCase();
const ctx: CallContext = { transport: 'test', clientId: 'client-a' };
let engines: EngineRegistry;
let service: TerminalService;
let router: Router;
let box: Docker.Container;

beforeAll(async () => {
  await requireEngine(docker);
  engines = EngineRegistry.fromEnvironment();
  engines.startAll();
  service = new TerminalService(engines);
  router = new Router({ terminal: terminalContract }, { terminal: service });
  await eventually(() => expect(engines.get().status.state).toBe('connected'));
  box = await createTestContainer(docker, { name: uniqueName('term'), start: true });
});

afterAll(async () => {
  await removeTestObjects(docker);
  await docker.getImage(NO_SHELL_IMAGE).remove({ force: true }).catch(() => undefined);
  await engines?.stopAll();
});

/** Opens a terminal through the router and collects what it sends, output decoded only here, for assertions. */
const open = (input: Record<string, unknown>, clientCtx = ctx) =>
  openTerminalStream<TerminalMessage>(router, 'terminal.open', { cols: 80, rows: 24, ...input }, clientCtx);

/** Host PIDs of the container's processes whose command line contains `needle` (what `docker top` shows). */
async function topMatching(c: Docker.Container, needle: string): Promise<string[]> {
  const top = (await c.top({ ps_args: '-eo pid,args' })) as { Titles: string[]; Processes: string[][] };
  return top.Processes.filter((p) => p.join(' ').includes(needle)).map((p) => p[0]!);
}

describe('terminal sessions against the real engine', () => {
  it('starts the best shell, echoes input, reports stty size after a resize and the exit code', async () => {
    const t = open({ containerId: box.id });
    const ready = await t.ready();
    expect(ready.shell).toEqual(['sh']); // the busybox fixture has no bash
    await t.type('echo $((6*7))\r', ready.sessionId);
    await eventually(() => expect(t.text()).toMatch(/\r\n42\r\n/));

    await router.call('terminal.resize', { sessionId: ready.sessionId, cols: 101, rows: 33 }, ctx);
    await t.type('stty size\r', ready.sessionId);
    await eventually(() => expect(t.text()).toContain('33 101'));

    await t.type('exit 7\r', ready.sessionId);
    await eventually(() => expect(t.completed()).toBe(true));
    expect(t.messages.at(-1)).toEqual({ type: 'exit', code: 7, containerRunning: true });
    expect(service.openSessions).toBe(0);
  });

  it('runs a given command as a given user in a given folder', async () => {
    const t = open({ containerId: box.id, command: ['sh', '-c', 'id -u; pwd'], user: '123', workingDir: '/etc' });
    await eventually(() => expect(t.completed()).toBe(true));
    expect(t.text()).toMatch(/123\r\n\/etc\r\n/);
    expect(t.messages.at(-1)).toMatchObject({ type: 'exit', code: 0 });
  });

  it('cancelling the stream kills the exec process and everything it started', async () => {
    const marker = `sleep ${4000 + Math.floor(Math.random() * 999)}`;
    const t = open({ containerId: box.id });
    const ready = await t.ready();
    await t.type(`${marker} & ${marker}\r`, ready.sessionId);
    await eventually(async () => expect(await topMatching(box, marker)).toHaveLength(2));
    t.cancel();
    await eventually(async () => expect(await topMatching(box, marker)).toEqual([]));
    await eventually(() => expect(service.openSessions).toBe(0));
    // Its session id is gone: writing to it is refused.
    await expect(router.call('terminal.write', { sessionId: ready.sessionId, data: new Uint8Array([10]) }, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('a session belongs to the client that opened it', async () => {
    const t = open({ containerId: box.id });
    const ready = await t.ready();
    const other: CallContext = { transport: 'test', clientId: 'client-b' };
    await expect(router.call('terminal.write', { sessionId: ready.sessionId, data: new Uint8Array([10]) }, other)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(router.call('terminal.resize', { sessionId: ready.sessionId, cols: 10, rows: 10 }, other)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // The client going away (window reload) ends it too.
    router.disposeClient(ctx.clientId);
    await eventually(() => expect(service.openSessions).toBe(0));
  });

  it('refuses oversized writes and bad sizes before they reach the engine', async () => {
    await expect(router.call('terminal.write', { sessionId: 'a'.repeat(16), data: new Uint8Array(64 * 1024 + 1) }, ctx)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(router.call('terminal.resize', { sessionId: 'a'.repeat(16), cols: 0, rows: 10 }, ctx)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('reports the exit when the container stops under the session', async () => {
    const c = await createTestContainer(docker, { start: true });
    const t = open({ containerId: c.id });
    await t.ready();
    await c.stop({ t: 0 });
    await eventually(() => expect(t.completed()).toBe(true));
    expect(t.messages.at(-1)).toMatchObject({ type: 'exit', containerRunning: false });
  });

  it('says when the container is not running', async () => {
    const c = await createTestContainer(docker, { start: false });
    const t = open({ containerId: c.id });
    await eventually(() => expect(t.error()).not.toBeNull());
    expect(t.error()).toMatchObject({ code: 'CONFLICT', details: { reason: 'not-running' } });
    expect(t.error()!.message).toMatch(/not running/);
  });

  it('says there is no shell in an image without one, and still runs a command there', async () => {
    buildNoShellImage(NO_SHELL_IMAGE, { binary: '/busybox' });
    const c = await docker.createContainer({ Image: NO_SHELL_IMAGE, name: uniqueName('noshell'), Labels: testLabels() });
    await c.start();
    const t = open({ containerId: c.id });
    await eventually(() => expect(t.error()).not.toBeNull());
    expect(t.error()).toMatchObject({ code: 'NOT_FOUND', details: { reason: 'no-shell' } });
    expect(t.error()!.message).toMatch(/no shell/i);

    const run = open({ containerId: c.id, command: ['/busybox', 'echo', 'hello from scratch'] });
    await eventually(() => expect(run.completed()).toBe(true));
    expect(run.text()).toContain('hello from scratch');
  });

  it('attaches to a container started with -it and detaches without stopping it', async () => {
    const c = await docker.createContainer({
      Image: FIXTURE_IMAGE,
      name: uniqueName('attach'),
      Cmd: ['sh'],
      Tty: true,
      OpenStdin: true,
      Labels: testLabels(),
    });
    await c.start();
    const t = open({ containerId: c.id, mode: 'attach' });
    const ready = await t.ready();
    expect(ready).toMatchObject({ mode: 'attach', shell: ['attach'] });
    await t.type('echo attached-$((2+3))\r', ready.sessionId);
    await eventually(() => expect(t.text()).toContain('attached-5'));
    t.cancel();
    await eventually(() => expect(service.openSessions).toBe(0));
    expect((await c.inspect()).State.Running).toBe(true);

    const plain = await createTestContainer(docker, { start: true });
    const refused = open({ containerId: plain.id, mode: 'attach' });
    await eventually(() => expect(refused.error()).toMatchObject({ code: 'CONFLICT', details: { reason: 'not-attachable' } }));
  });
});
