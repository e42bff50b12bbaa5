/**
 * `npm run bench [-- <filter>...]`: runs every benchmark whose name contains one of the filters (all without one;
 * a filter ending in `$` names one exactly: `list-500$`).
 * Each prints `BENCH <name> berth=… ref=… ratio=…` and a table. Not tests: timings never fail the run, but a
 * benchmark that cannot run does (exit 1). Everything created in the engine carries `berth.test=<run id>` and is
 * removed at the end, also on failure or Ctrl+C.
 */
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { detectComposeCli } from '../main/engine/compose-cli';
import { benchLine, CannotRun, pool, table, type BenchContext, type Benchmark } from './lib';

process.env.BERTH_TEST_RUN_ID ||= `bench-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
// Imported after the run id is set: engine.ts reads it once, and the serve processes inherit it.
const engine = await import('../main/test-support/engine');
const { eventLatency } = await import('./event-latency');
const { list500, list5000 } = await import('./list-500');
const { rss500, rss5000 } = await import('./rss-500');
const { stats50 } = await import('./stats-50');
const { termLatency } = await import('./term-latency');
const { termThroughput } = await import('./term-throughput');
const { logsIngest } = await import('./logs-ingest');
const { logsSearch } = await import('./logs-search');
const { bulk50 } = await import('./bulk-50');
const { volumeBackup } = await import('./volumes-backup');
const { pull50mb, buildFixture } = await import('./images-transfer');
const { stackUp10 } = await import('./stack-up');
const { abuseRss } = await import('./abuse-rss');
const { sshList } = await import('./ssh-list');
const { idle100 } = await import('./idle-100');
const { eventStorm200 } = await import('./event-storm-200');
const { palette5000 } = await import('./palette-5000');
const { remoteList } = await import('./remote-list');
const { remoteEventLatency } = await import('./remote-event-latency');
const { engines4 } = await import('./engines-4');
const { images2000, volumes1000 } = await import('./pages-scroll');

// images-2000 and volumes-1000 early: they count dropped frames, and later benchmarks leave hundreds of containers
// running on this machine.
const BENCHMARKS: Benchmark[] = [eventLatency, images2000, volumes1000, list500, rss500, list5000, rss5000, termLatency, termThroughput, stats50, logsIngest, logsSearch, bulk50, volumeBackup, pull50mb, buildFixture, stackUp10, abuseRss, sshList, idle100, eventStorm200, remoteList, remoteEventLatency, engines4, palette5000];
const BULK_COUNT = 500;
const BULK_CONCURRENCY = 8;

const args = process.argv.slice(2).filter((a) => a !== '--');
if (args.includes('--list') || args.includes('--help')) {
  for (const b of BENCHMARKS) console.log(`${b.name.padEnd(14)} ${b.describe}`);
  process.exit(0);
}
// A filter ending in $ names one benchmark exactly (`list-500$`: not list-5000).
const selected = BENCHMARKS.filter((b) => args.length === 0 || args.some((f) => (f.endsWith('$') ? b.name === f.slice(0, -1) : b.name.includes(f))));
if (selected.length === 0) {
  console.error(`No benchmark matches ${args.join(', ')}; there are: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
  process.exit(2);
}

const docker = engine.testDocker();
const runId = engine.RUN_ID;
const log = (msg: string) => console.log(msg);

