import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServe } from '../e2e/support/app';
import { launchBarePage, type BarePage } from './cdp';
import { CannotRun, fmt, median, percentile, rawGet, readUiCountSource, type BenchContext, type BenchResult, type Benchmark } from './lib';

const LOADS = 3;
const REF_SAMPLES = 5;

declare global {
  interface Window {
    __berthLoad?: {
      expected: number;
      at: number | null;
      firstRowAt: number | null;
      count: number | null;
      wsOpenAt: number | null;
      bigAt: number | null;
      bigBytes: number;
    };
  }
}

/** Installed before any page script: stamps Date.now() when the UI's total first reaches `expected` (and the first row). */
function initScript(readCount: string, expected: number): string {
  return `(() => {
    const s = window.__berthLoad = { expected: ${expected}, at: null, firstRowAt: null, count: null, wsOpenAt: null, bigAt: null, bigBytes: 0 };
    // Stamp the socket opening and the arrival of its biggest frame (the snapshot) before the app's handlers run.
    const NativeWebSocket = window.WebSocket;
    window.WebSocket = class extends NativeWebSocket {
      constructor(...args) {
        super(...args);
        this.addEventListener('open', () => { if (s.wsOpenAt === null) s.wsOpenAt = Date.now(); });
        this.addEventListener('message', (e) => {
          const n = typeof e.data === 'string' ? e.data.length : (e.data.byteLength ?? e.data.size ?? 0);
          if (n > s.bigBytes) { s.bigBytes = n; s.bigAt = Date.now(); }
        });
      }
    };
    const check = () => {
      if (s.firstRowAt === null && document.querySelector('[data-testid="container-row"]')) s.firstRowAt = Date.now();
      if (s.at !== null) return;
      const n = ${readCount};
      if (n !== null) s.count = n;
      if (n !== null && n >= s.expected) { s.at = Date.now(); if (s.firstRowAt !== null) observer.disconnect(); }
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['data-count'] });
  })();`;
}

/** Where the page reads the count from (see readUiCountSource). */
const UI_COUNT_SOURCE = `document.querySelector('[data-testid="container-count"]') ? 'data-testid' : document.querySelector('.page-count') ? 'header' : 'none'`;

async function engineCount(socketPath: string): Promise<number> {
  const r = await rawGet(socketPath, '/containers/json?all=1');
  return (JSON.parse(r.body) as unknown[]).length;
}

interface ListBenchOptions {
  name: string;
  describe: string;
  /** Labelled containers this run makes (ctx.bulk). */
  count: number;
  /** Only the engine DOCKER_HOST names: the test world's docker contexts reach the same daemon and would triple it. */
  oneEngine?: boolean;
  /** More figures, taken in the last load's page before it closes. */
  after?: (page: BarePage, bulk: string[]) => Promise<[string, string][]>;
}

export const list500 = listBenchmark({
  name: 'list-500',
  describe: 'web UI load (fresh browser) → all containers known to the UI, with 500 extra containers',
  count: 500,
});

export const list5000 = listBenchmark({
  name: 'list-5000',
  describe: 'web UI load (fresh browser) → all 5,000 containers known to the UI (200 compose projects, 250 running); then scrolling end to end and filter keystrokes',
  count: 5000,
  oneEngine: true,
  after: scrollAndFilter,
});

function listBenchmark(o: ListBenchOptions): Benchmark {
  return { name: o.name, describe: o.describe, run: (ctx) => listRun(ctx, o) };
}

