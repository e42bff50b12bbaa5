import type { BarePage, TracedTask } from './cdp';
import { CannotRun, fmt, median, percentile } from './lib';

/** A frame interval over this is a dropped frame: 1.5 × 16.7 ms. */
export const DROPPED_MS = 25;

export interface ScrollRun {
  /** Frame intervals (ms) while the list scrolled end to end. */
  frames: number[];
  /** When each of those intervals ended: its frame's time (performance.now(), ms). */
  frameAt: number[];
  /** The list's rows (its aria-rowcount, header left out) and its height in px. */
  rows: number;
  height: number;
  /** From the last scroll step until no row drawn lite during the fling is left (renderer/src/hooks/fling.ts). */
  fillIn: { ms: number; frames: number[] };
  /** The page's main thread per scroll frame (ms), by kind, fill-in included. */
  perFrame: { script: number; style: number; layout: number; all: number };
}

/** The browser's own frames on this machine, as the reference: the same animation frame loop with nothing changing. */
export function idleFrames(page: BarePage): Promise<number[]> {
  return page.evaluate<number[]>(`(async () => {
    const frames = [];
    let last = performance.now();
    await new Promise((done) => {
      const tick = (t) => { frames.push(t - last); last = t; if (frames.length > 120) return done(); requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    });
    return frames.slice(1);
  })()`);
}

/**
 * Scrolls the list `grid` (a selector) from top to bottom by half a screen every animation frame, as a dragged
 * scrollbar thumb goes, and times each frame; then the frames until the rows drawn lite during that fling are filled
 * in. With BERTH_BENCH_PROFILE or BERTH_BENCH_TRACE set (cdp.ts), the scroll is profiled or traced as `name`.
 */
export async function scrollEndToEnd(page: BarePage, grid: string, name: string | null): Promise<ScrollRun> {
  // What the page's main thread did while scrolling, by kind: Berth's own work is the script; style, layout and
  // paint are the browser's answer to the rows Berth changed.
  await page.send('Performance.enable', { timeDomain: 'threadTicks' }).catch(() => page.send('Performance.enable'));
  const metrics = async () => {
    const r = await page.send<{ metrics: { name: string; value: number }[] }>('Performance.getMetrics');
    return new Map(r.metrics.map((m) => [m.name, m.value]));
  };
  const m0 = await metrics();
  const scroll = () =>
    profiledAs(page, name, () =>
      page.evaluate<Omit<ScrollRun, 'perFrame'> | null>(`(async () => {
    const grid = document.querySelector(${JSON.stringify(grid)});
    if (!grid) return null;
    // From the top, once the jump there is drawn: from the list's end (where the last pass left it) that jump
    // replaces every row (drawn in full, then the rows beyond the view's edges), which is not scrolling.
    grid.scrollTop = 0;
    const quietFrom = performance.now();
    for (let quiet = 0; quiet < 5 && performance.now() - quietFrom < 5000; ) {
      await new Promise((r) => requestAnimationFrame(r));
      quiet = document.querySelector('[data-lite], [data-settling]') ? 0 : quiet + 1;
    }
    const frames = [];
    const frameAt = [];
    let last = performance.now();
    await new Promise((done) => {
      const tick = (t) => {
        frames.push(t - last);
        frameAt.push(t);
        last = t;
        if (grid.scrollTop + grid.clientHeight >= grid.scrollHeight - 1 || frames.length > 20000) return done();
        grid.scrollTop += Math.max(100, grid.clientHeight / 2);
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    // The fling's end: rows that came into view mid-fling were drawn lite and are filled in now, a few per frame, and
    // the list's children go back to the rows' order (data-settling, the containers list).
    const t0 = performance.now();
    const fillFrames = [];
    last = t0;
    // The frame that finds no lite row left is the one that draws the last ones filled in: its length is known at
    // the next frame.
    let filled = false;
    await new Promise((done) => {
      const tick = (t) => {
        fillFrames.push(t - last);
        last = t;
        if (filled) return done();
        filled = !document.querySelector('[data-lite], [data-settling]') || t - t0 > 10000;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    return {
      frames: frames.slice(1),
      frameAt: frameAt.slice(1),
      rows: Number(grid.getAttribute('aria-rowcount')) - 1,
      height: grid.scrollHeight,
      fillIn: { ms: performance.now() - t0, frames: fillFrames.slice(1) },
    };
  })()`),
    );
  // BERTH_BENCH_TRACE=<dir> writes the page's timeline of the scroll to <dir>/<name>.json (cdp.ts).
  const run = process.env.BERTH_BENCH_TRACE && name ? (await page.traced(scroll, name)).value : await scroll();
  if (!run) throw new CannotRun(`no ${grid} to scroll`);
  const m1 = await metrics();
  const perFrame = (metric: string) => (((m1.get(metric) ?? 0) - (m0.get(metric) ?? 0)) * 1000) / Math.max(1, run.frames.length);
  return {
    ...run,
    perFrame: { script: perFrame('ScriptDuration'), style: perFrame('RecalcStyleDuration'), layout: perFrame('LayoutDuration'), all: perFrame('TaskDuration') },
  };
}

/** A second scroll end to end, traced: whose each dropped frame was (see attributeDrops). */
export interface DropsTraced {
  frames: number;
  /** The dropped frames (over DROPPED_MS): each one's length and the CPU its main thread spent in it (ms). */
  dropped: { ms: number; cpuMs: number }[];
  /** Every frame's main-thread CPU (ms): how near the page's own work comes to a frame's 16.7 ms. */
  cpuMs: number[];
}

