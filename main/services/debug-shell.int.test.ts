import path from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallContext, DebugShellMessage } from '../../preload/contract';
import { DEBUG_TARGET_LABEL, debugShellContract } from '../../preload/contract/debug-shell';
import { terminalContract } from '../../preload/contract/terminal';
import { EngineRegistry } from '../engine/registry';
import { Router } from '../rpc/router';
import { eventually, FIXTURE_IMAGE, removeTestObjects, requireEngine, RUN_ID, testDocker, testLabels, uniqueName } from '../test-support/engine';
import { buildNoShellImage } from '../test-support/no-shell-image';
import { openTerminalStream } from '../test-support/terminal-session';
import { tempDir } from '../test-support/temp';
import { DebugShellService } from './debug-shell';
import { SettingsFile } from './settings';
import { TerminalService } from './terminal';
import { HELPER_LABEL } from './volumes-helper';

const docker = testDocker();
/** An image with no shell at all: one static binary (busybox, with no applet links: no `sh` anywhere) and a file to find. */
const NO_SHELL_IMAGE = `berth-fixture/noshell-debug:${RUN_ID}`.toLowerCase();
const ctx: CallContext = { transport: 'test', clientId: 'client-a' };
let engines: EngineRegistry;
let service: DebugShellService;
let router: Router;

beforeAll(async () => {
  await requireEngine(docker);
  buildNoShellImage(NO_SHELL_IMAGE, { binary: '/toolbin/busybox', files: { '/srv/marker-from-target.txt': 'served by the target' } });
  engines = EngineRegistry.fromEnvironment();
  engines.startAll();
  const settings = new SettingsFile(path.join(tempDir('berth-debug-settings-'), 'settings.json'));
  const terminal = new TerminalService(engines);
  service = new DebugShellService(engines, terminal, settings, { [HELPER_LABEL]: '1', ...testLabels() });
  router = new Router({ terminal: terminalContract, debugShell: debugShellContract }, { terminal, debugShell: service });
  await eventually(() => expect(engines.get().status.state).toBe('connected'));
  // No registry is reachable here: the toolbox is the local fixture image (set through the contract, as Settings does).
  await router.call('debugShell.setToolbox', { image: FIXTURE_IMAGE }, ctx);
});

afterAll(async () => {
  await removeTestObjects(docker);
  await docker.getImage(NO_SHELL_IMAGE).remove({ force: true }).catch(() => undefined);
  await engines?.stopAll();
});

async function target(start = true): Promise<Docker.Container> {
  const c = await docker.createContainer({ Image: NO_SHELL_IMAGE, name: uniqueName('noshell'), Labels: testLabels(), StopTimeout: 1 });
  if (start) await c.start();
  return c;
}

const helpersOf = async (id: string) => docker.listContainers({ all: true, filters: { label: [`${DEBUG_TARGET_LABEL}=${id}`] } });

function open(containerId: string) {
  const session = openTerminalStream<DebugShellMessage>(router, 'debugShell.open', { containerId, cols: 120, rows: 30 }, ctx, 30_000);
  const debug = () => session.messages.find((m) => m.type === 'debug') as Extract<DebugShellMessage, { type: 'debug' }> | undefined;
  return { ...session, debug };
}