async function listRun(ctx: BenchContext, o: ListBenchOptions): Promise<BenchResult> {
  const bulk = await ctx.bulk(o.count);

  // Reference: the raw list call the backend's snapshot is built from.
  await rawGet(ctx.socketPath, '/containers/json?all=1'); // warm-up
  const refs: number[] = [];
  let refBytes = 0;
  for (let i = 0; i < REF_SAMPLES; i++) {
    const r = await rawGet(ctx.socketPath, '/containers/json?all=1');
    if (r.status !== 200) throw new CannotRun(`GET /containers/json?all=1 answered ${r.status}`);
    refs.push(r.ms);
    refBytes = r.body.length;
  }

  let env = process.env;
  if (o.oneEngine) {
    const dockerConfig = mkdtempSync(path.join(tmpdir(), 'berth-bench-docker-config-'));
    ctx.defer(() => rmSync(dockerConfig, { recursive: true, force: true }));
    env = { ...process.env, DOCKER_CONFIG: dockerConfig, XDG_RUNTIME_DIR: '' };
  }
  const server = await startServe(env).catch((err: Error) => {
    throw new CannotRun(`berth serve did not start: ${err.message}`);
  });
  ctx.defer(() => server.stop());

  let source: string | null = null;
  // Others may create and remove containers in the same engine meanwhile, so the wait is for the UI to count at
  // least the containers this run created: the store takes the list as one snapshot, so that moment is the same.
  const expected = bulk.length;
  let extra: [string, string][] = [];
  const load = async (label: string, last = false) => {
    const inEngine = await engineCount(ctx.socketPath);
    if (inEngine < expected) throw new CannotRun(`the engine lists ${inEngine} containers, fewer than the ${expected} this run created`);
    // A browser of its own per load (bare: cdp.ts), so nothing is cached, as Playwright's fresh context was.
    const page = await launchBarePage(ctx);
    try {
      await page.addInitScript(initScript(readUiCountSource, expected));
      const t0 = Date.now();
      await page.goto(server.url);
      try {
        await page.waitFor(`${label}: the UI counting ${expected} containers`, 'window.__berthLoad?.at ?? null', 30_000, 20);
      } catch (err) {
        const src = await page.evaluate<string>(UI_COUNT_SOURCE).catch(() => 'none');
        const seen = await page.evaluate<number | null>('window.__berthLoad?.count ?? null').catch(() => null);
        if (src === 'none') {
          throw new CannotRun(
            `${label}: the containers page shows no count: need [data-testid="container-count"] (total known to the store) or the header's "N total"`,
          );
        }
        throw new CannotRun(`${(err as Error).message} (last count seen: ${seen}, via ${src})`);
      }
      source ??= await page.evaluate<string>(UI_COUNT_SOURCE);
      const s = (await page.evaluate<Window['__berthLoad']>('window.__berthLoad'))!;
      const dcl = await page.evaluate<number | null>(`(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        return nav ? performance.timeOrigin + nav.domContentLoadedEventEnd : null;
      })()`);
      if (last && o.after) extra = await o.after(page, bulk);
      return {
        total: s.at! - t0,
        firstRow: s.firstRowAt !== null ? s.firstRowAt - t0 : NaN,
        dcl: dcl !== null ? dcl - t0 : NaN,
        wsOpen: s.wsOpenAt !== null ? s.wsOpenAt - t0 : NaN,
        snapshot: s.bigAt !== null ? s.bigAt - t0 : NaN,
        snapshotBytes: s.bigBytes,
      };
    } finally {
      await page.close();
    }
  };

  await load('warm-up load'); // the backend connects and takes its snapshot; the browser's own startup
  const runs = [];
  for (let i = 0; i < LOADS; i++) runs.push(await load(`load ${i + 1}`, i === LOADS - 1));

  const berth = median(runs.map((r) => r.total));
  const ref = median(refs);
  const target = 2 * ref + 300;
  if (source === 'header') ctx.log('  note: no [data-testid="container-count"] in the UI; read the header\'s "N running · M total" instead');
  ctx.log(`  target: ≤ 2 × ref + 300 ms = ${fmt(target, ' ms')} → ${berth <= target ? 'met' : 'NOT met'}`);
  return {
    berth,
    ref,
    unit: 'ms',
    table: [
      ['containers in the engine', `${await engineCount(ctx.socketPath)} (${bulk.length} created by this run; the wait is for the UI to count ≥ ${expected})`],
      ['goto → all counted  (each load)', runs.map((r) => fmt(r.total, ' ms')).join(', ')],
      ['goto → all counted  median', fmt(berth, ' ms')],
      ['goto → DOMContentLoaded median', fmt(median(runs.map((r) => r.dcl)), ' ms')],
      ['goto → socket open   median', fmt(median(runs.map((r) => r.wsOpen)), ' ms')],
      ['goto → snapshot frame median', `${fmt(median(runs.map((r) => r.snapshot)), ' ms')} (${Math.round(runs[0]!.snapshotBytes / 1024)} KiB)`],
      ['goto → first row    median', fmt(median(runs.map((r) => r.firstRow)), ' ms')],
      ['raw GET /containers/json?all=1 (each)', refs.map((r) => fmt(r, ' ms')).join(', ')],
      ['raw GET median', `${fmt(ref, ' ms')} (${Math.round(refBytes / 1024)} KiB)`],
      ['count read from', source === 'data-testid' ? '[data-testid="container-count"]' : 'header ".page-count" (N total)'],
      ['target', `≤ 2 × ref + 300 ms = ${fmt(target, ' ms')}`],
      ...extra,
    ],
  };
}

