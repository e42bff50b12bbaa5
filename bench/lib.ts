import type Docker from 'dockerode';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** What every benchmark gets from run.ts. */
export interface BenchContext {
  docker: Docker;
  runId: string;
  /** The engine's unix socket (the raw-API references are timed over it). */
  socketPath: string;
  /**
   * Names of labelled containers the list and RSS benchmarks share: 500 by default (stopped), or `count` (beyond 500
   * in 200 compose projects, 250 of those running). Created once, on first use; a larger count adds the rest.
   */
  bulk(count?: number): Promise<string[]>;
  /** Registers something to undo at the end, also on failure or Ctrl+C (run in reverse order). */
  defer(fn: () => unknown): void;
  /** True once the run is interrupted (Ctrl+C): a loop that creates engine objects stops there. */
  interrupted(): boolean;
  log(msg: string): void;
}

export interface BenchResult {
  berth: number;
  ref: number;
  unit: 'ms' | 'MB' | 's' | '%';
  /** Rows of the human-readable table: label → value. */
  table: [string, string][];
}

/** A timed benchmark judged by its ratio to the reference: its table ends with whether berth / ref ≤ maxRatio. */
export function timedAgainstRef(berth: number, ref: number, maxRatio: number, rows: [string, string][]): BenchResult {
  return { berth, ref, unit: 'ms', table: [...rows, ['target', `ratio ≤ ${maxRatio}: ${berth / ref <= maxRatio ? 'met' : 'NOT met'}`]] };
}

export interface Benchmark {
  name: string;
  /** One line for `npm run bench -- --list` and the README. */
  describe: string;
  run(ctx: BenchContext): Promise<BenchResult>;
}

/** Thrown when a benchmark cannot run at all (as opposed to running slowly). */
export class CannotRun extends Error {}

/** A fresh folder under the system's temp folder, removed at the end of the run. */
export function tempDir(ctx: BenchContext, prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  ctx.defer(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

// ---------- statistics ----------

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  // nearest-rank: the smallest value with at least p% of the samples at or below it
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}
export const median = (values: readonly number[]) => percentile(values, 50);
export const round = (v: number, digits = 1) => Math.round(v * 10 ** digits) / 10 ** digits;

export function fmt(v: number, unit: string): string {
  return `${round(v, v >= 100 ? 0 : 1)}${unit}`;
}

export function benchLine(name: string, r: BenchResult): string {
  const ratio = r.ref > 0 ? (r.berth / r.ref).toFixed(2) : 'n/a';
  return `BENCH ${name} berth=${round(r.berth, 1)}${r.unit} ref=${round(r.ref, 1)}${r.unit} ratio=${ratio}`;
}

export function table(rows: [string, string][]): string {
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`).join('\n');
}

// ---------- engine ----------

/** One raw `GET path` over the engine's unix socket; resolves with the elapsed ms once the whole body is read. */
export function rawGet(socketPath: string, path: string): Promise<{ ms: number; status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request({ socketPath, path, method: 'GET', headers: { Host: 'docker' }, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ ms: performance.now() - t0, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        out[i] = await fn(items[i]!, i);
      } catch (err) {
        next = items.length; // the other workers stop taking new items
        throw err;
      }
    }
  };
  // allSettled: on a failure, wait for the calls still in flight (a cleanup must not miss what they create).
  const settled = await Promise.allSettled(Array.from({ length: Math.min(limit, items.length) }, worker));
  const failed = settled.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
  return out;
}

/**
 * Resolves once a pool of creates has settled, however it ended. A cleanup waits for it before it lists what they
 * made: interrupted (Ctrl+C), the cleanup runs while the creates in flight still go on, and what they made after the
 * cleanup's list was left behind (5 images of images-2000's 2,000, once).
 */
export const settled = (creating: Promise<unknown>): Promise<void> => creating.then(() => undefined, () => undefined);

// ---------- processes ----------

/** VmRSS of a process, in MB (1 MB = 1024 kB, as /proc reports kB). */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!m) throw new CannotRun(`no VmRSS in /proc/${pid}/status`);
  return Number(m[1]) / 1024;
}

/**
 * RSS in its parts (MB): `anon` is memory the process wrote (heap, buffers, stacks); `file` is pages of mapped files
 * (the node binary, its libraries) read in as code runs: clean, shared and given back under memory pressure.
 */
export function rssPartsMb(pid: number): { anon: number; file: number; shmem: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status)?.[1] ?? NaN) / 1024;
  return { anon: kb('RssAnon'), file: kb('RssFile'), shmem: kb('RssShmem') };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function withTimeout<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new CannotRun(`${what}: nothing after ${ms / 1000} s`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------- browser (see cdp.ts for the page itself) ----------

/**
 * The total the containers page shows. Prefers `[data-testid="container-count"]` (a plain number, or text with one);
 * falls back to the header's "N running · M total". Runs in the page, so it must stay self-contained.
 */
export const readUiCountSource = `(() => {
  const el = document.querySelector('[data-testid="container-count"]');
  if (el) {
    const attr = el.getAttribute('data-count');
    const m = /(\\d+)\\s*(total)?\\s*$/.exec((attr ?? el.textContent ?? '').trim());
    return m ? Number(m[1]) : null;
  }
  const header = document.querySelector('.page-count');
  const m = header && /(\\d+)\\s+total/.exec(header.textContent ?? '');
  return m ? Number(m[1]) : null;
})()`;
