import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { method, stream } from '../../preload/contract';
import { readyLine, stopper } from './child-ready';

/** What `web-target.ts stub` serves: a method and a stream, no engine. */
export const stubContract = {
  echo: method<{ text: string }>()(z.strictObject({ text: z.string() })),
  ticks: stream<number>()(z.strictObject({ everyMs: z.number().int().min(10).max(1000) })),
};

export interface WebTarget {
  port: number;
  token: string;
  child: ChildProcess;
  /** stderr so far: an uncaught error's stack lands here. */
  stderr(): string;
  alive(): boolean;
  /** VmRSS in MiB. */
  rssMb(): number;
  /** Collects garbage in the server (it runs with --expose-gc), then its memory use. */
  memoryAfterGc(): Promise<NodeJS.MemoryUsage>;
  stop(): Promise<void>;
}

/** Starts `web-target.ts` (see there) under tsx and waits for its port. */
export async function startWebTarget(mode: 'stub' | 'backend', env: NodeJS.ProcessEnv = process.env): Promise<WebTarget> {
  // One process (no tsx wrapper), so its exit is the server's own.
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(__dirname, 'web-target.ts'), mode], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const stop = stopper(child, () => child.stdin!.end(), 5000);
  const line = await readyLine(child, { what: 'web target', isReady: (l) => l.startsWith('{'), timeoutMs: 30_000, log: () => err, stop });
  const { port, token, pid } = JSON.parse(line) as { port: number; token: string; pid: number };
  return {
    port,
    token,
    child,
    stderr: () => err,
    alive: () => child.exitCode === null && child.signalCode === null,
    rssMb: () => Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024,
    memoryAfterGc: () =>
      new Promise((done) => {
        const onData = (d: Buffer) => {
          const line = d.toString().split('\n').find((l) => l.startsWith('{"memory"'));
          if (!line) return;
          child.stderr!.off('data', onData);
          done((JSON.parse(line) as { memory: NodeJS.MemoryUsage }).memory);
        };
        child.stderr!.on('data', onData);
        child.kill('SIGUSR2');
      }),
    stop,
  };
}
