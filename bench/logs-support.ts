import type Docker from 'dockerode';
import { spawn } from 'node:child_process';
import { FIXTURE_IMAGE, testLabels, uniqueName } from '../main/test-support/engine';
import { launchBarePage, type BarePage } from './cdp';
import type { BenchContext } from './lib';
import { serveForBench } from './serve';

export const LINES = 1_000_000;
export const END = 'END-OF-SPAM';

/**
 * A labelled container that waits for /go, then prints LINES lines (~70 bytes, every 7th on stderr) as fast as
 * awk can, the last one END. Nothing crosses the host to produce them.
 */
async function spamContainer(ctx: BenchContext, prefix: string): Promise<Docker.Container> {
  const script = `while [ ! -f /go ]; do sleep 0.05; done; awk 'BEGIN { for (i = 1; i < ${LINES}; i++) { if (i % 7 == 0) print "level=warn request id=" i " path=/api/v1/items/" (i % 977) " took " (i % 300) "ms" > "/dev/stderr"; else print "level=info request id=" i " path=/api/v1/items/" (i % 977) " took " (i % 300) "ms user=u" (i % 5000) } }'; echo ${END}; sleep 3600`;
  const c = await ctx.docker.createContainer({
    Image: FIXTURE_IMAGE,
    name: uniqueName(prefix),
    Cmd: ['sh', '-c', script],
    Labels: testLabels(),
    StopTimeout: 1,
    HostConfig: { Init: true },
  });
  await c.start();
  return c;
}

export async function go(c: Docker.Container): Promise<void> {
  const e = await c.exec({ Cmd: ['touch', '/go'] });
  await e.start({ Detach: true });
}

/** `docker logs -f` into nothing but a scan for END: resolves with the ms from `started()` to END. */
export function dockerLogsFollow(id: string, args: string[] = []): { ready: Promise<void>; done: Promise<number>; start(): void; kill(): void } {
  const child = spawn('docker', ['logs', '-f', ...args, id], { stdio: ['ignore', 'pipe', 'pipe'] });
  let t0 = 0;
  let tailOfStdout = '';
  const done = new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (b: Buffer) => {
      // stdout carries END; only the tail of each chunk is kept for the match across chunk edges.
      tailOfStdout = (tailOfStdout + b.toString('latin1')).slice(-64);
      if (tailOfStdout.includes(END)) resolve(performance.now() - t0);
    });
    child.stderr.resume();
    child.once('error', reject);
  });
  return {
    ready: new Promise((r) => setTimeout(r, 300)),
    done,
    start: () => (t0 = performance.now()),
    kill: () => child.kill('SIGTERM'),
  };
}

/** Before any script of the app: long tasks are counted from the start. */
const STAMPS = `(() => {
  const s = { long: [], reachedAt: 0, want: 0, startedAt: 0 };
  window.__logsBench = s;
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) s.long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  } catch {}
})()`;
const LIVE = '[data-testid="log-viewer"][data-status="live"]';

async function serveFor(ctx: BenchContext, container: Docker.Container): Promise<string> {
  const server = await serveForBench(ctx);
  return `${server.url}#/containers/${container.id}/logs`;
}

/**
 * berth serve + a bare Chromium page (cdp.ts) on the container's Logs tab, with in-page stamps for received counts and
 * long tasks. Bare: no Network domain copying each WebSocket frame on the page's main thread, which logs-ingest's
 * long-task and memory figures would otherwise include.
 */
async function openBareLogsPage(ctx: BenchContext, container: Docker.Container): Promise<BarePage> {
  const url = await serveFor(ctx, container);
  const page = await launchBarePage(ctx);
  await page.addInitScript(STAMPS);
  await page.goto(url);
  await page.waitFor('the log viewer', `!!document.querySelector('${LIVE}')`, 20_000);
  return page;
}

/** How both logs benchmarks begin: a spamContainer (not yet printing) and its Logs tab open on a bare page. */
export async function spamContainerOnLogsPage(ctx: BenchContext, prefix: string): Promise<{ c: Docker.Container; page: BarePage }> {
  const c = await spamContainer(ctx, prefix);
  return { c, page: await openBareLogsPage(ctx, c) };
}

/** Watches the viewer's received-lines count; returns ms from `startedAt` (set by the caller) to reaching `want`. */
export async function armReceived(page: BarePage, want: number): Promise<void> {
  await page.evaluate(`(() => {
    const s = window.__logsBench;
    s.want = ${want}; s.reachedAt = 0; s.long = [];
    s.startedAt = performance.now();
    const el = document.querySelector('[data-testid="log-viewer"]');
    const check = () => {
      if (!s.reachedAt && Number(el.getAttribute('data-received')) >= s.want) s.reachedAt = performance.now();
    };
    new MutationObserver(check).observe(el, { attributes: true, attributeFilter: ['data-received'] });
  })()`);
}

/** Polls (every 250 ms, outside the figure: the stamps are in the page) until the viewer has received `want` lines. */
export async function waitReceived(page: BarePage, timeoutMs: number): Promise<{ ms: number; long: number[] }> {
  const expr = `(() => { const s = window.__logsBench; return s.reachedAt ? { ms: s.reachedAt - s.startedAt, long: s.long } : null; })()`;
  return page.waitFor('the viewer to receive every line', expr, timeoutMs, 250);
}

/**
 * The page's JS memory after a full GC, MB: the V8 heap plus backing stores (ArrayBuffers — the ring's typed
 * columns — and external strings, which Chromium uses for long decoded text such as a batch's joined lines).
 */
export async function heapMb(page: BarePage): Promise<number> {
  await page.send('HeapProfiler.collectGarbage');
  const { usedSize, backingStorageSize } = await page.send<{ usedSize: number; backingStorageSize?: number }>('Runtime.getHeapUsage');
  return (usedSize + (backingStorageSize ?? 0)) / 1024 / 1024;
}
