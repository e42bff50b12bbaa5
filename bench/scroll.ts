import type { BarePage } from './cdp';
import { CannotRun, fmt, median, percentile } from './lib';

/** A frame interval over this is a dropped frame: 1.5 × 16.7 ms. */
export const DROPPED_MS = 25;

export interface ScrollRun {
  /** Frame intervals (ms) while the list scrolled end to end. */
  frames: number[];
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
export async function scrollEndToEnd(page: BarePage, grid: string, name: string): Promise<ScrollRun> {
  // What the page's main thread did while scrolling, by kind: Berth's own work is the script; style, layout and
  // paint are the browser's answer to the rows Berth changed.
  await page.send('Performance.enable', { timeDomain: 'threadTicks' }).catch(() => page.send('Performance.enable'));
  const metrics = async () => {
    const r = await page.send<{ metrics: { name: string; value: number }[] }>('Performance.getMetrics');
    return new Map(r.metrics.map((m) => [m.name, m.value]));
  };
  const m0 = await metrics();
  const scroll = () =>
    page.profiled(name, () =>
      page.evaluate<Omit<ScrollRun, 'perFrame'> | null>(`(async () => {
    const grid = document.querySelector(${JSON.stringify(grid)});
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
    // The fling's end: rows that came into view mid-fling were drawn lite and are filled in now, a few per task.
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
  })()`),
    );
  // BERTH_BENCH_TRACE=<dir> writes the page's timeline of the scroll to <dir>/<name>.json (cdp.ts).
  const run = process.env.BERTH_BENCH_TRACE ? (await page.traced(scroll, name)).value : await scroll();
  if (!run) throw new CannotRun(`no ${grid} to scroll`);
  const m1 = await metrics();
  const perFrame = (metric: string) => (((m1.get(metric) ?? 0) - (m0.get(metric) ?? 0)) * 1000) / Math.max(1, run.frames.length);
  return {
    ...run,
    perFrame: { script: perFrame('ScriptDuration'), style: perFrame('RecalcStyleDuration'), layout: perFrame('LayoutDuration'), all: perFrame('TaskDuration') },
  };
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
      'scroll end → lite rows filled in',
      `in ${fmt(run.fillIn.ms, ' ms')}: ${run.fillIn.frames.length} frames, ${dropped(run.fillIn.frames)} over ${DROPPED_MS} ms, longest ${fmt(Math.max(0, ...run.fillIn.frames), ' ms')}`,
    ],
    ['ref: frames with nothing changing', `${idle.length} frames; ${dropped(idle)} over ${DROPPED_MS} ms; median ${fmt(median(idle), ' ms')}; p95 ${fmt(percentile(idle, 95), ' ms')} (what this browser and machine give with no work)`],
    [
      'scroll, page main thread per frame (fill-in included)',
      `script ${fmt(run.perFrame.script, ' ms')} (Berth's rendering, and the loop that scrolls), style ${fmt(run.perFrame.style, ' ms')}, layout ${fmt(run.perFrame.layout, ' ms')}, all tasks ${fmt(run.perFrame.all, ' ms')}`,
    ],
  ];
}
