import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ServeProcess } from '../e2e/support/app';
import type { EngineStatus } from '../preload/contract/engine';
import { launchBarePage, type BarePage } from './cdp';
import { engineStatuses, requireRemoteWorld, SSH_ENGINE, startRemoteServe, TLS_ENGINE } from './remote-support';
import { CannotRun, fmt, rssMb, sleep, tempDir, withTimeout, type BenchContext, type Benchmark } from './lib';

const IDLE_S = Number(process.env.BERTH_BENCH_IDLE_S) || 60;
const SETTLE_MS = 5000;
/** The containers page has its list (a count), or says the engine holds none (others' tests may have left it empty). */
const CONTAINERS_SHOWN = `!!document.querySelector('[data-testid="container-count"]') || document.body.innerText.includes('No containers yet')`;
const CLK_TCK = 100; // Linux's USER_HZ on every architecture Node runs on here (getconf CLK_TCK)

/** utime + stime of a process, in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

/**
 * Podman beside the world's Docker, on a socket of this benchmark's own (`$XDG_RUNTIME_DIR/podman/podman.sock`, where
 * Berth looks for rootless Podman), so nothing else on the machine sees a new engine appear at /run/podman. Stopped
 * at the end. Null, with the reason, when Podman is not installed.
 */
async function startPodman(ctx: BenchContext): Promise<{ runtimeDir: string; version: string } | { missing: string }> {
  try {
    execFileSync('podman', ['--version'], { stdio: 'ignore' });
  } catch {
    return { missing: 'podman is not installed (bash scripts/engine-up.sh podman installs it)' };
  }
  const runtimeDir = tempDir(ctx, 'berth-bench-xdg-');
  mkdirSync(path.join(runtimeDir, 'podman'));
  const socket = path.join(runtimeDir, 'podman/podman.sock');
  const conf = '/opt/berth-world/podman/containers.conf';
  const child = spawn('podman', ['system', 'service', '--time=0', `unix://${socket}`], {
    env: { ...process.env, ...(existsSync(conf) ? { CONTAINERS_CONF: conf } : {}) },
    stdio: 'ignore',
  });
  ctx.defer(
    () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  );
  await withTimeout('podman system service answering', 30_000, (async () => {
    for (;;) {
      try {
        const v = execFileSync('docker', ['-H', `unix://${socket}`, 'version', '--format', '{{.Server.Version}}'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
        if (v) return;
      } catch {
        // not yet
      }
      if (child.exitCode !== null) throw new CannotRun(`podman system service exited (${child.exitCode})`);
      await sleep(250);
    }
  })());
  const version = execFileSync('docker', ['-H', `unix://${socket}`, 'version', '--format', '{{.Server.Version}}'], { encoding: 'utf8' }).trim();
  return { runtimeDir, version };
}

interface Window {
  rssEnd: number;
  rssMax: number;
  cpuPct: number;
}

interface Idle {
  engines: string[];
  rssSettled: number;
  /** main alone: engines connected, no window open. */
  headless: Window;
  /** A browser page open on "All engines" containers (stats of the rows on screen included). */
  window: Window;
}

/**
 * RSS and CPU of every pid over the same IDLE_S seconds, and the engine events the daemon sent meanwhile: on a
 * shared machine others' tests make events, and measuring both servers in one window gives them the same ones.
 */
async function idleWindow(ctx: BenchContext, pids: number[]): Promise<{ windows: Window[]; events: number }> {
  let events = 0;
  const stream = (await ctx.docker.getEvents({})) as NodeJS.ReadableStream & { destroy(): void };
  stream.on('data', (chunk: Buffer) => (events += chunk.toString().split('\n').filter(Boolean).length));
  try {
    const rssMax = pids.map((pid) => rssMb(pid));
    const c0 = pids.map((pid) => cpuSeconds(pid));
    const t0 = performance.now();
    for (let s = 0; s < IDLE_S; s += 5) {
      await sleep(Math.min(5, IDLE_S - s) * 1000);
      pids.forEach((pid, i) => (rssMax[i] = Math.max(rssMax[i]!, rssMb(pid))));
    }
    const seconds = (performance.now() - t0) / 1000;
    return { windows: pids.map((pid, i) => ({ rssEnd: rssMb(pid), rssMax: rssMax[i]!, cpuPct: ((cpuSeconds(pid) - c0[i]!) / seconds) * 100 })), events };
  } finally {
    stream.destroy();
  }
}

/**
 * Both `berth serve`s side by side: IDLE_S seconds with no window, then IDLE_S with a page open on every engine's
 * containers in each.
 */
async function measure(ctx: BenchContext, runs: { label: string; env: NodeJS.ProcessEnv; expect: string[] }[]): Promise<{ idle: Idle[]; events: [number, number] }> {
  const servers: ServeProcess[] = [];
  const statuses: EngineStatus[][] = [];
  for (const r of runs) {
    const server = await startRemoteServe(ctx, r.env);
    servers.push(server);
    statuses.push(await engineStatuses(server, r.expect, 45_000));
  }
  const pids = servers.map((s) => s.child.pid!);
  await sleep(SETTLE_MS);
  const rssSettled = pids.map((pid) => rssMb(pid));
  const headless = await idleWindow(ctx, pids);
  const pages: BarePage[] = [];
  for (const [i, server] of servers.entries()) {
    const page = await launchBarePage(ctx);
    ctx.defer(() => page.close());
    pages.push(page);
    await page.goto(`${server.url}#/all/containers`);
    await page.waitFor(`${runs[i]!.label}: the containers page`, CONTAINERS_SHOWN, 90_000);
  }
  await sleep(SETTLE_MS);
  const window = await idleWindow(ctx, pids);
  for (const page of pages) await page.close();
  for (const server of servers) await server.stop();
  return {
    idle: runs.map((_, i) => ({ engines: statuses[i]!.filter((s) => s.state === 'connected').map((s) => s.engineId), rssSettled: rssSettled[i]!, headless: headless.windows[i]!, window: window.windows[i]! })),
    events: [headless.events, window.events],
  };
}

/**
 * engines-4: main's resident memory and idle CPU with four engines connected (local, the TLS and ssh contexts, and
 * Podman), each with its events stream, against a second `berth serve` with the local engine alone, both running in
 * the same IDLE_S-second windows (no window open, then a page on "All engines" in each).
 */
export const engines4: Benchmark = {
  name: 'engines-4',
  describe: `main's RSS and idle CPU over ${IDLE_S} s with four engines (local, TLS, ssh, Podman) connected, ref = local alone`,
  async run(ctx) {
    requireRemoteWorld();
    const podman = await startPodman(ctx);
    // One engine: no contexts (an empty docker config folder) and no Podman socket to find.
    const emptyConfig = tempDir(ctx, 'berth-bench-dockercfg-');
    const noXdg = { XDG_RUNTIME_DIR: '' };
    const fourIds = ['local', TLS_ENGINE, SSH_ENGINE, ...('runtimeDir' in podman ? ['podman-user'] : [])];
    const { idle, events } = await measure(ctx, [
      { label: 'one engine', env: { DOCKER_CONFIG: emptyConfig, ...noXdg }, expect: ['local'] },
      { label: 'four engines', env: 'runtimeDir' in podman ? { XDG_RUNTIME_DIR: podman.runtimeDir } : noXdg, expect: fourIds },
    ]);
    const [one, four] = idle as [Idle, Idle];
    if (one.engines.length !== 1) throw new CannotRun(`the one-engine run found ${one.engines.join(', ')}`);
    // The highest RSS seen in the window with a page open: RSS at one instant swings by 20 MB with a garbage collection.
    const ratio = four.window.rssMax / one.window.rssMax;
    const cpu = four.headless.cpuPct;
    ctx.log(`  target: RSS ≤ 1.5× one engine → ${ratio <= 1.5 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}×); idle CPU ≤ 1 % of a core (no window) → ${cpu <= 1 ? 'met' : 'NOT met'} (${cpu.toFixed(2)} %)`);
    if ('missing' in podman) ctx.log(`  note: three engines, not four: ${podman.missing}`);
    const n = four.engines.length;
    const w = (x: Window) => `RSS ${fmt(x.rssEnd, ' MB')} (max ${fmt(x.rssMax, ' MB')}), CPU ${x.cpuPct.toFixed(2)} % of a core`;
    const running = (await ctx.docker.listContainers()).length;
    return {
      berth: four.window.rssMax,
      ref: one.window.rssMax,
      unit: 'MB',
      table: [
        ['engines connected', `${four.engines.join(', ')}${'version' in podman ? ` (Podman ${podman.version})` : ` (no Podman: ${podman.missing})`}`],
        ['the daemon meanwhile', `${events[0]} then ${events[1]} engine events in the two windows, ${running} running containers at the end (local, TLS and ssh are one shared daemon: others' tests included)`],
        [`${n} engines, settled`, `RSS ${fmt(four.rssSettled, ' MB')}`],
        [`${n} engines, ${IDLE_S} s, no window`, w(four.headless)],
        [`${n} engines, ${IDLE_S} s, page on "All engines"`, w(four.window)],
        ['local alone, settled', `RSS ${fmt(one.rssSettled, ' MB')}`],
        [`local alone, ${IDLE_S} s, no window`, w(one.headless)],
        [`local alone, ${IDLE_S} s, page on "All engines"`, w(one.window)],
        ['BENCH figures', 'highest RSS in the window with a page open, 4 engines vs local alone, same window'],
        ['target', 'RSS ≤ 1.5× one engine; idle CPU ≤ 1 % of a core'],
      ],
    };
  },
};
