import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RegistryAccount } from '../../preload/contract/registries';
import { BerthError } from '../../preload/contract/errors';

/**
 * Registry credentials where the docker CLI keeps them: `$DOCKER_CONFIG/config.json` (default `~/.docker`), with
 * `auths` (base64 user:password in the file), `credsStore` (one helper for all) and `credHelpers` (a helper per
 * registry), helpers being `docker-credential-<name>` programs spoken to with JSON on stdin. Berth keeps no secret
 * of its own.
 */

export const HUB_SERVER = 'https://index.docker.io/v1/';

export interface Credentials {
  username: string;
  password?: string;
  identityToken?: string;
}

interface DockerConfigFile {
  auths?: Record<string, { auth?: string; identitytoken?: string; username?: string; password?: string }>;
  credsStore?: string;
  credHelpers?: Record<string, string>;
  [other: string]: unknown;
}

/** The key the CLI uses for a registry: Docker Hub's legacy URL, else the host as given. */
export function configKeyOf(server: string): string {
  const host = hostOf(server);
  if (host === 'docker.io' || host === 'index.docker.io' || host === 'registry-1.docker.io') return HUB_SERVER;
  return host;
}

/** `https://host:5000/v1/` → `host:5000`. */
export function hostOf(server: string): string {
  return server.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '');
}

/** Decodes an `auths` entry's base64 `user:password`. */
export function decodeAuth(auth: string): { username: string; password: string } | null {
  const text = Buffer.from(auth, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0) return null;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

export function encodeAuth(username: string, password: string): string {
  return Buffer.from(`${username}:${password}`, 'utf8').toString('base64');
}

export class DockerConfig {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  get dir(): string {
    return this.env.DOCKER_CONFIG || path.join(this.env.HOME || os.homedir(), '.docker');
  }

  get file(): string {
    return path.join(this.dir, 'config.json');
  }

  async read(): Promise<DockerConfigFile> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    if (!text.trim()) return {};
    try {
      return JSON.parse(text) as DockerConfigFile;
    } catch {
      throw new BerthError('INVALID_INPUT', `${this.file} is not valid JSON; fix or remove it before logging in.`);
    }
  }

  /** Write-to-temp + rename, mode 0600 (it may hold base64 passwords); keeps every field Berth does not know. */
  async write(config: DockerConfigFile): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${randomBytes(4).toString('hex')}.tmp`;
    const handle = await fs.open(temp, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(config, null, '\t')}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, this.file);
  }

  private helperFor(config: DockerConfigFile, key: string): string | null {
    const helpers = config.credHelpers ?? {};
    return helpers[key] ?? helpers[hostOf(key)] ?? config.credsStore ?? null;
  }

  /** Accounts with stored credentials; usernames only. */
  async list(): Promise<RegistryAccount[]> {
    const config = await this.read();
    const out = new Map<string, RegistryAccount>();
    for (const [server, entry] of Object.entries(config.auths ?? {})) {
      const helper = this.helperFor(config, server);
      if (helper) continue; // listed from the helper below
      const username = entry.auth ? (decodeAuth(entry.auth)?.username ?? null) : (entry.username ?? null);
      out.set(server, { server, username, store: { kind: 'config-file' } });
    }
    const helpers = new Set<string>([...Object.values(config.credHelpers ?? {}), ...(config.credsStore ? [config.credsStore] : [])]);
    for (const helper of helpers) {
      let listed: Record<string, string>;
      try {
        listed = JSON.parse(await runHelper(helper, 'list', '')) as Record<string, string>;
      } catch {
        continue; // a helper that cannot list (or is missing) hides only its own entries
      }
      for (const [server, username] of Object.entries(listed)) {
        const key = server;
        if (this.helperFor(config, key) !== helper) continue;
        out.set(key, { server: key, username: username || null, store: { kind: 'helper', helper } });
      }
    }
    return [...out.values()].sort((a, b) => a.server.localeCompare(b.server));
  }

  async get(server: string): Promise<Credentials | null> {
    const config = await this.read();
    const key = configKeyOf(server);
    const helper = this.helperFor(config, key);
    if (helper) {
      let out: string;
      try {
        out = await runHelper(helper, 'get', key);
      } catch {
        return null; // "credentials not found in native keychain" and friends
      }
      const parsed = JSON.parse(out) as { Username?: string; Secret?: string };
      if (!parsed.Secret) return null;
      return parsed.Username === '<token>'
        ? { username: '', identityToken: parsed.Secret }
        : { username: parsed.Username ?? '', password: parsed.Secret };
    }
    const entry = config.auths?.[key] ?? config.auths?.[`https://${key}`] ?? config.auths?.[`http://${key}`];
    if (!entry) return null;
    if (entry.identitytoken) return { username: '', identityToken: entry.identitytoken };
    if (entry.auth) {
      const decoded = decodeAuth(entry.auth);
      return decoded ? { username: decoded.username, password: decoded.password } : null;
    }
    if (entry.username && entry.password) return { username: entry.username, password: entry.password };
    return null;
  }

  /** Stores credentials as the CLI does: in the registry's helper if one is configured, else base64 in the file. */
  async store(server: string, creds: { username: string; password: string }): Promise<RegistryAccount> {
    const config = await this.read();
    const key = configKeyOf(server);
    const helper = this.helperFor(config, key);
    const auths = { ...(config.auths ?? {}) };
    if (helper) {
      await runHelper(helper, 'store', JSON.stringify({ ServerURL: key, Username: creds.username, Secret: creds.password }));
      auths[key] = {};
    } else {
      auths[key] = { auth: encodeAuth(creds.username, creds.password) };
    }
    await this.write({ ...config, auths });
    return { server: key, username: creds.username, store: helper ? { kind: 'helper', helper } : { kind: 'config-file' } };
  }

  async erase(server: string): Promise<void> {
    const config = await this.read();
    const key = configKeyOf(server);
    const helper = this.helperFor(config, key);
    if (helper) {
      try {
        await runHelper(helper, 'erase', key);
      } catch {
        // nothing stored there: the entry below is all there is to remove
      }
    }
    if (config.auths && key in config.auths) {
      const auths = { ...config.auths };
      delete auths[key];
      await this.write({ ...config, auths });
    } else if (!helper) {
      throw new BerthError('NOT_FOUND', `Not logged in to ${key}.`);
    }
  }
}

/** Runs `docker-credential-<helper> <action>` with `input` on stdin; its stdout, or an error with its message. */
export function runHelper(helper: string, action: 'get' | 'store' | 'erase' | 'list', input: string): Promise<string> {
  if (!/^[a-zA-Z0-9_.-]+$/.test(helper)) return Promise.reject(new BerthError('INVALID_INPUT', `"${helper}" is not a credential helper name.`));
  const program = `docker-credential-${helper}`;
  return new Promise((resolve, reject) => {
    const child = spawn(program, [action], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      reject(
        e.code === 'ENOENT'
          ? new BerthError('NOT_FOUND', `The credential helper ${program} is not installed (the docker config names it).`)
          : e,
      );
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out).toString('utf8').trim();
      if (code === 0) resolve(stdout);
      else reject(new BerthError('ENGINE_ERROR', `${program} ${action} failed: ${stdout || Buffer.concat(err).toString('utf8').trim() || `exit ${code}`}`));
    });
    child.stdin.end(input);
  });
}
