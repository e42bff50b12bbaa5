/**
 * A web-mode server in a process of its own, for tests that try to crash it or bloat it: `tsx web-target.ts stub`
 * serves a two-entry contract (no engine), `… backend` the whole backend. Prints one JSON line
 * `{ "port", "token", "pid" }` when it listens on 127.0.0.1; exits when its stdin closes (the test ended, or died)
 * and after 15 minutes whatever happens.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Router } from '../rpc/router';
import { startWebServer } from '../transports/websocket';
import { stubContract } from './web-target-process';

async function main() {
  const mode = process.argv[2] ?? 'stub';
  let router: Router;
  let close = async () => {};
  if (mode === 'backend') {
    const { createBackend } = await import('../backend');
    const backend = await createBackend();
    router = backend.router;
    close = () => backend.close();
  } else {
    router = new Router(stubContract, {
      echo: async (input: { text: string }) => input,
      ticks: async (input: { everyMs: number }, emit: (n: number) => void, signal: AbortSignal) => {
        let n = 0;
        const timer = setInterval(() => emit(n++), input.everyMs);
        await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
        clearInterval(timer);
      },
    });
  }
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'berth-target-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Berth</title>');
  const server = await startWebServer({ router, staticDir, host: '127.0.0.1', port: 0, token: process.env.BERTH_TARGET_TOKEN,
    headersTimeoutMs: Number(process.env.BERTH_TARGET_HEADERS_TIMEOUT_MS) || undefined,
  });
  const stop = async () => {
    await server.close();
    await close();
    process.exit(0);
  };
  process.stdin.on('end', () => void stop());
  process.stdin.on('close', () => void stop());
  process.stdin.resume();
  setTimeout(() => void stop(), 15 * 60_000).unref();
  // With --expose-gc: SIGUSR2 collects garbage and prints memory use as a JSON line on stderr.
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    process.on('SIGUSR2', () => {
      gc();
      console.error(JSON.stringify({ memory: process.memoryUsage() }));
    });
  }
  console.log(JSON.stringify({ port: server.port, token: server.token, pid: process.pid }));
}

void main();