const GRID = '.container-grid';
const FILTER = 'input[aria-label="Filter containers"]';

/**
 * list-5000's page figures. Scrolling: the list scrolled by half a screen every animation frame from top to bottom;
 * a frame interval over 25 ms (1.5 × 16.7) is a dropped frame; then the frames until the rows drawn lite during that
 * fling are filled in. With BERTH_BENCH_TRACE=<dir>, the scroll and the typing are traced. Filter: one container's name typed a key at a time
 * into the filter; each keystroke timed from the input event to the frame after the rows changed (rAF, then a
 * message: after that frame's paint). The last keystroke must leave that container on screen.
 */
async function scrollAndFilter(page: BarePage, bulk: string[]): Promise<[string, string][]> {
  // The browser's own cost of a frame on this machine, as the reference: the same rAF loop with nothing changing.
  const idleFrames = await page.evaluate<number[]>(`(async () => {
    const frames = [];
    let last = performance.now();
    await new Promise((done) => {
      const tick = (t) => { frames.push(t - last); last = t; if (frames.length > 120) return done(); requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    return frames.slice(1);
  })()`);
  // What the page's main thread did while scrolling, by kind: Berth's own work is the script; style, layout and
  // paint are the browser's answer to the rows Berth changed.
  await page.send('Performance.enable', { timeDomain: 'threadTicks' }).catch(() => page.send('Performance.enable'));
  const metrics = async () => {
    const r = await page.send<{ metrics: { name: string; value: number }[] }>('Performance.getMetrics');
    return new Map(r.metrics.map((m) => [m.name, m.value]));
  };
  const m0 = await metrics();
  const scrollEnd = () => page.profiled('list-5000-scroll', () => page.evaluate<{ frames: number[]; rows: number; height: number; fillIn: { ms: number; frames: number[] } } | null>(`(async () => {
    const grid = document.querySelector(${JSON.stringify(GRID)});
    if (!grid) return null;
    grid.scrollTop = 0;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const frames = [];
    let last = performance.now();
    await new Promise((done) => {
      const tick = (t) => {
        frames.push(t - last);
        last = t;
        if (grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 1 || frames.length > 20000) return done();
        grid.scrollTop += Math.max(100, grid.clientHeight / 2);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    // The fling's end: rows that came into view mid-fling were drawn lite (renderer/src/hooks/fling.ts) and are
    // filled in now, a few per task. The frames from the last scroll step until no lite row is left.
    const t0 = performance.now();
    const fillFrames = [];
    last = t0;
    await new Promise((done) => {
      const tick = (t) => {
        fillFrames.push(t - last);
        last = t;
        if (!document.querySelector('[data-lite]') || t - t0 > 10000) return done();
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    return {
      frames: frames.slice(1),
      rows: Number(grid.getAttribute('aria-rowcount')) - 1,
      height: grid.scrollHeight,
      fillIn: { ms: performance.now() - t0, frames: fillFrames.slice(1) },
    };
  })()`));
  // BERTH_BENCH_TRACE=<dir> writes the page's timeline of the scroll to <dir>/list-5000-scroll.json (cdp.ts).
  const scroll = process.env.BERTH_BENCH_TRACE ? (await page.traced(scrollEnd, 'list-5000-scroll')).value : await scrollEnd();
  if (!scroll) throw new CannotRun(`no ${GRID} to scroll`);
  const m1 = await metrics();
  const perFrame = (name: string) => (((m1.get(name) ?? 0) - (m0.get(name) ?? 0)) * 1000) / Math.max(1, scroll.frames.length);

  const target = bulk[Math.floor(bulk.length * 0.86)]!;
  const typeKeys = () => page.evaluate<{ ms: number[]; refMs: number[]; found: boolean } | null>(`(async () => {
    const input = document.querySelector(${JSON.stringify(FILTER)});
    if (!input) return null;
    input.focus();
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const afterPaint = () => new Promise((r) => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => r(performance.now()); ch.port2.postMessage(0); }));
    const text = ${JSON.stringify(target)};
    /** Types the text into the field a key at a time; each key timed to the frame after it. */
    const typeInto = async (field) => {
      const times = [];
      for (let i = 1; i <= text.length; i++) {
        const t0 = performance.now();
        setValue.call(field, text.slice(0, i));
        field.dispatchEvent(new Event('input', { bubbles: true }));
        times.push((await afterPaint()) - t0);
      }
      return times;
    };
    const ms = await typeInto(input);
    const found = !!document.querySelector('[data-container-name=' + JSON.stringify(text) + ']');
    setValue.call(input, '');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // The reference: the same keystrokes into an input nothing listens to, timed the same way (the wait for the next
    // frame is in both).
    const bare = document.createElement('input');
    document.body.appendChild(bare);
    const refMs = await typeInto(bare);
    bare.remove();
    return { ms, refMs, found };
  })()`);
  const keys = process.env.BERTH_BENCH_TRACE ? (await page.traced(typeKeys, 'list-5000-filter')).value : await typeKeys();
  if (!keys) throw new CannotRun(`no ${FILTER}`);
  if (!keys.found) throw new CannotRun(`after typing ${target} into the filter, its row is not on screen`);

  const dropped = scroll.frames.filter((f) => f > 25).length;
  const idleDropped = idleFrames.filter((f) => f > 25).length;
  const p95 = percentile(keys.ms, 95);
  return [
    [
      'scroll end to end, frames',
      `${scroll.frames.length} frames over ${scroll.rows} rows (${Math.round(scroll.height)} px); ${dropped} over 25 ms (dropped); longest ${fmt(Math.max(...scroll.frames), ' ms')}; median ${fmt(median(scroll.frames), ' ms')}`,
    ],
    [
      'scroll end → lite rows filled in',
      `in ${fmt(scroll.fillIn.ms, ' ms')}: ${scroll.fillIn.frames.length} frames, ${scroll.fillIn.frames.filter((f) => f > 25).length} over 25 ms, longest ${fmt(Math.max(0, ...scroll.fillIn.frames), ' ms')}`,
    ],
    ['ref: frames with nothing changing', `${idleFrames.length} frames; ${idleDropped} over 25 ms; median ${fmt(median(idleFrames), ' ms')} (what this browser and machine give with no work)`],
    [
      'scroll, page main thread per frame (fill-in included)',
      `script ${fmt(perFrame('ScriptDuration'), ' ms')} (Berth's rendering, and the loop that scrolls), style ${fmt(perFrame('RecalcStyleDuration'), ' ms')}, layout ${fmt(perFrame('LayoutDuration'), ' ms')}, all tasks ${fmt(perFrame('TaskDuration'), ' ms')}`,
    ],
    ['filter keystroke → rows drawn', `${keys.ms.length} keys: p50 ${fmt(percentile(keys.ms, 50), ' ms')}, p95 ${fmt(p95, ' ms')} (target ≤ 16 ms → ${p95 <= 16 ? 'met' : 'NOT met'}), max ${fmt(Math.max(...keys.ms), ' ms')}`],
    ['ref: keystroke into a bare input', `p50 ${fmt(percentile(keys.refMs, 50), ' ms')}, p95 ${fmt(percentile(keys.refMs, 95), ' ms')} (the same timing with no work: the wait for the next frame and its paint)`],
  ];
}
