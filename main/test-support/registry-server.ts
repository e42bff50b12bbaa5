import bcrypt from 'bcryptjs';
import type Docker from 'dockerode';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { FIXTURE_IMAGE, RUN_ID } from './engine';
import { freePort } from './free-port';

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

/**
 * Puts the fixture image into `registry` as `<host>/<repo>:<run id>` (pushed with the registry's credentials, if it
 * has any) and returns that reference. The engine keeps no tag of it afterwards, so pulling it has work to do.
 */
export async function pushFixture(docker: Docker, registry: TestRegistry, repo: string): Promise<string> {
  const remote = `${registry.host}/${repo}:${RUN_ID}`;
  await docker.getImage(FIXTURE_IMAGE).tag({ repo: `${registry.host}/${repo}`, tag: RUN_ID });
  try {
    const pushed = await docker.getImage(remote).push({ authconfig: { ...registry.auth, serveraddress: registry.host } });
    await new Promise((resolve, reject) => docker.modem.followProgress(pushed, (err: Error | null) => (err ? reject(err) : resolve(null))));
  } finally {
    await docker.getImage(remote).remove().catch(() => undefined);
  }
  return remote;
}
