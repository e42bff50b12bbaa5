import bcrypt from 'bcryptjs';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * A throwaway registry on 127.0.0.1 for tests: Debian's `docker-registry` with a temp config and storage, optionally
 * behind htpasswd auth (a bcrypt line made here with bcryptjs). The engine treats 127.0.0.0/8 as insecure, so plain
 * HTTP works for pull and push. `stop()` ends exactly the process it started and removes the temp folder.
 */
export interface TestRegistry {
  /** `127.0.0.1:<port>` */
  host: string;
  port: number;
  auth: { username: string; password: string } | null;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode} before answering`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200 || res.status === 401) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`docker-registry did not answer at ${url} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function startTestRegistry(opts: { auth?: { username: string; password: string } } = {}): Promise<TestRegistry> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'berth-registry-'));
  const port = await freePort();
  const auth = opts.auth ?? null;
  const lines = [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${path.join(dir, 'data')}`,
    '  delete:',
    '    enabled: true',
    'http:',
    `  addr: 127.0.0.1:${port}`,
  ];
  if (auth) {
    writeFileSync(path.join(dir, 'htpasswd'), `${auth.username}:${bcrypt.hashSync(auth.password, 6)}\n`);
    lines.push('auth:', '  htpasswd:', '    realm: berth-test', `    path: ${path.join(dir, 'htpasswd')}`);
  }
  const config = path.join(dir, 'config.yml');
  writeFileSync(config, `${lines.join('\n')}\n`);
  const child = spawn('docker-registry', ['serve', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString()).slice(-4000);
  });
  try {
    await waitForHttp(`http://127.0.0.1:${port}/v2/`, child);
  } catch (err) {
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(err as Error).message}\n${stderr}`, { cause: err });
  }
  return {
    host: `127.0.0.1:${port}`,
    port,
    auth,
    async stop() {
      if (child.exitCode === null && child.pid !== undefined) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
