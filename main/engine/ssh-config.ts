import path from 'node:path';

/**
 * The part of OpenSSH's client configuration (`~/.ssh/config`, ssh_config(5)) an engine connection needs: host
 * aliases and their HostName, User, Port, IdentityFile, IdentitiesOnly, UserKnownHostsFile, StrictHostKeyChecking
 * and keepalives. ssh2 reads none of it, yet `docker -H ssh://alias` works only because the system ssh does; an
 * engine must reach the same host with the same key as the CLI would. Pure: file access comes in through `readFile`.
 *
 * Rules kept from OpenSSH: the first value obtained for a keyword wins (IdentityFile and UserKnownHostsFile
 * accumulate); `Host` takes several patterns with `*`, `?` and `!negation`; `Include` reads files (relative to
 * ~/.ssh, with `*` in the last segment) in place. `Match` blocks are skipped: their conditions need a shell.
 */
export interface SshHostConfig {
  /** What the connection dials (HostName, or the alias itself). */
  hostName: string;
  user?: string;
  port?: number;
  identityFiles: string[];
  identitiesOnly: boolean;
  userKnownHostsFiles: string[];
  strictHostKeyChecking?: string;
  serverAliveIntervalSeconds?: number;
  serverAliveCountMax?: number;
  /**
   * ProxyJump: the hosts to go through, in order (each may be an alias of its own in this file). The connection
   * opens an ssh connection to the first, forwards a TCP channel through it to the next, and so on to the target.
   */
  proxyJump?: SshJumpHost[];
  /** ProxyCommand, which this client does not run (it needs a shell): the connection says so instead of going direct. */
  proxy?: string;
}

/** One host of a ProxyJump list: `[user@]host[:port]` or `ssh://[user@]host[:port]`. */
export interface SshJumpHost {
  host: string;
  user?: string;
  port?: number;
}

/**
 * A ProxyJump value as ssh_config(5) writes it: comma-separated `[user@]host[:port]` or `ssh://` URIs (an IPv6
 * address in brackets), or `none`. Null for a value that names no usable host, so the caller can say so.
 */
export function parseProxyJump(value: string): SshJumpHost[] | null {
  if (value.trim().toLowerCase() === 'none') return [];
  const hops: SshJumpHost[] = [];
  for (const raw of value.split(',')) {
    const part = raw.trim().replace(/^ssh:\/\//i, '');
    const m = /^(?:([^@\s/]+)@)?(\[[0-9a-fA-F:.]+\]|[^@:\s/[\]]+)(?::(\d{1,5}))?\/?$/.exec(part);
    if (!m) return null;
    const port = m[3] ? Number(m[3]) : undefined;
    if (port !== undefined && (port < 1 || port > 65535)) return null;
    hops.push({ host: m[2]!.replace(/^\[|\]$/g, ''), ...(m[1] ? { user: m[1] } : {}), ...(port ? { port } : {}) });
  }
  return hops;
}

export interface SshConfigInput {
  homedir: string;
  /** The user name used for %u and as the default login. */
  localUser: string;
  readFile(p: string): string | null;
  /** Names in a folder, for `Include dir/*`; none by default. */
  listDir?(dir: string): string[];
  /** ~/.ssh/config unless given. */
  configPath?: string;
}

interface Line {
  keyword: string;
  args: string[];
}

/** Splits one line into keyword and arguments: `Key value`, `Key=value`, double-quoted arguments. */
export function splitConfigLine(raw: string): Line | null {
  const line = raw.trim();
  if (!line || line.startsWith('#')) return null;
  const m = /^([A-Za-z][A-Za-z0-9]*)\s*(?:=\s*|\s+)(.*)$/.exec(line);
  if (!m) return null;
  const args: string[] = [];
  const re = /"([^"]*)"|(\S+)/g;
  let a: RegExpExecArray | null;
  while ((a = re.exec(m[2]!))) {
    const word = a[1] ?? a[2]!;
    if (a[2]?.startsWith('#')) break;
    args.push(word);
  }
  return { keyword: m[1]!.toLowerCase(), args };
}

/** ssh_config(5) PATTERNS: `*` any run, `?` one character, case-insensitive on host names. */
export function globMatch(pattern: string, value: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return re.test(value);
}

/** A `Host` line's patterns against a name: any positive match, and no negated one. */
export function hostPatternsMatch(patterns: string[], host: string): boolean {
  let matched = false;
  for (const p of patterns) {
    if (p.startsWith('!')) {
      if (globMatch(p.slice(1), host)) return false;
    } else if (globMatch(p, host)) matched = true;
  }
  return matched;
}

function expandTilde(p: string, homedir: string): string {
  return p === '~' ? homedir : p.startsWith('~/') ? path.join(homedir, p.slice(2)) : p;
}

/** %d home, %u local user, %h host name, %r remote user, %% a percent sign. */
function expandTokens(p: string, t: { homedir: string; localUser: string; host: string; user: string }): string {
  return p.replace(/%([%dhur])/g, (_, c: string) => (c === '%' ? '%' : c === 'd' ? t.homedir : c === 'u' ? t.localUser : c === 'h' ? t.host : t.user));
}

