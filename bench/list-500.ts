import { launchBarePage, type BarePage } from './cdp';
import { attributeDrops, cpuBetween, dropsRow, idleFrames, scrollEndToEnd, scrollTable } from './scroll';
import type { TracedTask } from './cdp';
import { oneEngine, serveForBench } from './serve';
import { CannotRun, fmt, median, percentile, rawGet, readUiCountSource, type BenchContext, type BenchResult, type Benchmark } from './lib';

const LOADS = 3;
const REF_SAMPLES = 5;

declare global {
  interface Window {
    __berthLoad?: {
      expected: number;
      at: number | null;
      /** After the frame that first showed the full count was painted. */
      paintedAt: number | null;
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
    const s = window.__berthLoad = { expected: ${expected}, at: null, paintedAt: null, firstRowAt: null, count: null, wsOpenAt: null, bigAt: null, bigBytes: 0 };
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
      if (n !== null && n >= s.expected) {
        s.at = Date.now();
        if (s.firstRowAt !== null) observer.disconnect();
        // The frame that shows the count: a task after its animation frame runs once that frame is painted.
        requestAnimationFrame(() => setTimeout(() => (s.paintedAt = Date.now()), 0));
      }
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

  const server = await serveForBench(ctx, o.oneEngine ? oneEngine(ctx) : process.env);

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
      const counted = async () => {
        await page.goto(server.url);
        await page.waitFor(`${label}: the UI counting ${expected} containers`, 'window.__berthLoad?.paintedAt ?? null', 30_000, 20);
      };
      try {
        // With BERTH_BENCH_TRACE=<dir>, the last load's timeline goes to <dir>/<name>-load.json (tracing slows it).
        if (last && process.env.BERTH_BENCH_TRACE) await page.traced(counted, `${o.name}-load`);
        else await counted();
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
        painted: s.paintedAt! - t0,
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
      ['goto → all counted, painted', `${runs.map((r) => fmt(r.painted, ' ms')).join(', ')}; median ${fmt(median(runs.map((r) => r.painted)), ' ms')} (the frame that shows them)`],
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
const GRID_SELECT_ALL = '.container-grid .grid-header input[type=checkbox]';

/**
 * list-5000's page figures: the list scrolled end to end (scroll.ts); then one container's name typed into the filter
 * a key at a time (typeFilter). Each key's figure is its work on the page's main thread: at 60 Hz a key also waits
 * for the next frame's tick, so even a bare input's key to paint is 16.7 ms at p50, and a target of 16 ms can only
 * be about the work. With BERTH_BENCH_TRACE=<dir>, the scroll and the typing are traced.
 */
async function scrollAndFilter(page: BarePage, bulk: string[]): Promise<[string, string][]> {
  const idle = await idleFrames(page);
  const scroll = await scrollEndToEnd(page, GRID, 'list-5000-scroll');
  const drops = await attributeDrops(page, GRID, 'list-5000-scroll-traced');
  const text = bulk[Math.floor(bulk.length * 0.86)]!;
  const { berth: typed, bare } = await page.profiled('list-5000-filter', () => typeFilter(page, text));
  // The same keys again, traced: each key's CPU on the page's main thread, which a busy machine does not lengthen
  // as it does the clock's figure above (the thread waiting for a core).
  const cpu = await typeFilterCpu(page, text);
  const cpuP95 = percentile(cpu.berth, 95);
  const ops = await listOperations(page);

  const p95 = percentile(typed.work, 95);
  const slow = typed.work.flatMap((ms, i) => (ms > 16 ? [`key ${i + 1} ${fmt(ms, ' ms')} (${typed.rows[i]} rows)`] : []));
  return [
    ...scrollTable(scroll, idle),
    dropsRow(drops),
    [
      'filter keystroke → rows drawn, work',
      `${typed.work.length} keys: p50 ${fmt(percentile(typed.work, 50), ' ms')}, p95 ${fmt(p95, ' ms')} (target ≤ 16 ms → ${p95 <= 16 ? 'met' : 'NOT met'}), max ${fmt(Math.max(...typed.work), ' ms')}: the input's handlers + the next frame`,
    ],
    ['  keys over 16 ms of work', slow.length ? slow.join(', ') : 'none'],
    ['ref: keystroke into a bare input, work', `p50 ${fmt(percentile(bare.work, 50), ' ms')}, p95 ${fmt(percentile(bare.work, 95), ' ms')}`],
    [
      'typed again, traced: each key\'s main-thread CPU',
      `p50 ${fmt(percentile(cpu.berth, 50), ' ms')}, p95 ${fmt(cpuP95, ' ms')} (${cpuP95 <= 16 ? 'within' : 'over'} 16 ms), max ${fmt(Math.max(...cpu.berth), ' ms')}; ` +
        `over 16 ms: ${cpu.berth.flatMap((ms, i) => (ms > 16 ? [`key ${i + 1} ${fmt(ms, ' ms')} (${cpu.rows[i]} rows)`] : [])).join(', ') || 'none'}; ` +
        `bare input p50 ${fmt(percentile(cpu.bare, 50), ' ms')}, p95 ${fmt(percentile(cpu.bare, 95), ' ms')}`,
    ],
    [
      'filter keystroke → next frame painted',
      `p50 ${fmt(percentile(typed.ms, 50), ' ms')}, p95 ${fmt(percentile(typed.ms, 95), ' ms')}; bare input p50 ${fmt(percentile(bare.ms, 50), ' ms')}, p95 ${fmt(percentile(bare.ms, 95), ' ms')} (both wait for the frame's 60 Hz tick)`,
    ],
    ...ops,
  ];
}

/**
 * Types `text` again (typeFilter), traced, and sums each key's main-thread CPU: the task that dispatched its input
 * and every task after it until the next key's (its frame's style, layout and paint among them); the last key's
 * until its frame was painted.
 */
async function typeFilterCpu(page: BarePage, text: string): Promise<{ berth: number[]; bare: number[]; rows: number[] }> {
  const { value, tasks } = await page.traced(() => typeFilter(page, text, false), 'list-5000-filter-traced');
  return { berth: perKey(tasks, value.berth), bare: perKey(tasks, value.bare), rows: value.berth.rows };
}

function perKey(tasks: readonly TracedTask[], typed: Typed): number[] {
  // Where each key's task started: the last task to start before the key's input was set.
  const startOf = (at: number) => tasks.reduce((found, t) => (t.atMs <= at ? t.atMs : found), at);
  const starts = typed.at.map(startOf);
  return starts.map((start, i) => cpuBetween(tasks, start, i + 1 < starts.length ? starts[i + 1]! : typed.painted[i]!));
}

interface Typed {
  /** Each key's start and its next frame's paint (performance.now(), ms). */
  at: number[];
  painted: number[];
  /** Each key, from its input event to the next frame's paint (ms): the work, and the wait for the frame's tick. */
  ms: number[];
  /** Each key's work on the page's main thread (ms): its input handlers, where the rows render, plus the next frame
   * from its tick (scroll events, animation frame callbacks, style, layout, paint). */
  work: number[];
  /** The list's rows after each key. */
  rows: number[];
}

/**
 * Types `text` into the containers filter a key at a time (each key right after the last one's frame), then, once
 * the page is quiet, the same keys into a bare input nothing listens to: the reference. The last key must leave
 * that container's row on screen.
 */
async function typeFilter(page: BarePage, text: string, traceable = true): Promise<{ berth: Typed; bare: Typed }> {
  const typeKeys = () =>
    page.evaluate<{ berth: Typed; bare: Typed; found: boolean } | null>(`(async () => {
    const input = document.querySelector(${JSON.stringify(FILTER)});
    const grid = document.querySelector(${JSON.stringify(GRID)});
    if (!input || !grid) return null;
    input.focus();
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    // The next frame: its tick (the time animation frame callbacks are given), and its paint (a message after them).
    const nextFrame = () => new Promise((r) => requestAnimationFrame((tick) => { const ch = new MessageChannel(); ch.port1.onmessage = () => r({ tick, painted: performance.now() }); ch.port2.postMessage(0); }));
    const text = ${JSON.stringify(text)};
    const typeInto = async (field) => {
      const out = { at: [], painted: [], ms: [], work: [], rows: [] };
      for (let i = 1; i <= text.length; i++) {
        const t0 = performance.now();
        setValue.call(field, text.slice(0, i));
        field.dispatchEvent(new Event('input', { bubbles: true }));
        const handled = performance.now();
        const frame = await nextFrame();
        out.at.push(t0);
        out.painted.push(frame.painted);
        out.ms.push(frame.painted - t0);
        // A tick that came while the handlers ran: the frame's work starts when they end.
        out.work.push(handled - t0 + (frame.painted - Math.max(frame.tick, handled)));
        out.rows.push(Number(grid.getAttribute('aria-rowcount')) - 1);
      }
      return out;
    };
    const berth = await typeInto(input);
    const found = !!document.querySelector('[data-container-name=' + JSON.stringify(text) + ']');
    setValue.call(input, '');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    // The reference, once what the list does after typing (rows filled in, stats read) is done.
    await new Promise((r) => setTimeout(r, 1000));
    const bare = document.createElement('input');
    document.body.appendChild(bare);
    const ref = await typeInto(bare);
    bare.remove();
    return { berth, bare: ref, found };
  })()`);
  const keys = process.env.BERTH_BENCH_TRACE && traceable ? (await page.traced(typeKeys, 'list-5000-filter')).value : await typeKeys();
  if (!keys) throw new CannotRun(`no ${FILTER} or ${GRID}`);
  if (!keys.found) throw new CannotRun(`after typing ${text} into the filter, its row is not on screen`);
  return keys;
}

/**
 * The list's other operations at 5,000 (issue 16: grouping, sort, selection stay smooth): each one from the action
 * to its next frame painted, and the longest main-thread task meanwhile (the page's longtask entries: over 50 ms).
 * Each starts on a quiet page (600 ms after the last) and is checked for its outcome, so a control that stops
 * working fails the run instead of timing nothing.
 */
async function listOperations(page: BarePage): Promise<[string, string][]> {
  const out = await page.evaluate<{ name: string; ms: number; longest: number; rows: number }[] | string>(`(async () => {
    const grid = document.querySelector(${JSON.stringify(GRID)});
    const selectAll = () => document.querySelector(${JSON.stringify(GRID_SELECT_ALL)});
    if (!grid || !selectAll()) return 'no ' + ${JSON.stringify(GRID)} + ' or its select-all box';
    const rowCount = () => Number(grid.getAttribute('aria-rowcount')) - 1;
    const nextFrame = () => new Promise((r) => requestAnimationFrame(() => { const ch = new MessageChannel(); ch.port1.onmessage = () => r(performance.now()); ch.port2.postMessage(0); }));
    const quiet = () => new Promise((r) => setTimeout(r, 600));
    const longTasks = [];
    new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask' });
    const results = [];
    const time = async (name, act, check) => {
      await quiet();
      const t0 = performance.now();
      act();
      const painted = await nextFrame();
      await quiet(); // a long task is reported once it ends
      const problem = check();
      if (problem) throw new Error(name + ': ' + problem);
      const longest = longTasks.filter((e) => e.startTime + e.duration >= t0 && e.startTime <= painted).reduce((m, e) => Math.max(m, e.duration), 0);
      results.push({ name, ms: painted - t0, longest, rows: rowCount() });
    };
    const sortButton = (label) => [...grid.querySelectorAll('[role=columnheader]')].find((h) => h.textContent.trim().toLowerCase() === label);
    const sortedAs = (label, dir) => () => (sortButton(label)?.getAttribute('aria-sort') === dir ? null : 'the ' + label + ' column is not sorted ' + dir);
    const sort = (label, dir) => ['sort by ' + label + ' (' + dir + ')', () => sortButton(label).querySelector('button').click(), sortedAs(label, dir)];
    const chooseState = (value) => () => {
      const s = document.querySelector('select[aria-label="Filter by state"]');
      Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(s, value);
      s.dispatchEvent(new Event('change', { bubbles: true }));
    };
    const selected = (pred) => () => {
      const bar = document.querySelector('[data-testid="bulk-bar"]');
      const n = bar ? Number((bar.textContent.match(/(\\d+) selected/) ?? [])[1]) : 0;
      return pred(n) ? null : 'the bulk bar counts ' + n + ' selected';
    };
    const all = rowCount();
    const keyDown = (key) => () => grid.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
    const lastRowShown = () => (grid.querySelector('[aria-rowindex="' + (all + 1) + '"]') ? null : 'the last row is not drawn');
    const firstGroup = () => grid.querySelector('[data-testid="container-group"]');
    try {
      for (const [name, act, check] of [sort('name', 'descending'), sort('name', 'ascending'), sort('created', 'descending'), sort('state', 'ascending')]) await time(name, act, check);
      await time('sort by name again', () => sortButton('name').querySelector('button').click(), sortedAs('name', 'ascending'));
      // The box's label counts the containers shown ("Select all 5000 shown"): the bar must count as many.
      const shown = Number((selectAll().getAttribute('aria-label').match(/(\\d+) shown/) ?? [])[1]);
      await time('tick all shown', () => selectAll().click(), selected((n) => n === shown));
      await time('untick all', () => selectAll().click(), () => (document.querySelector('[data-testid="bulk-bar"]') ? 'the bulk bar stays' : null));
      await time('state: running only', chooseState('running'), () => (rowCount() < all ? null : 'the list did not narrow'));
      await time('state: all again', chooseState('all'), () => (rowCount() === all ? null : 'the list shows ' + rowCount() + ' rows, not ' + all));
      grid.focus();
      await time('End key (last row)', keyDown('End'), lastRowShown);
      await time('Home key (first row)', keyDown('Home'), () => (grid.querySelector('[aria-rowindex="2"]') ? null : 'the first row is not drawn'));
      const before = rowCount();
      await time('fold a compose group', () => firstGroup().click(), () => (rowCount() < before ? null : 'no row went'));
      await time('unfold it', () => firstGroup().click(), () => (rowCount() === before ? null : 'the rows did not come back'));
    } catch (err) {
      return err.message;
    }
    return results;
  })()`);
  if (typeof out === 'string') throw new CannotRun(`list operations: ${out}`);
  return [
    ['list operations: action → next frame painted', '(each on a quiet page; longest task: the page\'s longtask entries, over 50 ms)'],
    ...out.map((r): [string, string] => [`  ${r.name}`, `${fmt(r.ms, ' ms')}, longest task ${r.longest ? fmt(r.longest, ' ms') : 'none over 50 ms'}; ${r.rows} rows`]),
  ];
}
