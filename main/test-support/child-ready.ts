import type { ChildProcess } from 'node:child_process';

/**
 * Servers that tests and benchmarks start as child processes and that say they are ready by printing a line:
 * `berth serve` (its URL: e2e/support/app.ts, bench/) and the transport tests' web target (its port, as JSON). One way
 * to wait for that line and one way to stop them.
 */

/** Stops a child: `ask` (a signal, closing its stdin), then SIGKILL after `killAfterMs`; resolves once it has exited. */
export function stopper(child: ChildProcess, ask: () => void, killAfterMs: number): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      ask();
      setTimeout(() => child.kill('SIGKILL'), killAfterMs).unref();
    });
}

export interface ReadyOptions {
  /** Its name in an error ("berth serve"). */
  what: string;
  /** Which line of its stdout says it is ready. */
  isReady(line: string): boolean;
  timeoutMs: number;
  /** What it has said so far, for the error. */
  log(): string;
  stop(): Promise<void>;
}

/** The child's ready line; rejects when it exits first, or stops it and rejects when no such line came in time. */
export function readyLine(child: ChildProcess, opts: ReadyOptions): Promise<string> {
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void opts.stop();
      reject(new Error(`${opts.what} was not ready within ${opts.timeoutMs / 1000} s:\n${opts.log()}`));
    }, opts.timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${opts.what} exited (${code}) before it was ready:\n${opts.log()}`));
    });
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => opts.isReady(l));
      if (line === undefined) return;
      clearTimeout(timer);
      resolve(line);
    });
  });
}
