import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { FIXTURE_IMAGE, TEST_LABEL, uniqueName } from '../main/test-support/engine';
import { startTestRegistry } from '../main/test-support/registry-server';
import { connectWebClient } from '../main/test-support/ws-client';
import type { BerthApi } from '../preload/contract';
import type { StreamHandlers } from '../preload/contract/define';
import type { BuildMessage, TransferMessage } from '../preload/contract/images';
import { CannotRun, fmt, median, tempDir, timedAgainstRef, type BenchContext, type Benchmark } from './lib';
import { serveForBench, wsUrlOf } from './serve';

const run = promisify(execFile);
const ROUNDS = 3;
const PULL_LAYERS = 5;
const PULL_LAYER_MB = 10;
/** The classic builder on both sides: Berth's build goes through the Engine API's /build, which is the classic one. */
const CLI_ENV = { ...process.env, DOCKER_BUILDKIT: '0' };

async function serveClient(ctx: BenchContext): Promise<BerthApi> {
  const server = await serveForBench(ctx);
  const client = await connectWebClient(wsUrlOf(server));
  ctx.defer(() => client.close());
  return client.api;
}

/**
 * Follows one of the contract's image streams (`what`, for messages) to its end, each message through `onMessage`:
 * resolves at its end after a `done` message; an error, or an end without `done`, means the benchmark cannot run.
 */
function untilDone<M extends { type: string }>(what: string, open: (handlers: StreamHandlers<M>) => unknown, onMessage: (m: M) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    open({
      next: (m) => {
        onMessage(m);
        if (m.type === 'done') done = true;
      },
      error: (e) => reject(new CannotRun(`${what}: ${e.message}`)),
      complete: () => (done ? resolve() : reject(new CannotRun(`${what} ended without its done message`))),
    });
  });
}

/**
 * Runs each contender ROUNDS times, the order rotating every round (the engine is shared with other work: rotating
 * spreads that noise over all sides); `before` runs untimed ahead of each.
 */
async function alternate<K extends string>(before: () => Promise<unknown>, sides: Record<K, () => Promise<unknown>>): Promise<Record<K, number[]>> {
  const names = Object.keys(sides) as K[];
  const times = Object.fromEntries(names.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < ROUNDS; i++) {
    for (let j = 0; j < names.length; j++) {
      const who = names[(i + j) % names.length]!;
      await before();
      const t0 = performance.now();
      await sides[who]();
      times[who].push(performance.now() - t0);
    }
  }
  return times;
}

const rmi = (ref: string) => run('docker', ['rmi', '-f', ref]).catch(() => undefined);

/**
 * pull-50mb: a 5-layer image of ~50 MB of random bytes (gzip cannot shrink it) on a docker-registry on 127.0.0.1,
 * pulled through the contract (`images.pull` over berth serve's WebSocket, until its `done` and the stream's end)
 * against `docker pull`, the image removed before each pull.
 */
export const pull50mb: Benchmark = {
  name: 'pull-50mb',
  describe: 'pull a 5-layer ~50 MB image from a local registry via images.pull, ref = docker pull',
  async run(ctx) {
    const registry = await startTestRegistry().catch((err: Error) => {
      throw new CannotRun(`docker-registry did not start: ${err.message}`);
    });
    ctx.defer(() => registry.stop());
    const ref = `${registry.host}/berth-bench/${uniqueName('pull')}:latest`;
    ctx.defer(() => rmi(ref));
    const dir = tempDir(ctx, 'berth-bench-pull-');
    const steps = Array.from({ length: PULL_LAYERS }, (_, i) => `RUN head -c ${PULL_LAYER_MB * 1024 * 1024} /dev/urandom > /blob${i}`);
    writeFileSync(path.join(dir, 'Dockerfile'), [`FROM ${FIXTURE_IMAGE}`, `LABEL ${TEST_LABEL}=${ctx.runId}`, ...steps, ''].join('\n'));
    await run('docker', ['build', '-q', '-t', ref, dir], { env: CLI_ENV });
    await run('docker', ['push', ref]);
    const size = Number((await run('docker', ['image', 'inspect', '-f', '{{.Size}}', ref])).stdout.trim());

    const api = await serveClient(ctx);
    let progressMessages = 0;
    const berthPull = () =>
      untilDone<TransferMessage>('images.pull', (h) => api.images.pull({ ref }, h), (m) => {
        if (m.type === 'progress') progressMessages++;
      });
    // The Engine API call alone (dockerode, stream read to its end): what is left is Berth's own cost.
    const rawPull = async () => {
      const name = ref.slice(0, ref.lastIndexOf(':'));
      const stream = (await ctx.docker.createImage({ fromImage: name, tag: 'latest' })) as NodeJS.ReadableStream;
      for await (const chunk of stream) void chunk;
    };
    const times = await alternate(() => rmi(ref), { berth: berthPull, cli: () => run('docker', ['pull', '-q', ref]), raw: rawPull });
    return timedAgainstRef(median(times.berth), median(times.cli), 1.1, [
      ['image', `${PULL_LAYERS} layers × ${PULL_LAYER_MB} MiB random on ${FIXTURE_IMAGE}, ${(size / 1e6).toFixed(1)} MB, registry on ${registry.host}`],
      ['rounds (median)', String(ROUNDS)],
      ['berth runs', times.berth.map((v) => fmt(v, 'ms')).join(', ')],
      ['docker pull runs', times.cli.map((v) => fmt(v, 'ms')).join(', ')],
      ['Engine API alone (dockerode) runs', `${times.raw.map((v) => fmt(v, 'ms')).join(', ')} (median ${fmt(median(times.raw), 'ms')})`],
      ['progress messages per berth pull', (progressMessages / ROUNDS).toFixed(0)],
    ]);
  },
};

