import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, promises as fs, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BerthError } from '../../preload/contract/errors';
import type { ComposeCliInfo } from '../../preload/contract/stacks';
import type { EndpointCandidate, TlsMaterial } from './discovery';

/**
 * Finding and running the compose CLI. `docker compose` (v2, the CLI plugin) when it answers, else `docker-compose`
 * (v1, or a v2 standalone binary under that name); a path set in Settings wins over both. Stacks run through the CLI
 * rather than a reimplementation: it is what the user's files are written for, and what they run by hand.
 */
export interface ComposeCli {
  kind: 'v2' | 'v1';
  /** argv[0] and the arguments before compose's own (`docker` + `compose`). */
  bin: string;
  prefix: string[];
  version: string;
}

export interface ProcessResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell; output is collected, and passed on line by line when asked. */
export function runProcess(
  bin: string,
  args: string[],
  opts: { cwd?: string; env?: NodeJS.ProcessEnv; signal?: AbortSignal; onLine?(stream: 'stdout' | 'stderr', line: string): void; timeoutMs?: number } = {},
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = { stdout: '', stderr: '' };
    const partial = { stdout: '', stderr: '' };
    const take = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      out[stream] += text;
      if (!opts.onLine) return;
      const parts = (partial[stream] + text).split(/\r\n|\n|\r/);
      partial[stream] = parts.pop()!;
      for (const line of parts) opts.onLine(stream, line);
    };
    child.stdout.on('data', take('stdout'));
    child.stderr.on('data', take('stderr'));
    const kill = () => child.kill('SIGTERM');
    opts.signal?.addEventListener('abort', kill, { once: true });
    const timer = opts.timeoutMs ? setTimeout(kill, opts.timeoutMs) : undefined;
    child.once('error', (err) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', kill);
      reject(err);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', kill);
      for (const stream of ['stdout', 'stderr'] as const) if (partial[stream] && opts.onLine) opts.onLine(stream, partial[stream]);
      resolve({ code, ...out });
    });
  });
}

/** "Docker Compose version v2.24.6" / "docker-compose version 1.29.2, build unknown" → the version. */
export function parseComposeVersion(output: string): { kind: 'v2' | 'v1'; version: string } | null {
  const m = /compose version:?\s*v?(\d+\.\d+\.\d+[^\s,]*)/i.exec(output);
  if (!m) return null;
  const version = m[1]!;
  return { kind: version.startsWith('1.') ? 'v1' : 'v2', version };
}

/** Why a program did not answer as compose: spawn's ENOENT or EACCES, or it ran and said something else. */
type ProbeFailure = 'ENOENT' | 'EACCES' | 'no-answer';

// `--version` for a program of its own (Debian's compose v2 plugin prints its usage for `docker compose --version`,
// so the plugin is asked `docker compose version`): a path that is not compose at all (set by mistake, or by whoever holds the token)
// is then asked the one question nearly every program answers without doing anything.
async function probe(bin: string, prefix: string[]): Promise<ComposeCli | ProbeFailure> {
  try {
    const r = await runProcess(bin, prefix.length ? [...prefix, 'version'] : ['--version'], { timeoutMs: 10_000, env: { ...process.env, DOCKER_CLI_HINTS: 'false' } });
    if (r.code !== 0) return 'no-answer';
    const parsed = parseComposeVersion(r.stdout + r.stderr);
    return parsed ? { ...parsed, bin, prefix } : 'no-answer';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'EACCES' ? code : 'no-answer';
  }
}

/**
 * Why a configured path is not the compose CLI, as a sentence for Settings. Spawn's ENOENT is read as "no file" only
 * when there is none: for a file that is there it means the interpreter of its #! line (or its loader) is missing.
 * @param exists whether there is a file at `file` (spawn's ENOENT does not say)
 */
export function composeCliPathProblem(file: string, failure: ProbeFailure, exists: boolean): string {
  if (failure === 'EACCES') return `${file} is not executable (permission denied)`;
  if (failure === 'ENOENT' && !exists) return `There is no file at ${file}`;
  if (failure === 'ENOENT') return `${file} cannot be started: the interpreter on its #! line (or its loader) is missing`;
  return `${file} does not answer \`${isDockerCli(file) ? 'compose ' : ''}--version\` like Docker Compose`;
}

async function problemOf(file: string, failure: ProbeFailure): Promise<string> {
  const exists = failure === 'ENOENT' ? await fs.stat(file).then(() => true, () => false) : true;
  return composeCliPathProblem(file, failure, exists);
}

/**
 * Checks a path before it is trusted as the compose CLI: an executable regular file that answers `--version` (for
 * `docker`, `compose --version`) like Docker Compose. Throws INVALID_INPUT saying what it is instead.
 */