// ---------- cleanup: deferred undo steps, then every container labelled with this run id ----------
let deferred: (() => unknown)[] = [];
let cleaning: Promise<void> | null = null;
async function removeLabelled(): Promise<number> {
  const mine = await docker.listContainers({ all: true, filters: { label: [`${engine.TEST_LABEL}=${runId}`] } });
  await pool(mine, BULK_CONCURRENCY, (c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => undefined));
  return mine.length;
}
let stopping = false;
let bulkPromise: Promise<string[]> | null = null;
function cleanup(): Promise<void> {
  stopping = true;
  cleaning ??= (async () => {
    await bulkPromise?.catch(() => undefined); // creates in flight (at most 8) settle, no new ones start
    const steps = deferred.reverse();
    deferred = [];
    for (const step of steps) {
      try {
        await step();
      } catch {
        // keep going: the engine objects matter most
      }
    }
    try {
      const t0 = performance.now();
      const n = await removeLabelled();
      if (n) log(`cleanup: removed ${n} container(s) labelled ${engine.TEST_LABEL}=${runId} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      let left = await removeLabelled(); // belt and braces: anything that appeared meanwhile
      // Interrupted, a benchmark's own creates (not ctx.bulk's, awaited above) may still be in flight, and the engine
      // finishes a create it was sent even once this process is gone (a Ctrl+C during idle-100's start left 8): sweep
      // again until a pass a little after the last finds nothing.
      if (interrupted) {
        for (let pass = 0; pass < 5; pass++) {
          await new Promise((resolve) => setTimeout(resolve, 2000));
          const n = await removeLabelled();
          left += n;
          if (n === 0) break;
        }
      }
      if (left) log(`cleanup: removed ${left} more`);
    } catch (err) {
      console.error(`cleanup: could not remove the containers labelled ${engine.TEST_LABEL}=${runId}: ${(err as Error).message}`);
      console.error(`  remove them with: docker rm -f $(docker ps -aq --filter label=${engine.TEST_LABEL}=${runId})`);
    }
  })();
  return cleaning;
}
// `process.on`, not `once`: under tsx (and npm) a Ctrl+C arrives twice, from the terminal and relayed by the parent,
// and the second must not kill the process halfway through the cleanup.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: cleaning up…`);
    setTimeout(() => {
      console.error(`cleanup is taking too long; left: docker ps -a --filter label=${engine.TEST_LABEL}=${runId}`);
      process.exit(130);
    }, 60_000).unref();
    void cleanup().finally(() => process.exit(130));
  });
}

// ---------- the labelled containers the list and RSS benchmarks share ----------
// list-500/rss-500 take the first 500 (stopped, no project); list-5000/rss-5000 take 5,000: 4,500 more in
// SCALE_PROJECTS compose projects, SCALE_RUNNING of them running (as on a busy CI host: most stopped, a few hundred
// up). Created once, on first use, and grown when a later benchmark asks for more.
const SCALE_PROJECTS = 200;
const SCALE_RUNNING = 250;
const bulkNames: string[] = [];
async function growBulk(count: number): Promise<string[]> {
  if (bulkNames.length >= count) return bulkNames.slice(0, count);
  const t0 = performance.now();
  const first = bulkNames.length;
  const todo = Array.from({ length: count - first }, (_, k) => ({ name: engine.uniqueName('bench-bulk'), i: first + k }));
  const labels = (i: number) =>
    i < BULK_COUNT ? undefined : { 'com.docker.compose.project': `bench-p${i % SCALE_PROJECTS}`, 'com.docker.compose.service': `svc${Math.floor(i / SCALE_PROJECTS) % 25}` };
  await pool(todo, BULK_CONCURRENCY, async ({ name, i }) => {
    if (stopping) throw new CannotRun('interrupted');
    await engine.createTestContainer(docker, { name, labels: labels(i) });
    bulkNames[i] = name;
  });
  log(`  (created ${todo.length} stopped containers in ${((performance.now() - t0) / 1000).toFixed(1)} s, concurrency ${BULK_CONCURRENCY})`);
  if (count > BULK_COUNT) {
    const t1 = performance.now();
    const start = todo.filter(({ i }) => i >= BULK_COUNT).slice(0, SCALE_RUNNING);
    await pool(start, BULK_CONCURRENCY, ({ name }) => {
      if (stopping) throw new CannotRun('interrupted');
      return docker.getContainer(name).start();
    });
    log(`  (started ${start.length} of them in ${((performance.now() - t1) / 1000).toFixed(1)} s)`);
  }
  return bulkNames.slice(0, count);
}
function bulk(count = BULK_COUNT): Promise<string[]> {
  const next = (bulkPromise ?? Promise.resolve([])).catch(() => []).then(() => growBulk(count));
  bulkPromise = next;
  return next;
}

/**
 * Runs the app from a private copy of the dist/ just built: others rebuild dist/ in this tree at any moment (their
 * e2e runs), and a renderer deleted mid-load, or a different build, would make the figures meaningless.
 */
function snapshotDist(): string | null {
  const repo = process.cwd();
  // BERTH_DIST (see scripts/build.mjs) names a private build; else the tree's dist/.
  const source = path.resolve(process.env.BERTH_DIST || 'dist');
  for (const f of ['main/serve.cjs', 'renderer/index.html']) {
    if (!existsSync(path.join(source, f))) return `${path.join(source, f)} is missing: run \`npm run build\` (or \`npm run bench\`, which builds) — or someone is rebuilding it right now`;
  }
  const dir = `/tmp/berth-bench-${runId}`;
  mkdirSync(dir, { recursive: true });
  deferred.push(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(source, path.join(dir, 'dist'), { recursive: true });
  process.env.BERTH_DIST = path.join(dir, 'dist');
  if (!existsSync(path.join(dir, 'dist/renderer/index.html'))) return 'dist/renderer changed while it was copied (someone is rebuilding it); run again';
  symlinkSync(path.join(repo, 'node_modules'), path.join(dir, 'node_modules'));
  process.chdir(dir); // startServe runs `dist/main/serve.cjs` relative to the working directory
  return null;
}

async function main(): Promise<number> {
  const distProblem = snapshotDist();
  if (distProblem) {
    console.error(`could not run any benchmark: ${distProblem}`);
    return 1;
  }
  try {
    await engine.requireEngine(docker);
  } catch (err) {
    console.error(`could not run any benchmark: ${(err as Error).message}`);
    return 1;
  }
  const socketPath = (docker.modem as unknown as { socketPath?: string }).socketPath;
  if (!socketPath) {
    console.error('could not run any benchmark: the engine is not reached over a unix socket (the raw-API references and the socket proxy need one)');
    return 1;
  }
  const version = await docker.version();
  const { cli: compose } = await detectComposeCli(null);
  log(
    `engine: Docker Engine ${version.Version} (API ${version.ApiVersion}) at ${socketPath}${process.env.BERTH_WORLD ? ` (test world ${process.env.BERTH_WORLD})` : ''}; ` +
      `compose: ${compose ? `${compose.kind} ${compose.version}` : 'none'}`,
  );
  log(`run id ${runId} (engine objects are labelled ${engine.TEST_LABEL}=${runId}); benchmarks: ${selected.map((b) => b.name).join(', ')}`);

  const failed: string[] = [];
  const lines: string[] = [];
  for (const b of selected) {
    log(`\n== ${b.name}: ${b.describe}`);
    const ctx: BenchContext = { docker, runId, socketPath, bulk, defer: (fn) => deferred.push(fn), log, interrupted: () => stopping };
    const mark = deferred.length;
    const t0 = performance.now();
    try {
      const result = await b.run(ctx);
      const line = benchLine(b.name, result);
      lines.push(line);
      log(line);
      log(table([...result.table, ['benchmark wall time', `${((performance.now() - t0) / 1000).toFixed(1)} s`]]));
    } catch (err) {
      const why = err instanceof CannotRun ? err.message : ((err as Error).stack ?? String(err));
      console.error(`could not run ${b.name}: ${why}`);
      failed.push(b.name);
    } finally {
      // Close this benchmark's server and browser before the next one runs (they would skew its timings).
      const mine = deferred.splice(mark).reverse();
      for (const step of mine) {
        try {
          await step();
        } catch {
          // already gone
        }
      }
    }
  }
  await cleanup();

  log('\nsummary:');
  for (const l of lines) log(l);
  if (failed.length) {
    console.error(`${failed.length} benchmark(s) could not run: ${failed.join(', ')}`);
    return 1;
  }
  return 0;
}

const t0 = performance.now();
main()
  .catch(async (err) => {
    console.error(err);
    await cleanup();
    return 1;
  })
  .then((code) => {
    log(`total ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    process.exit(code);
  });
