import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServeProcess } from '../e2e/support/app';
import { launchBarePage } from './cdp';
import { engineStatuses, requireRemoteWorld, SSH_ENGINE, startRemoteServe, TLS_ENGINE } from './remote-support';
import { CannotRun, fmt, rssMb, sleep, withTimeout, type BenchContext, type Benchmark } from './lib';

const IDLE_S = Number(process.env.BERTH_BENCH_IDLE_S) || 60;
const SETTLE_MS = 5000;
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
  const runtimeDir = mkdtempSync(path.join(tmpdir(), 'berth-bench-xdg-'));
  ctx.defer(() => rmSync(runtimeDir, { recursive: true, force: true }));
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
  /** Engine events the daemon sent meanwhile (others' work on a shared daemon is not idle for Berth). */
  events: number;
}

interface Idle {
  engines: string[];
  rssSettled: number;
  /** main alone: engines connected, no window open. */
  headless: Window;
  /** A browser page open on "All engines" containers (stats of the rows on screen included). */
  window: Window;
}

/** RSS and CPU of `pid` over IDLE_S seconds, and the engine events seen meanwhile. */
async function idleWindow(ctx: BenchContext, pid: number): Promise<Window> {
  let events = 0;
  const stream = (await ctx.docker.getEvents({})) as NodeJS.ReadableStream & { destroy(): void };
  stream.on('data', (chunk: Buffer) => (events += chunk.toString().split('\n').filter(Boolean).length));
  try {
    let rssMax = rssMb(pid);
    const c0 = cpuSeconds(pid);
    const t0 = performance.now();
    for (let s = 0; s < IDLE_S; s += 5) {
      await sleep(Math.min(5, IDLE_S - s) * 1000);
      rssMax = Math.max(rssMax, rssMb(pid));
    }
    const cpuPct = ((cpuSeconds(pid) - c0) / ((performance.now() - t0) / 1000)) * 100;
    return { rssEnd: rssMb(pid), rssMax, cpuPct, events };
  } finally {
    stream.destroy();
  }
}

/** One `berth serve`: IDLE_S seconds with no window, then IDLE_S with a page open on every engine's containers. */
async function measure(ctx: BenchContext, label: string, env: NodeJS.ProcessEnv, expect: string[]): Promise<Idle> {
  const server: ServeProcess = await startRemoteServe(ctx, env);
  const statuses = await engineStatuses(server, expect, 45_000);
  const pid = server.child.pid!;
  try {
    await sleep(SETTLE_MS);
    const rssSettled = rssMb(pid);
    const headless = await idleWindow(ctx, pid);
    const page = await launchBarePage(ctx);
    try {
      await page.goto(`${server.url}#/all/containers`);
      await page.waitFor(`${label}: the containers page`, `!!document.querySelector('[data-testid="container-count"]')`, 30_000);
      await sleep(SETTLE_MS);
      const window = await idleWindow(ctx, pid);
      return { engines: statuses.filter((s) => s.state === 'connected').map((s) => s.engineId), rssSettled, headless, window };
    } finally {
      await page.close();
    }
  } finally {
    await server.stop();
  }
}

/**
 * engines-4: main's resident memory and idle CPU with four engines connected (local, the TLS and ssh contexts, and
 * Podman), each with its events stream and a page open on "All engines", against the same with the local engine
 * alone, over IDLE_S seconds each, one after the other in the same run.
 */
export const engines4: Benchmark = {
  name: 'engines-4',
  describe: `main's RSS and idle CPU over ${IDLE_S} s with four engines (local, TLS, ssh, Podman) connected, ref = local alone`,
  async run(ctx) {
    requireRemoteWorld();
    const podman = await startPodman(ctx);
    // One engine: no contexts (an empty docker config folder) and no Podman socket to find.
    const emptyConfig = mkdtempSync(path.join(tmpdir(), 'berth-bench-dockercfg-'));
    ctx.defer(() => rmSync(emptyConfig, { recursive: true, force: true }));
    const noXdg = { XDG_RUNTIME_DIR: '' };
    const one = await measure(ctx, 'one engine', { DOCKER_CONFIG: emptyConfig, ...noXdg }, ['local']);
    if (one.engines.length !== 1) throw new CannotRun(`the one-engine run found ${one.engines.join(', ')}`);
    const fourIds = ['local', TLS_ENGINE, SSH_ENGINE, ...('runtimeDir' in podman ? ['podman-user'] : [])];
    const four = await measure(ctx, 'four engines', 'runtimeDir' in podman ? { XDG_RUNTIME_DIR: podman.runtimeDir } : noXdg, fourIds);
    const ratio = four.window.rssEnd / one.window.rssEnd;
    const cpu = four.headless.cpuPct;
    ctx.log(`  target: RSS ≤ 1.5× one engine → ${ratio <= 1.5 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}×); idle CPU ≤ 1 % of a core (no window) → ${cpu <= 1 ? 'met' : 'NOT met'} (${cpu.toFixed(2)} %)`);
    if ('missing' in podman) ctx.log(`  note: three engines, not four: ${podman.missing}`);
    const n = four.engines.length;
    const w = (x: Window) => `RSS ${fmt(x.rssEnd, ' MB')} (max ${fmt(x.rssMax, ' MB')}), CPU ${x.cpuPct.toFixed(2)} % of a core, ${x.events} daemon events`;
    const running = (await ctx.docker.listContainers()).length;
    return {
      berth: four.window.rssEnd,
      ref: one.window.rssEnd,
      unit: 'MB',
      table: [
        ['engines connected', `${four.engines.join(', ')}${'version' in podman ? ` (Podman ${podman.version})` : ` (no Podman: ${podman.missing})`}`],
        ['the daemon meanwhile', `${running} running containers (the local, TLS and ssh engines are one shared daemon, others' tests included)`],
        [`${n} engines, settled`, `RSS ${fmt(four.rssSettled, ' MB')}`],
        [`${n} engines, ${IDLE_S} s, no window`, w(four.headless)],
        [`${n} engines, ${IDLE_S} s, page on "All engines"`, w(four.window)],
        ['local alone, settled', `RSS ${fmt(one.rssSettled, ' MB')}`],
        [`local alone, ${IDLE_S} s, no window`, w(one.headless)],
        [`local alone, ${IDLE_S} s, page on "All engines"`, w(one.window)],
        ['BENCH figures', 'RSS at the end of the window with a page open, 4 engines vs local alone'],
        ['target', 'RSS ≤ 1.5× one engine; idle CPU ≤ 1 % of a core'],
      ],
    };
  },
};
