import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { connectWebClient } from '../main/test-support/ws-client';
import { CannotRun, fmt, median, timedAgainstRef, type Benchmark } from './lib';
import { serveForBench, wsUrlOf } from './serve';
import { startSleepers } from './sleepers';

const run = promisify(execFile);
const COUNT = 50;
const ROUNDS = 3;

/**
 * bulk-50: stop then start 50 running containers through the contract (`containers.bulk`, what the list's bulk bar
 * calls), against `docker stop` / `docker start` of the same 50 with the CLI (which runs up to 50 in parallel).
 */
export const bulk50: Benchmark = {
  name: 'bulk-50',
  describe: 'stop then start 50 running containers via containers.bulk, ref = docker stop / docker start of the same 50',
  async run(ctx) {
    // --init: the fixture's `sleep` then stops at SIGTERM at once, so the figure is the engine + Berth, not a timeout.
    const { ids } = await startSleepers(ctx, COUNT, 'bench-b50', { init: true });

    const server = await serveForBench(ctx);
    const client = await connectWebClient(wsUrlOf(server));
    ctx.defer(() => client.close());

    const timed = async (fn: () => Promise<unknown>) => {
      const t0 = performance.now();
      await fn();
      return performance.now() - t0;
    };
    const berthAction = (action: 'stop' | 'start') => async () => {
      const results = await client.api.containers.bulk({ action, ids });
      const failed = results.filter((r) => !r.ok);
      if (failed.length) throw new CannotRun(`containers.bulk ${action}: ${failed.length} failed, e.g. ${failed[0]!.error?.message}`);
    };
    const cliAction = (action: 'stop' | 'start') => () => run('docker', [action, ...ids], { maxBuffer: 1 << 20 });

    const berth = { stop: [] as number[], start: [] as number[] };
    const ref = { stop: [] as number[], start: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate who goes first so a warming engine favours neither.
      const order = i % 2 === 0 ? (['berth', 'cli'] as const) : (['cli', 'berth'] as const);
      for (const who of order) {
        const into = who === 'berth' ? berth : ref;
        const act = who === 'berth' ? berthAction : cliAction;
        into.stop.push(await timed(act('stop')));
        into.start.push(await timed(act('start')));
      }
    }
    const total = (r: { stop: number[]; start: number[] }) => median(r.stop.map((s, i) => s + r.start[i]!));
    return timedAgainstRef(total(berth), total(ref), 1.2, [
      ['containers', String(COUNT)],
      ['rounds (median)', String(ROUNDS)],
      ['berth stop / start', `${fmt(median(berth.stop), 'ms')} / ${fmt(median(berth.start), 'ms')}`],
      ['docker CLI stop / start', `${fmt(median(ref.stop), 'ms')} / ${fmt(median(ref.start), 'ms')}`],
    ]);
  },
};
