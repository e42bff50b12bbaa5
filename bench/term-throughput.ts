import { spawn } from 'node:child_process';
import { dataFrames, expectOnScreen, lastDataFrame, lastParsed, openTerminalPage } from './term-support';
import { CannotRun, fmt, sleep, withTimeout, type Benchmark } from './lib';

const SIZE = 50 * 1024 * 1024;
const FILE = '/berth-bench-50m.txt';

async function run(cmd: string[], what: string): Promise<number> {
  const t0 = performance.now();
  await withTimeout(
    what,
    120_000,
    new Promise<void>((resolve, reject) => {
      const child = spawn('docker', cmd, { stdio: ['ignore', 'ignore', 'inherit'] });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new CannotRun(`${what} exited ${code}`))));
    }),
  );
  return performance.now() - t0;
}

const mbps = (ms: number) => SIZE / 1e6 / (ms / 1000);

export const termThroughput: Benchmark = {
  name: 'term-throughput',
  describe: '`cat` of 50 MB of text through the terminal until the end is drawn in xterm, vs docker exec cat > /dev/null',
  async run(ctx) {
    const { container, page, renderer } = await openTerminalPage(ctx, 'bench-term-tp');
    // Text lines of 64 bytes, 50 MiB in all, written inside the container (no bytes cross the host for setup).
    await run(
      ['exec', container.id, 'sh', '-c', `yes 'the quick brown fox jumps over the lazy dog 0123456789 abcdefg' | head -c ${SIZE} > ${FILE}`],
      'creating the file',
    );
    const refMs = await run(['exec', container.id, 'cat', FILE], 'docker exec cat');

    const seen = await expectOnScreen(page, 'END42END', 180_000);
    await page.insertText(`cat ${FILE}; echo END$((6*7))END`);
    await sleep(300); // the typed line's echo
    const before = await dataFrames(page);
    const ms = await page.profiled('term-throughput', async () => (await Promise.all([seen(), page.press('Enter')]))[0]);
    if (!(ms > 0)) throw new CannotRun('the end marker was not seen');
    // The hooks say xterm drew it; with the DOM renderer the rows can say so too.
    if (renderer === 'dom' && !(await page.evaluate<boolean>(`(document.querySelector('.term-view .xterm-rows')?.textContent ?? '').includes('END42END')`))) {
      throw new CannotRun('xterm reported the end marker drawn, but its rows do not show it');
    }
    const lastFrame = await lastDataFrame(page);
    const parsed = await lastParsed(page);
    const after = await dataFrames(page);
    const frames = after.frames - before.frames;
    const ok = mbps(ms) >= 20;
    return {
      berth: ms,
      ref: refMs,
      unit: 'ms',
      table: [
        ['Berth: Enter → last line drawn in xterm', fmt(ms, 'ms')],
        ['Berth throughput into xterm', `${mbps(ms).toFixed(1)} MB/s`],
        ['  Enter → last data frame received in the page', `${fmt(lastFrame, 'ms')} (${mbps(lastFrame).toFixed(1)} MB/s over the WebSocket)`],
        ['  Enter → end marker parsed by xterm', `${fmt(parsed, 'ms')} (${mbps(parsed).toFixed(1)} MB/s)`],
        ['  WebSocket data frames', `${frames} (mean ${fmt((after.bytes - before.bytes) / frames / 1024, ' KiB')})`],
        ['xterm renderer', renderer],
        ['docker exec cat > /dev/null', `${fmt(refMs, 'ms')} (${mbps(refMs).toFixed(1)} MB/s)`],
        ['target', `≥ 20 MB/s into xterm: ${ok ? 'met' : 'NOT met'}`],
      ],
    };
  },
};