export async function verifyComposeCliPath(file: string): Promise<ComposeCli> {
  const st = await fs.stat(file).catch(() => null);
  if (!st) throw new BerthError('NOT_FOUND', `There is no file at ${file}.`);
  if (!st.isFile() || (st.mode & 0o111) === 0) throw new BerthError('INVALID_INPUT', `${file} is not an executable file.`);
  const cli = await probe(file, isDockerCli(file) ? ['compose'] : []);
  if (typeof cli === 'string') throw new BerthError('INVALID_INPUT', `${await problemOf(file, cli)}; the setting is unchanged.`);
  return cli;
}

/** A path to `docker` means "its compose plugin"; anything else is a compose binary. */
const isDockerCli = (file: string) => /(^|\/)docker(\.exe)?$/.test(file);

/** The compose CLI to use: the configured path, else `docker compose`, else `docker-compose`. */
export async function detectComposeCli(configuredPath: string | null): Promise<{ cli: ComposeCli | null; problem: string | null }> {
  if (configuredPath) {
    const cli = await probe(configuredPath, isDockerCli(configuredPath) ? ['compose'] : []);
    if (typeof cli !== 'string') return { cli, problem: null };
    return { cli: null, problem: `${await problemOf(configuredPath, cli)}. Fix the path in Settings or clear it.` };
  }
  const plugin = await probe('docker', ['compose']);
  const cli = typeof plugin !== 'string' ? plugin : await probe('docker-compose', []);
  if (typeof cli !== 'string') return { cli, problem: null };
  return { cli: null, problem: 'Neither `docker compose` nor `docker-compose` was found on the PATH. Install Docker Compose, or set its path in Settings.' };
}

export function describeCli(cli: ComposeCli | null, configuredPath: string | null, problem: string | null): ComposeCliInfo {
  return {
    kind: cli?.kind ?? null,
    command: cli ? [cli.bin, ...cli.prefix].join(' ') : null,
    version: cli?.version ?? null,
    configuredPath,
    problem,
  };
}

/**
 * The arguments that select the project: name, files (in order), profiles, env file, and no colours (the output is
 * parsed). All are global options, before the command, as compose v1 (1.28+) and v2 both accept them.
 */
export function projectArgs(
  cli: ComposeCli,
  project: { name: string; files: string[]; projectDir: string; profiles?: string[]; envFile?: string | null },
): string[] {
  const args = [...cli.prefix, '--ansi', 'never', '-p', project.name, '--project-directory', project.projectDir];
  for (const f of project.files) args.push('-f', f);
  for (const p of project.profiles ?? []) args.push('--profile', p);
  if (project.envFile) args.push('--env-file', project.envFile);
  return args;
}

/**
 * The environment that points the compose CLI at one engine, as the user would for the same engine: its context
 * (DOCKER_CONTEXT) when it was found as one, else DOCKER_HOST with the TLS variables. Whatever the user's shell had
 * (another DOCKER_HOST, DOCKER_CONTEXT, cert path) is dropped first, so a stack never lands on the wrong engine.
 * `certDir` makes a DOCKER_CERT_PATH folder when the TLS files are not already named ca/cert/key.pem side by side.
 */
export function composeEnvFor(
  candidate: EndpointCandidate | null | undefined,
  certDir: (tls: TlsMaterial) => string = defaultCertDir,
  base: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, COMPOSE_INTERACTIVE_NO_CLI: '1', DOCKER_CLI_HINTS: 'false' };
  for (const k of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) delete env[k];
  if (!candidate) return env;
  const context = candidate.source === 'context' ? /^context "(.*)"$/.exec(candidate.sourceDetail)?.[1] : undefined;
  if (context) {
    env.DOCKER_CONTEXT = context;
    return env;
  }
  const t = candidate.transport;
  env.DOCKER_HOST = candidate.endpoint.split(' ')[0];
  if (t.kind === 'tcp' && t.tls) {
    if (t.tls.verify) env.DOCKER_TLS_VERIFY = '1';
    else env.DOCKER_TLS = '1';
    if (t.tls.ca || t.tls.cert || t.tls.key) env.DOCKER_CERT_PATH = certDir(t.tls);
  }
  return env;
}

/** The folder of ca.pem/cert.pem/key.pem when the files are laid out so; else a private folder of links to them. */
export function defaultCertDir(tls: TlsMaterial): string {
  const files = { 'ca.pem': tls.ca, 'cert.pem': tls.cert, 'key.pem': tls.key };
  const dirs = new Set(Object.values(files).filter(Boolean).map((f) => path.dirname(f!)));
  if (dirs.size === 1 && Object.entries(files).every(([name, f]) => !f || path.basename(f) === name)) return [...dirs][0]!;
  const key = createHash('sha256').update(JSON.stringify(files)).digest('hex').slice(0, 12);
  const dir = path.join(os.tmpdir(), `berth-certs-${process.getuid?.() ?? 'u'}-${key}`);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  for (const [name, f] of Object.entries(files)) {
    const link = path.join(dir, name);
    rmSync(link, { force: true });
    if (f) symlinkSync(f, link);
  }
  return dir;
}

export function requireCli(cli: ComposeCli | null, problem: string | null): ComposeCli {
  if (!cli) throw new BerthError('NOT_FOUND', problem ?? 'No compose CLI was found.');
  return cli;
}
