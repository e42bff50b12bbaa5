import { createTestContainer, uniqueName } from '../main/test-support/engine';
import { launchBarePage, type BarePage } from './cdp';
import { fmt, median, percentile, sleep, type Benchmark } from './lib';
import { serveForBench } from './serve';

const TRIALS = 50;
const WARMUP = 2;

/** Watches one row in the page and stamps Date.now() the moment its data-state becomes `want` (a DOM commit, not a poll). */
async function installWatcher(page: BarePage, name: string) {
  // A string, not a function: tsx's transform would wrap inner functions in a `__name` helper the page lacks.
  await page.evaluate(`(() => {
    const state = { want: null, at: null };
    window.__berthBench = state;
    const selector = '[data-testid="container-row"][data-container-name="' + CSS.escape(${JSON.stringify(name)}) + '"]';
    const check = () => {
      if (state.want === null || state.at !== null) return;
      const row = document.querySelector(selector);
      if (row && row.getAttribute('data-state') === state.want) state.at = Date.now();
    };
    // childList too: a virtualized list may replace the row element instead of changing its attribute.
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
  })()`);
}

async function arm(page: BarePage, want: string) {
  await page.evaluate(`(() => { window.__berthBench.want = ${JSON.stringify(want)}; window.__berthBench.at = null; })()`);
}

/** The stamp, polled every 10 ms from here: the figure is the in-page stamp, not when the poll saw it. */
async function seenAt(page: BarePage, what: string): Promise<number> {
  return page.waitFor<number>(what, 'window.__berthBench.at', 10_000, 10);
}

export const eventLatency: Benchmark = {
  name: 'event-latency',
  describe: 'engine `start` through the API → the row in the web UI shows running (p95 of 50 trials)',
  async run(ctx) {
    const server = await serveForBench(ctx);
    // A bare page (cdp.ts): nothing of a driver's own on the page's main thread while the row updates.
    const page = await launchBarePage(ctx);
    await page.goto(server.url);

    const name = uniqueName('bench-lat');
    const container = await createTestContainer(ctx.docker, { name });
    ctx.defer(() => container.remove({ force: true }).catch(() => undefined)); // now, not at the end: list-500 counts
    // Filter to this one container so its row is rendered whatever else the engine holds (the list is virtualized).
    const FILTER = 'input[aria-label="Filter containers"]';
    await page.waitFor('the containers page (filter box)', `!!document.querySelector('${FILTER}')`, 15_000);
    await page.fill(FILTER, name);
    await page.waitFor(`the row of ${name}`, `!!document.querySelector('[data-testid="container-row"][data-container-name="${name}"]')`, 15_000);
    await installWatcher(page, name);

    // The engine's own timestamp of each `start` event: event → row is the part of the latency that is Berth's.
    const startEvents: number[] = [];
    const events = (await ctx.docker.getEvents({ filters: { container: [container.id], event: ['start'] } })) as NodeJS.ReadableStream & { destroy(): void };
    ctx.defer(() => events.destroy());
    let buffered = '';
    events.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        try {
          const ev = JSON.parse(line) as { timeNano?: number; time?: number };
          startEvents.push(ev.timeNano ? ev.timeNano / 1e6 : (ev.time ?? 0) * 1000);
        } catch {
          // not a whole event
        }
      }
    });

    const ui: number[] = [];
    const api: number[] = [];
    const stopUi: number[] = [];
    const overhead: number[] = [];
    const fromEvent: number[] = [];
    for (let i = 0; i < WARMUP + TRIALS; i++) {
      await arm(page, 'running');
      const t0 = Date.now();
      const p0 = performance.now();
      await container.start();
      const apiMs = performance.now() - p0;
      const uiAt = await seenAt(page, `trial ${i + 1}: the row showing running`);
      const uiMs = uiAt - t0;
      for (let waited = 0; startEvents.length <= i && waited < 2000; waited += 10) await sleep(10);
      const eventAt = startEvents.length > i ? startEvents[i]! : NaN;

      await arm(page, 'exited');
      const s0 = Date.now();
      await container.stop({ t: 1 });
      const stopMs = (await seenAt(page, `trial ${i + 1}: the row showing exited`)) - s0;

      if (i < WARMUP) continue;
      ui.push(uiMs);
      api.push(apiMs);
      stopUi.push(stopMs);
      overhead.push(uiMs - apiMs);
      if (!Number.isNaN(eventAt)) fromEvent.push(uiAt - eventAt);
    }
    await page.close();

    const p95 = percentile(ui, 95);
    ctx.log(`  target: p95 ≤ 100 ms → ${p95 <= 100 ? 'met' : 'NOT met'}`);
    return {
      berth: p95,
      ref: percentile(api, 95),
      unit: 'ms',
      table: [
        ['trials', `${TRIALS} (after ${WARMUP} warm-up)`],
        ['start → row running  p50', fmt(median(ui), ' ms')],
        ['start → row running  p95', fmt(p95, ' ms')],
        ['start → row running  max', fmt(Math.max(...ui), ' ms')],
        ['API start call       p50', fmt(median(api), ' ms')],
        ['API start call       p95', fmt(percentile(api, 95), ' ms')],
        ['Berth after the call p50', fmt(median(overhead), ' ms')],
        ['Berth after the call p95', fmt(percentile(overhead, 95), ' ms')],
        ['engine start event → row running p50', fromEvent.length ? fmt(median(fromEvent), ' ms') : 'n/a (no events seen)'],
        ['engine start event → row running p95', fromEvent.length ? fmt(percentile(fromEvent, 95), ' ms') : 'n/a'],
        ['stop → row exited    p50', fmt(median(stopUi), ' ms')],
        ['stop → row exited    p95', fmt(percentile(stopUi, 95), ' ms')],
        ['target', 'p95 ≤ 100 ms'],
      ],
    };
  },
};
