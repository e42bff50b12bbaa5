import { fmt, type Benchmark } from './lib';
import { armReceived, dockerLogsFollow, END, go, heapMb, LINES, spamContainerOnLogsPage, waitReceived } from './logs-support';

const rate = (ms: number) => Math.round(LINES / (ms / 1000));

export const logsIngest: Benchmark = {
  name: 'logs-ingest',
  describe: 'a container prints 1,000,000 lines while its Logs tab follows: time until the viewer holds them all, vs docker logs -f > /dev/null',
  async run(ctx) {
    const { c, page } = await spamContainerOnLogsPage(ctx, 'bench-logs-ingest');
    const before = await heapMb(page);
    const ref = dockerLogsFollow(c.id, ['--tail', '0']);
    ctx.defer(() => ref.kill());
    await ref.ready;
    await armReceived(page, LINES);
    ref.start();
    await go(c);
    const { ms, long } = await waitReceived(page, 300_000);
    const refMs = await ref.done;
    // Drawing keeps up: the last line is on screen.
    await page.waitFor(
      'the last line drawn',
      `[...document.querySelectorAll('[data-testid="log-line"]')].some((el) => el.textContent.includes(${JSON.stringify(END)}))`,
      30_000,
    );
    const after = await heapMb(page);
    const over50 = long.filter((d) => d > 50).length;
    const maxTask = long.length ? Math.max(...long) : 0;
    const ok = rate(ms) >= 50_000 && maxTask <= 200 && after <= 400;
    return {
      berth: ms,
      ref: refMs,
      unit: 'ms',
      table: [
        ['Berth: go → 1,000,000 lines in the viewer', `${fmt(ms, 'ms')} (${rate(ms).toLocaleString('en')} lines/s)`],
        ['docker logs -f > /dev/null, same lines, same time', `${fmt(refMs, 'ms')} (${rate(refMs).toLocaleString('en')} lines/s)`],
        ['main-thread tasks over 50 ms', `${over50} (longest ${fmt(maxTask, 'ms')})`],
        ['page JS heap + backing stores after GC: before → after 1M lines', `${before.toFixed(0)} MB → ${after.toFixed(0)} MB`],
        ['target', `≥ 50,000 lines/s, no task over 200 ms, ≤ 400 MB for 1M lines: ${ok ? 'met' : 'NOT met'}`],
      ],
    };
  },
};