describe('debug shell', () => {
  it('the target has no shell of its own (what the debug shell is for)', async () => {
    const c = await target();
    const exec = await c.exec({ Cmd: ['sh', '-c', 'true'], AttachStdout: true, AttachStderr: true });
    const started = await exec.start({}).then(
      (stream) => new Promise<boolean>((resolve) => (stream.on('data', () => {}), stream.once('end', () => resolve(true)))),
      () => false,
    );
    if (started) expect((await exec.inspect()).ExitCode).toBeGreaterThan(0);
  });

  it('sees the running target: its processes, its files at /proc/1/root, its network; closing removes the helper', async () => {
    const c = await target();
    const t = open(c.id);
    const { sessionId } = await t.ready();
    expect(t.debug()).toMatchObject({ reach: 'live', toolbox: FIXTURE_IMAGE, workingDir: '/proc/1/root' });

    const [helper] = await helpersOf(c.id);
    expect(helper).toBeDefined();
    expect(helper!.Labels).toMatchObject({ [HELPER_LABEL]: '1', [DEBUG_TARGET_LABEL]: c.id, 'berth.test': RUN_ID });
    const hi = await docker.getContainer(helper!.Id).inspect();
    expect(hi.HostConfig.PidMode).toBe(`container:${c.id}`);
    expect(hi.HostConfig.NetworkMode).toBe(`container:${c.id}`);

    await t.type('ps -o pid,args; echo ==; ls; echo ==; ls /proc/1/root/srv/; echo done-$((40+2))\r', sessionId);
    await eventually(() => expect(t.text()).toContain('done-42'), 15_000);
    const out = t.text();
    // PID 1 in the shared namespace is the target's own process.
    expect(out).toMatch(/^\s*1\s+\/toolbin\/busybox sleep 3600\s*$/m);
    // The working directory is the target's root: `ls` lists its files, not the toolbox's.
    expect(out).toMatch(/==\r?\n.*\btoolbin\b.*\r?\n==/);
    expect(out).toContain(`[debug ${(await c.inspect()).Name.slice(1)}] /proc/1/root #`);
    expect(out).toContain('marker-from-target.txt');
    // The target itself was not changed: still one container, still running, nothing added to its filesystem.
    expect((await c.inspect()).State.Running).toBe(true);

    t.cancel();
    await eventually(async () => expect(await helpersOf(c.id)).toEqual([]), 15_000);
    expect((await c.inspect()).State.Running).toBe(true);
  });

  it('the target stops while the shell is open: the session ends saying so, and the helper is removed', async () => {
    const c = await target();
    const t = open(c.id);
    await t.ready();
    expect(await helpersOf(c.id)).toHaveLength(1);
    await c.stop({ t: 1 });
    await eventually(() => expect(t.messages.find((m) => m.type === 'exit')).toMatchObject({ type: 'exit', containerRunning: false }), 20_000);
    await eventually(async () => expect(await helpersOf(c.id)).toEqual([]), 15_000);
  });

  it('a stopped target: its files, copied, not its processes; nothing of it is started', async () => {
    const c = await target(false);
    const t = open(c.id);
    const { sessionId } = await t.ready();
    expect(t.debug()).toMatchObject({ reach: 'files', workingDir: '/target' });
    await t.type('cat /target/srv/marker-from-target.txt; ps -o args | grep -c "sleep 3600" ; echo end-$((1+1))\r', sessionId);
    await eventually(() => expect(t.text()).toContain('end-2'), 15_000);
    expect(t.text()).toContain('served by the target');
    expect((await c.inspect()).State.Status).toBe('created');
    t.cancel();
    await eventually(async () => expect(await helpersOf(c.id)).toEqual([]), 15_000);
  });

  it('a toolbox image that is not there and cannot be pulled: the message names it and the setting', async () => {
    const c = await target();
    const missing = '127.0.0.1:9/berth-missing-toolbox:none';
    const info = await router.call('debugShell.setToolbox', { image: missing }, ctx);
    expect(info).toMatchObject({ image: missing, configured: missing, present: false });
    try {
      const t = open(c.id);
      await eventually(() => expect(t.error()).not.toBeNull(), 30_000);
      const e = t.error()!;
      expect(e.code).toBe('NOT_FOUND');
      expect(e.message).toContain(`"${missing}"`);
      expect(e.message).toContain('Settings → Debug shell');
      expect(e.details).toMatchObject({ reason: 'toolbox-missing' });
      expect(await helpersOf(c.id)).toEqual([]);
    } finally {
      await router.call('debugShell.setToolbox', { image: FIXTURE_IMAGE }, ctx);
    }
  });

  it('closing Berth removes the helpers of sessions still open', async () => {
    const c = await target();
    const t = open(c.id);
    await t.ready();
    expect(await helpersOf(c.id)).toHaveLength(1);
    await service.close();
    expect(await helpersOf(c.id)).toEqual([]);
    t.cancel();
  });

  it('refuses a toolbox that is not an image reference', async () => {
    await expect(router.call('debugShell.setToolbox', { image: 'not an image!' }, ctx)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