function readLines(input: SshConfigInput, file: string, depth: number): Line[] {
  if (depth > 8) return [];
  const text = input.readFile(file);
  if (text === null) return [];
  const out: Line[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = splitConfigLine(raw);
    if (!line) continue;
    if (line.keyword !== 'include') {
      out.push(line);
      continue;
    }
    for (const arg of line.args) {
      const target = expandTilde(arg, input.homedir);
      const abs = path.isAbsolute(target) ? target : path.join(input.homedir, '.ssh', target);
      const base = path.basename(abs);
      if (/[*?]/.test(base)) {
        const names = (input.listDir?.(path.dirname(abs)) ?? []).filter((n) => globMatch(base, n)).sort();
        for (const n of names) out.push(...readLines(input, path.join(path.dirname(abs), n), depth + 1));
      } else out.push(...readLines(input, abs, depth + 1));
    }
  }
  return out;
}

/** What ~/.ssh/config says for `alias` (as `ssh -G alias` would, for the keywords above). */
export function resolveSshHost(alias: string, input: SshConfigInput): SshHostConfig {
  const lines = readLines(input, input.configPath ?? path.join(input.homedir, '.ssh', 'config'), 0);
  const single = new Map<string, string>();
  const identityFiles: string[] = [];
  const knownHosts: string[] = [];
  // Lines before the first Host apply to every host.
  let active = true;
  for (const line of lines) {
    if (line.keyword === 'host') {
      active = hostPatternsMatch(line.args, alias);
      continue;
    }
    if (line.keyword === 'match') {
      active = false;
      continue;
    }
    if (!active || line.args.length === 0) continue;
    if (line.keyword === 'identityfile') identityFiles.push(line.args[0]!);
    else if (line.keyword === 'userknownhostsfile') knownHosts.push(...line.args);
    else if (!single.has(line.keyword)) single.set(line.keyword, line.args.join(' '));
  }
  const hostName = single.has('hostname') ? single.get('hostname')!.replace(/%h/g, alias) : alias;
  const user = single.get('user');
  const tokens = { homedir: input.homedir, localUser: input.localUser, host: hostName, user: user ?? input.localUser };
  const toPath = (p: string) => expandTilde(expandTokens(p, tokens), input.homedir);
  const port = single.has('port') ? Number(single.get('port')) : undefined;
  const num = (k: string) => (single.has(k) && Number.isFinite(Number(single.get(k))) ? Number(single.get(k)) : undefined);
  const proxyJump = single.get('proxyjump');
  const proxyCommand = single.get('proxycommand');
  // The first of ProxyJump and ProxyCommand given wins, as in OpenSSH (they exclude each other).
  const jumpFirst = proxyJump !== undefined && (proxyCommand === undefined || keywordOrder(lines, alias, 'proxyjump') < keywordOrder(lines, alias, 'proxycommand'));
  const jumps = jumpFirst ? parseProxyJump(proxyJump) : null;
  const proxy = jumpFirst
    ? jumps === null
      ? `ProxyJump ${proxyJump} (not a list of [user@]host[:port])`
      : undefined
    : proxyCommand && proxyCommand.toLowerCase() !== 'none'
      ? `ProxyCommand ${proxyCommand}`
      : undefined;
  return {
    hostName,
    ...(user ? { user } : {}),
    ...(port && Number.isInteger(port) && port > 0 && port < 65536 ? { port } : {}),
    identityFiles: identityFiles.map(toPath),
    identitiesOnly: single.get('identitiesonly')?.toLowerCase() === 'yes',
    userKnownHostsFiles: knownHosts.filter((k) => k.toLowerCase() !== 'none').map(toPath),
    ...(single.has('stricthostkeychecking') ? { strictHostKeyChecking: single.get('stricthostkeychecking')!.toLowerCase() } : {}),
    ...(num('serveraliveinterval') !== undefined ? { serverAliveIntervalSeconds: num('serveraliveinterval')! } : {}),
    ...(num('serveralivecountmax') !== undefined ? { serverAliveCountMax: num('serveralivecountmax')! } : {}),
    ...(jumps && jumps.length ? { proxyJump: jumps } : {}),
    ...(proxy ? { proxy } : {}),
  };
}

/** Where the first line for `keyword` that applies to `alias` is (for which of two exclusive keywords came first). */
function keywordOrder(lines: Line[], alias: string, keyword: string): number {
  let active = true;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.keyword === 'host') active = hostPatternsMatch(line.args, alias);
    else if (line.keyword === 'match') active = false;
    else if (active && line.keyword === keyword && line.args.length) return i;
  }
  return Infinity;
}

/** The key files OpenSSH tries when the config names none, in its order. */
export function defaultIdentityFiles(homedir: string): string[] {
  return ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((n) => path.join(homedir, '.ssh', n));
}