/**
 * Scrolls end to end once more, traced (a second pass: tracing costs the page a little, so the figures above come
 * from the untraced one), and puts the page's main-thread tasks (BarePage.traced) beside each dropped frame: a frame
 * whose main thread spent more CPU than a frame has (16.7 ms) was late for the page's own work; one that spent less
 * was late waiting (the thread not given a core on a busy machine, or the browser's other threads).
 */
export async function attributeDrops(page: BarePage, grid: string, name: string): Promise<DropsTraced> {
  // Named: with BERTH_BENCH_TRACE=<dir>, this pass's timeline goes to <dir>/<name>.json.
  const { value: run, tasks } = await page.traced(() => scrollEndToEnd(page, grid, null), name);
  const dropped: DropsTraced['dropped'] = [];
  const cpuMs = run.frames.map((ms, k) => {
    const end = run.frameAt[k]!;
    const cpu = cpuWithin(tasks, end - ms, end);
    if (ms > DROPPED_MS) dropped.push({ ms, cpuMs: cpu });
    return cpu;
  });
  return { frames: run.frames.length, dropped, cpuMs };
}

/** `fn` profiled as `name` (BERTH_BENCH_PROFILE), or just run without a name. */
const profiledAs = <T>(page: BarePage, name: string | null, fn: () => Promise<T>) => (name ? page.profiled(name, fn) : fn());

/** The CPU time of the tasks that started from `start` until `end` (page clock, ms). */
export function cpuBetween(tasks: readonly TracedTask[], start: number, end: number): number {
  let cpu = 0;
  for (const t of tasks) if (t.atMs >= start && t.atMs < end) cpu += t.cpuMs;
  return cpu;
}

/**
 * The CPU time the main thread spent from `start` until `end` (page clock, ms): each task's CPU in the part of it
 * that falls in the window (its CPU spread evenly over its wall time). By start alone, a task that began at the end
 * of one frame and ran on into the next counted wholly in the first: a 33 ms frame late for the page's own 20-odd ms
 * task came out as 9 ms of CPU, "waiting".
 */
export function cpuWithin(tasks: readonly TracedTask[], start: number, end: number): number {
  let cpu = 0;
  for (const t of tasks) {
    const from = Math.max(start, t.atMs);
    const to = Math.min(end, t.atMs + t.wallMs);
    if (t.wallMs <= 0) {
      if (t.atMs >= start && t.atMs < end) cpu += t.cpuMs;
    } else if (to > from) {
      cpu += (t.cpuMs * (to - from)) / t.wallMs;
    }
  }
  return cpu;
}

/** A frame's time at 60 Hz (ms): a dropped frame whose main thread spent more CPU than this was the page's own. */
export const FRAME_MS = 1000 / 60;

/** The attribution's row of a benchmark's table. */
export function dropsRow(d: DropsTraced): [string, string] {
  const own = d.dropped.filter((f) => f.cpuMs > FRAME_MS);
  const waiting = d.dropped.filter((f) => f.cpuMs <= FRAME_MS);
  const list = (fs: typeof own) => fs.map((f) => `${fmt(f.ms, '')}/${fmt(f.cpuMs, '')}`).join(', ');
  return [
    'scroll again, traced: dropped frames by cause',
    `${d.dropped.length} of ${d.frames} over ${DROPPED_MS} ms; ${own.length} with more than ${fmt(FRAME_MS, ' ms')} of main-thread CPU in them (the page's own work)` +
      `${own.length ? ` [frame/CPU ms: ${list(own)}]` : ''}; ${waiting.length} with less (waiting for a core or another thread)${waiting.length ? ` [${list(waiting)}]` : ''}; ` +
      `every frame's CPU: p50 ${fmt(median(d.cpuMs), ' ms')}, p95 ${fmt(percentile(d.cpuMs, 95), ' ms')}, max ${fmt(Math.max(0, ...d.cpuMs), ' ms')}, ${d.cpuMs.filter((c) => c > FRAME_MS).length} over ${fmt(FRAME_MS, ' ms')}`,
  ];
}

/** The scroll's rows of a benchmark's table, beside the reference loop's. */
export function scrollTable(run: ScrollRun, idle: number[]): [string, string][] {
  const dropped = (frames: number[]) => frames.filter((f) => f > DROPPED_MS).length;
  return [
    [
      'scroll end to end, frames',
      `${run.frames.length} frames over ${run.rows} rows (${Math.round(run.height)} px); ${dropped(run.frames)} over ${DROPPED_MS} ms (dropped); longest ${fmt(Math.max(...run.frames), ' ms')}; median ${fmt(median(run.frames), ' ms')}; p95 ${fmt(percentile(run.frames, 95), ' ms')}`,
    ],
    [
      'scroll end → lite rows filled in, in order',
      `in ${fmt(run.fillIn.ms, ' ms')}: ${run.fillIn.frames.length} frames, ${dropped(run.fillIn.frames)} over ${DROPPED_MS} ms, longest ${fmt(Math.max(0, ...run.fillIn.frames), ' ms')}`,
    ],
    ['ref: frames with nothing changing', `${idle.length} frames; ${dropped(idle)} over ${DROPPED_MS} ms; median ${fmt(median(idle), ' ms')}; p95 ${fmt(percentile(idle, 95), ' ms')} (what this browser and machine give with no work)`],
    [
      'scroll, page main thread per frame (fill-in included)',
      `script ${fmt(run.perFrame.script, ' ms')} (Berth's rendering, and the loop that scrolls), style ${fmt(run.perFrame.style, ' ms')}, layout ${fmt(run.perFrame.layout, ' ms')}, all tasks ${fmt(run.perFrame.all, ' ms')}`,
    ],
  ];
}
