import type { ContainersMessage } from '../preload/contract';
import { EngineSocketProxy } from '../main/test-support/socket-proxy';
import { connectWebClient } from '../main/test-support/ws-client';
import { CannotRun, fmt, rawGet, rssMb, sleep, withTimeout, type BenchContext, type Benchmark, type BenchResult } from './lib';
import { oneEngine, pidOf, serveForBench, wsUrlOf } from './serve';

export const rss500 = rssBenchmark({ name: 'rss-500', count: 500, targetMb: 150 });
/** One engine only: the test world's docker contexts reach the same daemon and would hold every container thrice. */
export const rss5000 = rssBenchmark({ name: 'rss-5000', count: 5000, targetMb: 200, oneEngine: true });

function rssBenchmark(o: { name: string; count: number; targetMb: number; oneEngine?: boolean }): Benchmark {
  return {
    name: o.name,
    describe: `resident memory of \`berth serve\` holding ${o.count}+ containers with one client watching them`,
    run: (ctx) => rssRun(ctx, o),
  };
}

async function rssRun(ctx: BenchContext, o: { count: number; targetMb: number; oneEngine?: boolean }): Promise<BenchResult> {
  const bulk = await ctx.bulk(o.count);
  const inEngine = (JSON.parse((await rawGet(ctx.socketPath, '/containers/json?all=1')).body) as unknown[]).length;

  const proxy = new EngineSocketProxy(`/tmp/berth-bench-${ctx.runId}.sock`, ctx.socketPath);
  ctx.defer(() => proxy.down());
  let env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: `unix://${proxy.path}` };
  if (o.oneEngine) env = oneEngine(ctx, env);
  const server = await serveForBench(ctx, env);
  const pid = pidOf(server);

  await sleep(1500);
  const idle = rssMb(pid);

  await proxy.up();
  const wsUrl = wsUrlOf(server);
  const client = await connectWebClient(wsUrl);
  ctx.defer(() => client.close());
  const t0 = performance.now();
  let snapshotMs = NaN;
  let count = 0;
  let messages = 0;
  await withTimeout(
    `a containers.watch snapshot with the ${bulk.length} containers this run created`,
    30_000,
    new Promise<void>((resolve, reject) => {
      client.api.containers.watch(
        {},
        {
          next(m: ContainersMessage) {
            messages++;
            if (m.type === 'snapshot') {
              // Others may add and remove containers meanwhile: wait for this run's own.
              count = m.containers.length;
              const mine = m.containers.filter((c) => c.labels['berth.test'] === ctx.runId).length;
              if (mine >= bulk.length && Number.isNaN(snapshotMs)) {
                snapshotMs = performance.now() - t0;
                resolve();
              }
            }
          },
          error: (e) => reject(new CannotRun(`containers.watch failed: ${JSON.stringify(e)}`)),
        },
      );
      // Skip the reconnection backoff: the app would reconnect on its own within a second.
      void client.api.engine.retry({}).catch(() => undefined);
    }),
  );
  await sleep(1000);
  const loaded = rssMb(pid);
  ctx.log(`  target: ≤ ${o.targetMb} MB → ${loaded <= o.targetMb ? 'met' : 'NOT met'}`);
  return {
    berth: loaded,
    ref: idle,
    unit: 'MB',
    table: [
      ['containers in the snapshot', `${count} (${bulk.length} created by this run; engine listed ${inEngine} before; ${messages} message(s))`],
      ['RSS, running, engine unreachable', fmt(idle, ' MB')],
      ['RSS, connected, one client watching', fmt(loaded, ' MB')],
      ['difference', fmt(loaded - idle, ' MB')],
      ['proxy up → full snapshot at the client', fmt(snapshotMs, ' ms')],
      ['target', `≤ ${o.targetMb} MB`],
    ],
  };
}
