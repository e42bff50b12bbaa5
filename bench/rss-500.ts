import type { ContainersMessage } from '../preload/contract';
import { startServe } from '../e2e/support/app';
import { EngineSocketProxy } from '../main/test-support/socket-proxy';
import { connectWebClient } from '../main/test-support/ws-client';
import { CannotRun, fmt, rawGet, rssMb, sleep, withTimeout, type Benchmark } from './lib';

export const rss500: Benchmark = {
  name: 'rss-500',
  describe: 'resident memory of `berth serve` holding 500+ containers with one client watching them',
  async run(ctx) {
    const bulk = await ctx.bulk();
    const inEngine = (JSON.parse((await rawGet(ctx.socketPath, '/containers/json?all=1')).body) as unknown[]).length;

    const proxy = new EngineSocketProxy(`/tmp/berth-bench-${ctx.runId}.sock`, ctx.socketPath);
    ctx.defer(() => proxy.down());
    const server = await startServe({ ...process.env, DOCKER_HOST: `unix://${proxy.path}` }).catch((err: Error) => {
      throw new CannotRun(`berth serve did not start: ${err.message}`);
    });
    ctx.defer(() => server.stop());
    const pid = server.child.pid;
    if (!pid) throw new CannotRun('berth serve has no pid');

    await sleep(1500);
    const idle = rssMb(pid);

    await proxy.up();
    const wsUrl = server.url.replace(/^http/, 'ws').replace(/\/\?token=/, '/rpc?token=');
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
    ctx.log(`  target: ≤ 150 MB → ${loaded <= 150 ? 'met' : 'NOT met'}`);
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
        ['target', '≤ 150 MB'],
      ],
    };
  },
};