/**
 * build-fixture: a small multi-step context (COPY of 200 small files and a 4 MiB blob, RUNs, ENV/WORKDIR/CMD) built
 * through the contract (`images.build`, noCache) against `docker build --no-cache` (classic builder on both sides).
 */
export const buildFixture: Benchmark = {
  name: 'build-fixture',
  describe: 'build a multi-step fixture context via images.build (no cache), ref = docker build --no-cache',
  async run(ctx) {
    const dir = tempDir(ctx, 'berth-bench-build-');
    mkdirSync(path.join(dir, 'src'));
    for (let i = 0; i < 200; i++) writeFileSync(path.join(dir, 'src', `f${i}.txt`), `file ${i}\n`.repeat(50));
    writeFileSync(path.join(dir, 'blob.bin'), Buffer.alloc(4 * 1024 * 1024, 7));
    writeFileSync(
      path.join(dir, 'Dockerfile'),
      [
        `FROM ${FIXTURE_IMAGE}`,
        `LABEL ${TEST_LABEL}=${ctx.runId}`,
        'ENV APP_HOME=/app',
        'WORKDIR /app',
        'COPY src/ ./src/',
        'COPY blob.bin ./',
        'RUN cat src/*.txt | wc -l > lines && md5sum blob.bin > blob.md5',
        'RUN mkdir -p /data && i=0; while [ $i -lt 100 ]; do echo $i > /data/$i; i=$((i + 1)); done',
        'RUN head -c 2097152 /dev/urandom > /random.bin',
        'EXPOSE 8080',
        'CMD ["sleep", "3600"]',
        '',
      ].join('\n'),
    );
    const base = `berth-bench/${uniqueName('build')}`;
    const berthTag = `${base}:berth`;
    const cliTag = `${base}:cli`;
    ctx.defer(() => rmi(berthTag));
    ctx.defer(() => rmi(cliTag));

    const api = await serveClient(ctx);
    let steps = 0;
    const berthBuild = () =>
      untilDone<BuildMessage>('images.build', (h) => api.images.build({ context: dir, tags: [berthTag], noCache: true }, h), (m) => {
        if (m.type === 'step') steps = m.total;
      });
    const cliBuild = () => run('docker', ['build', '-q', '--no-cache', '-t', cliTag, dir], { env: CLI_ENV });
    const clean = async () => {
      await rmi(berthTag);
      await rmi(cliTag);
    };
    const times = await alternate(clean, { berth: berthBuild, cli: cliBuild });
    return timedAgainstRef(median(times.berth), median(times.cli), 1.1, [
      ['context', `${steps} steps, 200 small files + a 4 MiB blob, FROM ${FIXTURE_IMAGE}, classic builder both sides`],
      ['rounds (median)', String(ROUNDS)],
      ['berth runs', times.berth.map((v) => fmt(v, 'ms')).join(', ')],
      ['docker build --no-cache runs', times.cli.map((v) => fmt(v, 'ms')).join(', ')],
    ]);
  },
};
