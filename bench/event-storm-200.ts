import type Docker from 'dockerode';
import { startServe } from '../e2e/support/app';
import { testLabels, uniqueName, FIXTURE_IMAGE } from '../main/test-support/engine';
import { launchBarePage } from './cdp';
import { CannotRun, fmt, pool, sleep, type Benchmark } from './lib';

const COUNT = 200;

/**
 * Installed before the page's scripts: a probe that measures how long the page's main thread is kept busy. A
 * MessageChannel ping-pongs continuously (a message callback runs as soon as the thread is free, unlike a timer or
 * an animation frame, which are throttled); the gap between two callbacks is the longest task run in between.
 * `__berthStorm.reset()` clears the maximum, `.max` is the longest gap since, and the running count the header
 * shows is stamped each time it changes.
 */
const PROBE = `(() => {
  const s = window.__berthStorm = { max: 0, last: performance.now(), runningAt: [], reset() { s.max = 0; s.runningAt = []; s.last = performance.now(); } };
  const ch = new MessageChannel();
  ch.port1.onmessage = () => {
    const now = performance.now();
    const gap = now - s.last;
    if (gap > s.max) s.max = gap;
    s.last = now;
    ch.port2.postMessage(0);
  };
  ch.port2.postMessage(0);
  let seen = null;
  new MutationObserver(() => {
    const el = document.querySelector('[data-testid="container-count"]');
    const m = el && /(\\d+) running/.exec(el.textContent ?? '');
    const n = m ? Number(m[1]) : null;
    if (n !== null && n !== seen) { seen = n; s.runningAt.push([n, Date.now()]); }
  }).observe(document, { subtree: true, childList: true, characterData: true });
})()`;

/**
 * event-storm-200: 200 containers of this run started at once (what a big `compose up` does) while Berth shows the
 * containers page. berth = the longest the page's main thread was busy during the storm (ms); ref = the time from
 * the engine's first to its last `start` event. Also: how long after the engine's last event the page's running count
 * was right.
 */
export const eventStorm200: Benchmark = {
  name: 'event-storm-200',
  describe: 'longest page task (ms) while 200 containers start at once, ref = first → last engine start event; and list right after the last event',
  async run(ctx) {
    const docker = ctx.docker;
    const t0 = performance.now();
    const names = Array.from({ length: COUNT }, () => uniqueName('bench-storm'));
    const ids = await pool(names, 8, async (name) => (await create(docker, name)).id);
    ctx.log(`  (created ${COUNT} containers in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

    const server = await startServe().catch((err: Error) => {
      throw new CannotRun(`berth serve did not start: ${err.message}`);
    });
    ctx.defer(() => server.stop());
    const page = await launchBarePage(ctx);
    await page.addInitScript(PROBE);
    await page.goto(server.url);
    await page.waitFor('the containers count', `document.querySelector('[data-testid="container-count"]')?.textContent ?? null`, 30_000);
    await sleep(3000); // settle: first render, stats of the visible rows
    const running = async () => {
      const list = await docker.listContainers({ filters: { status: ['running'] } });
      return list.length;
    };
    const before = await running();

    // The engine's own record of the storm: every start event of these containers.
    const mine = new Set(ids);
    const starts: number[] = [];
    const events = (await docker.getEvents({ filters: { type: ['container'], event: ['start'] } })) as NodeJS.ReadableStream & { destroy(): void };
    ctx.defer(() => events.destroy());
    let buf = '';
    events.on('data', (chunk: Buffer) => {
      buf += chunk.toString('utf8');
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const ev = JSON.parse(line) as { id?: string; timeNano?: number };
        if (ev.id && mine.has(ev.id) && ev.timeNano) starts.push(ev.timeNano / 1e6);
      }
    });

    await page.evaluate('window.__berthStorm.reset()');
    // At once: every start request in flight together.
    await Promise.all(ids.map((id) => docker.getContainer(id).start()));
    const until = Date.now() + 60_000;
    while (starts.length < COUNT && Date.now() < until) await sleep(100);
    if (starts.length < COUNT) throw new CannotRun(`the engine reported ${starts.length} of ${COUNT} start events in 60 s`);
    const expected = before + COUNT;
    await page.waitFor(`the page counting ${expected} running`, `(() => { const r = window.__berthStorm.runningAt; const l = r[r.length - 1]; return l && l[0] >= ${expected} ? l[1] : null; })()`, 30_000, 20);
    await sleep(1000);
    const probe = await page.evaluate<{ max: number; runningAt: [number, number][] }>('({ max: window.__berthStorm.max, runningAt: window.__berthStorm.runningAt })');
    await page.close();
    await server.stop();

    const first = Math.min(...starts);
    const last = Math.max(...starts);
    const rightAt = probe.runningAt.find(([n]) => n >= expected)![1];
    const lag = rightAt - last;
    ctx.log(`  targets: longest page task ≤ 50 ms → ${probe.max <= 50 ? 'met' : 'NOT met'}; list right ≤ 1 s after the last event → ${lag <= 1000 ? 'met' : 'NOT met'}`);
    return {
      berth: probe.max,
      ref: last - first,
      unit: 'ms',
      table: [
        ['containers', `${COUNT} of this run started at once (${before} were running before, by anyone)`],
        ['engine: first → last start event', fmt(last - first, ' ms')],
        ['page: longest main-thread task during the storm', `${fmt(probe.max, ' ms')} (target ≤ 50 ms; a MessageChannel probe: the longest gap between two of its messages)`],
        ['page: running count updates', `${probe.runningAt.length} (the count drawn as the storm went)`],
        ['page: right after the last event', `${fmt(lag, ' ms')} (target ≤ 1,000 ms)`],
      ],
    };
  },
};

function create(docker: Docker, name: string) {
  return docker.createContainer({ Image: FIXTURE_IMAGE, name, Cmd: ['sleep', '3600'], Labels: testLabels(), StopTimeout: 1, HostConfig: { Init: true } });
}
