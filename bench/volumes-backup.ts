import { execFile } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { FIXTURE_IMAGE, testLabels, uniqueName } from '../main/test-support/engine';
import { connectWebClient } from '../main/test-support/ws-client';
import { CannotRun, fmt, median, tempDir, timedAgainstRef, type Benchmark } from './lib';
import { serveForBench, wsUrlOf } from './serve';

const run = promisify(execFile);
const FILES = 2000;
const FILE_KB = 100; // 2,000 × 100 KiB ≈ 200 MB
const ROUNDS = 3;

/**
 * volume-backup: a volume holding 200 MB in 2,000 files (random bytes: gzip cannot shrink them, the worst case for
 * time) backed up to a .tar.gz on the host through the contract (`volumes.backup` over berth serve's WebSocket),
 * against `docker run --rm -v VOL:/data -v DIR:/backup IMAGE tar czf /backup/x.tar.gz /data` in the same run.
 */
export const volumeBackup: Benchmark = {
  name: 'volume-backup',
  describe: 'back up a 200 MB / 2,000-file volume via volumes.backup, ref = docker run … tar czf of the same volume',
  async run(ctx) {
    const volume = uniqueName('bench-vol');
    await ctx.docker.createVolume({ Name: volume, Labels: testLabels() });
    ctx.defer(() => ctx.docker.getVolume(volume).remove());
    const dir = tempDir(ctx, 'berth-bench-vol-');
    const fill = `i=0; while [ $i -lt ${FILES} ]; do d=/data/d$((i / 100)); mkdir -p $d; head -c ${FILE_KB * 1024} /dev/urandom > $d/f$i; i=$((i + 1)); done`;
    await run('docker', ['run', '--rm', '--label', `berth.test=${ctx.runId}`, '-v', `${volume}:/data`, FIXTURE_IMAGE, 'sh', '-c', fill]);

    const server = await serveForBench(ctx);
    const client = await connectWebClient(wsUrlOf(server));
    ctx.defer(() => client.close());

    const berthBackup = (fileName: string) =>
      new Promise<void>((resolve, reject) => {
        client.api.volumes.backup({ name: volume, folder: dir, fileName }, { next: () => undefined, error: (e) => reject(new CannotRun(`volumes.backup: ${e.message}`)), complete: resolve });
      });
    const cliBackup = (fileName: string) =>
      run('docker', ['run', '--rm', '--label', `berth.test=${ctx.runId}`, '-v', `${volume}:/data`, '-v', `${dir}:/backup`, FIXTURE_IMAGE, 'tar', 'czf', `/backup/${fileName}`, '/data']);

    const berth: number[] = [];
    const ref: number[] = [];
    const sizes = { berth: 0, cli: 0 };
    for (let i = 0; i < ROUNDS; i++) {
      const order = i % 2 === 0 ? (['berth', 'cli'] as const) : (['cli', 'berth'] as const);
      for (const who of order) {
        const file = `${who}-${i}.tar.gz`;
        const t0 = performance.now();
        await (who === 'berth' ? berthBackup(file) : cliBackup(file));
        (who === 'berth' ? berth : ref).push(performance.now() - t0);
        sizes[who] = statSync(path.join(dir, file)).size;
        rmSync(path.join(dir, file));
      }
    }
    const b = median(berth);
    return timedAgainstRef(b, median(ref), 1.2, [
      ['volume', `${FILES} files × ${FILE_KB} KiB random`],
      ['rounds (median)', String(ROUNDS)],
      ['berth runs', berth.map((v) => fmt(v, 'ms')).join(', ')],
      ['docker run tar czf runs', ref.map((v) => fmt(v, 'ms')).join(', ')],
      ['archive size berth / ref', `${(sizes.berth / 1e6).toFixed(1)} MB / ${(sizes.cli / 1e6).toFixed(1)} MB`],
      ['berth throughput', `${((FILES * FILE_KB * 1024) / 1e6 / (b / 1000)).toFixed(0)} MB/s`],
    ]);
  },
};
