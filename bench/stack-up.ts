import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { FIXTURE_IMAGE, TEST_LABEL } from '../main/test-support/engine';
import { connectWebClient } from '../main/test-support/ws-client';
import type { ContainerSummary } from '../preload/contract/containers';
import { CannotRun, fmt, median, tempDir, timedAgainstRef, withTimeout, type Benchmark } from './lib';
import { serveForBench, wsUrlOf } from './serve';

const run = promisify(execFile);
const ROUNDS = 3;
const SERVICES = 10;

/**
 * stack-up-10: a compose file of 10 busybox services (`sleep 3600`) in a temp folder, brought up through the
 * contract (`stacks.run` action up over berth serve's WebSocket) until its exit message AND Berth's container store
 * (`containers.watch`, what the list renders from) shows all 10 running; against `<the same compose CLI> up -d` of
 * the same file. `down -t 0` (untimed) between rounds.
 */
export const stackUp10: Benchmark = {
  name: 'stack-up-10',
  describe: 'up a 10-service stack via stacks.run until containers.watch shows 10 running, ref = compose up -d',
  async run(ctx) {
    const dir = tempDir(ctx, 'berth-bench-stack-');
    const file = path.join(dir, 'compose.yaml');
    const services = Array.from({ length: SERVICES }, (_, i) =>
      [`  s${i}:`, `    image: ${FIXTURE_IMAGE}`, '    command: sleep 3600', '    labels:', `      ${TEST_LABEL}: ${ctx.runId}`].join('\n'),
    );
    writeFileSync(file, `version: "3.8"\nservices:\n${services.join('\n')}\n`);

    const server = await serveForBench(ctx);
    const client = await connectWebClient(wsUrlOf(server));
    ctx.defer(() => client.close());
    const api = client.api;

    const doc = await api.stacks.open({ path: file });
    const project = doc.projectName;
    const cliInfo = await api.stacks.cli({});
    const argv = (cliInfo.command ?? '').split(' ').filter(Boolean);
    if (argv.length === 0) throw new CannotRun(`no compose CLI: ${cliInfo.problem ?? 'none found'}`);
    const compose = (...args: string[]) =>
      run(argv[0]!, [...argv.slice(1), '--ansi', 'never', '-p', project, '--project-directory', dir, '-f', file, ...args], { cwd: dir });
    ctx.defer(() => compose('down', '-t', '0').catch(() => undefined));

    // Berth's view of the project's containers, as the UI's store gets it.
    const mine = new Map<string, ContainerSummary>();
    let onChange = () => undefined as void;
    const isMine = (c: ContainerSummary) => c.labels['com.docker.compose.project'] === project;
    const unwatch = api.containers.watch(
      {},
      {
        next: (m) => {
          if (m.type === 'snapshot') {
            mine.clear();
            for (const c of m.containers) if (isMine(c)) mine.set(c.id, c);
          } else {
            for (const id of m.removes) mine.delete(id);
            for (const c of m.upserts) if (isMine(c)) mine.set(c.id, c);
          }
          onChange();
        },
      },
    );
    ctx.defer(unwatch);
    const allRunning = () => [...mine.values()].filter((c) => c.state === 'running').length === SERVICES;
    const whenAllRunning = () =>
      new Promise<number>((resolve) => {
        const check = () => {
          if (allRunning()) {
            onChange = () => undefined;
            resolve(performance.now());
          }
        };
        onChange = check;
        check();
      });

    const exitTimes: number[] = [];
    const berthUp = async () => {
      const t0 = performance.now();
      const running = whenAllRunning();
      const exited = new Promise<number>((resolve, reject) => {
        api.stacks.run(
          { path: file, action: 'up' },
          {
            next: (m) => {
              if (m.type === 'exit') {
                if (m.ok) resolve(performance.now());
                else reject(new CannotRun(`stacks.run up failed: ${m.failures.map((f) => f.message).join('; ')}`));
              }
            },
            error: (e) => reject(new CannotRun(`stacks.run: ${e.message}`)),
          },
        );
      });
      const exit = await withTimeout('stacks.run up', 120_000, exited);
      exitTimes.push(exit - t0);
      await withTimeout('all 10 services running in containers.watch', 30_000, running);
    };
    const cliUp = () => compose('up', '-d');
    const down = async () => {
      await compose('down', '-t', '0');
      const until = Date.now() + 15_000;
      while (mine.size > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 50)); // Berth's store caught up
    };

    const times = { berth: [] as number[], cli: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      for (const who of i % 2 === 0 ? (['berth', 'cli'] as const) : (['cli', 'berth'] as const)) {
        await down();
        const t0 = performance.now();
        await (who === 'berth' ? berthUp() : cliUp());
        times[who].push(performance.now() - t0);
      }
    }
    await down();
    return timedAgainstRef(median(times.berth), median(times.cli), 1.15, [
      ['stack', `${SERVICES} services of ${FIXTURE_IMAGE} (sleep 3600), project ${project}`],
      ['compose CLI (both sides)', cliInfo.command ?? ''],
      ['measured through', 'the contract over WebSocket (stacks.run + containers.watch), not the rendered page'],
      ['rounds (median)', String(ROUNDS)],
      ['berth runs (exit + 10 running in the store)', times.berth.map((v) => fmt(v, 'ms')).join(', ')],
      ['  of which until stacks.run exit', exitTimes.map((v) => fmt(v, 'ms')).join(', ')],
      ['compose up -d runs', times.cli.map((v) => fmt(v, 'ms')).join(', ')],
    ]);
  },
};
