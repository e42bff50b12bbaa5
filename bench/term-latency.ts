import { spawn } from 'node:child_process';
import { expectOnScreen, lastStages, openTerminalPage, type Stages } from './term-support';
import { CannotRun, fmt, median, percentile, sleep, withTimeout, type Benchmark } from './lib';

const KEYSTROKES = 200;
const WARMUP = 10;
/** Keystrokes per line before the line is cleared (Ctrl+U), so the prompt never wraps far. */
const PER_LINE = 50;
/** One display frame at 60 Hz: each keystroke waits a random part of it first, as a typist's keys fall at any phase. */
const FRAME_MS = 1000 / 60;

/** The reference: one byte at a time through `docker exec -i <c> cat`, each waited for on stdout. */
async function dockerExecRoundTrips(containerId: string, n: number): Promise<number[]> {
  const child = spawn('docker', ['exec', '-i', containerId, 'cat'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const times: number[] = [];
  let waiting: (() => void) | null = null;
  child.stdout.on('data', () => waiting?.());
  try {
    for (let i = 0; i < n + WARMUP; i++) {
      const t0 = performance.now();
      await withTimeout(
        'docker exec -i echo',
        10_000,
        new Promise<void>((resolve) => {
          waiting = resolve;
          child.stdin.write('a');
        }),
      );
      if (i >= WARMUP) times.push(performance.now() - t0);
    }
  } finally {
    child.stdin.end();
    child.kill();
  }
  return times;
}

function stagePair(xs: number[]): string {
  const ok = xs.filter((x) => Number.isFinite(x));
  return ok.length ? `${fmt(median(ok), 'ms')} / ${fmt(percentile(ok, 95), 'ms')}` : 'not stamped';
}

export const termLatency: Benchmark = {
  name: 'term-latency',
  describe: `keystroke → echo drawn in xterm (p95 of ${KEYSTROKES}; browser → main → engine → xterm) vs docker exec -i`,
  async run(ctx) {
    const { container, page, renderer } = await openTerminalPage(ctx, 'bench-term-lat');
    const times: number[] = [];
    const stages: Stages[] = [];
    for (let i = 0; i < KEYSTROKES + WARMUP; i++) {
      if (i % PER_LINE === 0) {
        await page.press('Control+U');
        await sleep(50);
      }
      const seen = await expectOnScreen(page, 'j');
      await sleep(Math.random() * FRAME_MS);
      const [ms] = await Promise.all([seen(), page.press('j')]);
      if (i >= WARMUP) {
        times.push(ms);
        stages.push(await lastStages(page));
      }
    }
    await page.press('Control+U');
    if (times.length !== KEYSTROKES) throw new CannotRun('not every keystroke was timed');
    const ref = await dockerExecRoundTrips(container.id, KEYSTROKES);
    const p95 = percentile(times, 95);
    const refP95 = percentile(ref, 95);
    return {
      berth: p95,
      ref: refP95,
      unit: 'ms',
      table: [
        ['Berth keystroke → echo on screen p50', fmt(median(times), 'ms')],
        ['Berth p95', fmt(p95, 'ms')],
        ['Berth max', fmt(Math.max(...times), 'ms')],
        ['  keydown → WebSocket send p50 / p95', stagePair(stages.map((x) => x.sent))],
        ['  send → data frame received p50 / p95 (main + engine)', stagePair(stages.map((x) => x.received - x.sent))],
        ['  data frame received → parsed by xterm p50 / p95', stagePair(stages.map((x) => x.parsed - x.received))],
        ['  parsed → drawn p50 / p95 (the wait for the next frame, then the render)', stagePair(stages.map((x) => x.seen - x.parsed))],
        ['Berth keystroke → echo parsed into xterm p50 / p95', stagePair(stages.map((x) => x.parsed))],
        ['xterm renderer', renderer],
        ['docker exec -i cat round trip p50', fmt(median(ref), 'ms')],
        ['docker exec -i p95', fmt(refP95, 'ms')],
        ['target', `p95 ≤ 15 ms on screen: ${p95 <= 15 ? 'met' : 'NOT met'}`],
      ],
    };
  },
};
