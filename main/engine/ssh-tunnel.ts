import http from 'node:http';
import { existsSync } from 'node:fs';
import type { Duplex } from 'node:stream';
import ssh2, { type AgentAuthMethod, type Client as SshClient, type ClientChannel, type PublicKeyAuthMethod } from 'ssh2';

// ssh2 is CommonJS: named imports fail under Node's ESM loader (tsx, vitest), the default import works everywhere.
const { Client, utils } = ssh2;
import { checkHostKey, fingerprintOf, keyTypeOf, type KnownHostsFile } from './known-hosts';
import { defaultIdentityFiles, resolveSshHost, type SshHostConfig } from './ssh-config';

/**
 * One long-lived ssh connection to an engine's host, carrying every API request and stream as its own channel
 * (dockerode gets `agent`, an http.Agent whose sockets are ssh channels). docker-modem's own ssh mode opens a new
 * ssh connection — TCP, key exchange, authentication — for every HTTP request, which is what makes remote
 * contexts take seconds per page; here that cost is paid once per (re)connection.
 *
 * A channel reaches the engine by forwarding to the engine's socket (`direct-streamlocal`: measured 60 ms to
 * open in the test world) and, where the server refuses that, with `docker system dial-stdio` (what the docker
 * CLI runs; honours the remote user's DOCKER_HOST, but starts a docker CLI per channel: 1–2 s on a loaded host).
 * The agent keeps idle channels for reuse, so either costs one channel open per concurrent request, not per
 * request.
 */
export type SshChannelMode = 'auto' | 'dial-stdio' | 'streamlocal';

export interface SshTarget {
  /** As written in the endpoint URL: a host name, an address or a ~/.ssh/config alias. */
  host: string;
  port?: number;
  username?: string;
}

export interface SshEnvironment {
  homedir: string;
  localUser: string;
  /** SSH_AUTH_SOCK and friends. */
  env: Record<string, string | undefined>;
  readFile(p: string): string | null;
  listDir?(dir: string): string[];
  /** ~/.ssh/config unless given (tests give their own). */
  configPath?: string;
  /** Files read for host keys besides the config's UserKnownHostsFile (default ~/.ssh/known_hosts). */
  extraKnownHosts?: string[];
  /** Passphrases of encrypted keys (default: the ones typed in this process, keyPassphrases). */
  passphrases?: KeyPassphrases;
}

/**
 * Passphrases of encrypted ssh key files that the user typed in Berth, held in this process's memory only, as
 * ssh-agent holds them: never written to settings, never logged or sent to the renderer, gone when Berth quits.
 */
export class KeyPassphrases {
  private readonly byFile = new Map<string, string>();
  get(file: string): string | undefined {
    return this.byFile.get(file);
  }
  set(file: string, passphrase: string): void {
    this.byFile.set(file, passphrase);
  }
  delete(file: string): void {
    this.byFile.delete(file);
  }
}
export const keyPassphrases = new KeyPassphrases();

/** Whether `passphrase` opens the private key `text` (OpenSSH or PEM). */
export function keyOpensWith(text: string, passphrase: string): boolean {
  return !(utils.parseKey(text, passphrase) instanceof Error);
}

export interface HostKeyInfo {
  host: string;
  port: number;
  keyType: string;
  fingerprint: string;
  /** The key as a known_hosts line would hold it (public: the host sends it to anyone who connects). */
  keyBase64: string;
  /** Where an accepted key is written: the first UserKnownHostsFile, as `ssh` itself does when asked. */
  knownHostsFile: string;
  /** A changed key (not a revoked one): the key known_hosts holds for the host, and where. */
  previous?: { fingerprint: string; keyBase64: string; file: string; line: number };
}

export type SshFailure =
  | 'HOST_KEY_UNKNOWN'
  | 'HOST_KEY_CHANGED'
  | 'AUTH_REFUSED'
  | 'NO_KEYS'
  | 'UNREACHABLE'
  | 'TIMEOUT'
  | 'UNSUPPORTED'
  | 'CHANNEL'
  /** The key that would be used is passphrase-protected and no passphrase (or a wrong one) was given. */
  | 'KEY_LOCKED';

/** Why an ssh connection could not be made, for a person, with the host key when that is the reason. */
export class SshConnectError extends Error {
  constructor(
    readonly failure: SshFailure,
    message: string,
    readonly hostKey?: HostKeyInfo,
    /** KEY_LOCKED: the encrypted key file that waits for its passphrase. */
    readonly lockedKey?: string,
  ) {
    super(message);
    this.name = 'SshConnectError';
  }
}

export interface SshTunnelOptions {
  mode?: SshChannelMode;
  /** Remote engine socket for 'streamlocal'. */
  remoteSocket?: string;
  readyTimeoutMs?: number;
  keepaliveIntervalMs?: number;
  keepaliveCountMax?: number;
}

interface AuthAttempt {
  label: string;
  method: AgentAuthMethod | PublicKeyAuthMethod;
}

/** Host name, port, user, keys and known_hosts files for a target, from the URL and ~/.ssh/config. */
export function resolveTarget(target: SshTarget, e: SshEnvironment): { config: SshHostConfig; host: string; port: number; user: string; knownHostsFiles: string[] } {
  const config = resolveSshHost(target.host, { homedir: e.homedir, localUser: e.localUser, readFile: e.readFile, ...(e.listDir ? { listDir: e.listDir } : {}), ...(e.configPath ? { configPath: e.configPath } : {}) });
  const knownHostsFiles = config.userKnownHostsFiles.length ? config.userKnownHostsFiles : [`${e.homedir}/.ssh/known_hosts`];
  return {
    config,
    host: config.hostName,
    port: target.port ?? config.port ?? 22,
    user: target.username ?? config.user ?? e.localUser,
    knownHostsFiles: [...knownHostsFiles, ...(e.extraKnownHosts ?? [])],
  };
}

function authAttempts(user: string, config: SshHostConfig, e: SshEnvironment): { attempts: AuthAttempt[]; skipped: string[]; locked: string[] } {
  const attempts: AuthAttempt[] = [];
  const skipped: string[] = [];
  const locked: string[] = [];
  const agentSock = e.env.SSH_AUTH_SOCK;
  const agent: AuthAttempt | null = agentSock && existsSync(agentSock) ? { label: 'ssh-agent', method: { type: 'agent', username: user, agent: agentSock } } : null;
  if (agent && !config.identitiesOnly) attempts.push(agent);
  const files = config.identityFiles.length ? config.identityFiles : defaultIdentityFiles(e.homedir);
  for (const file of files) {
    const text = e.readFile(file);
    if (text === null) continue;
    const parsed = utils.parseKey(text);
    if (parsed instanceof Error) {
      if (!/encrypt|passphrase/i.test(parsed.message)) {
        skipped.push(`${file} is not a private key Berth can read`);
        continue;
      }
      const passphrase = (e.passphrases ?? keyPassphrases).get(file);
      if (passphrase !== undefined && keyOpensWith(text, passphrase)) {
        attempts.push({ label: file, method: { type: 'publickey', username: user, key: text, passphrase } });
        continue;
      }
      locked.push(file);
      skipped.push(`${file} is passphrase-protected (type its passphrase in Settings → Engines, or add it to the ssh agent: ssh-add ${file})`);
      continue;
    }
    attempts.push({ label: file, method: { type: 'publickey', username: user, key: text } });
  }
  if (agent && config.identitiesOnly) attempts.push(agent);
  return { attempts, skipped, locked };
}

export class SshTunnel {
  readonly agent: http.Agent;
  private closed = false;
  private readonly closeListeners = new Set<(why: string) => void>();
  /** Channels handed to HTTP and not yet closed (for tests and the drop test's bookkeeping). */
  openChannels = 0;

  private constructor(
    private readonly client: SshClient,
    private mode: SshChannelMode,
    private readonly remoteSocket: string,
    readonly description: string,
    /** The jump hosts' connections (ProxyJump), first first: they live and end with this one. */
    private readonly jumps: SshClient[] = [],
  ) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const tunnel = this;
    class ChannelAgent extends http.Agent {
      override createConnection(_options: unknown, cb: (err: Error | null, socket?: Duplex) => void): undefined {
        tunnel.openChannel().then(
          (ch) => cb(null, ch),
          (err: Error) => cb(err),
        );
        return undefined;
      }
      // http.Agent's own version calls setKeepAlive / unref / setTimeout, which asSocket gives a channel as no-ops.
      override keepSocketAlive(socket: Parameters<http.Agent['keepSocketAlive']>[0]): boolean {
        if (tunnel.closed) return false;
        // Typed void in @types/node; Node returns whether the socket is kept.
        return (super.keepSocketAlive(socket) as unknown) !== false;
      }
    }
    this.agent = new ChannelAgent({ keepAlive: true, maxFreeSockets: 4 });
    client.on('close', () => this.markClosed('the ssh connection closed'));
    client.on('error', (err) => this.markClosed(err.message));
    // A jump host going away takes the channel the connection runs over, and so the connection.
    for (const j of jumps) {
      j.on('close', () => this.close());
      j.on('error', () => this.close());
    }
  }

  /**
   * Connects and authenticates; rejects with an SshConnectError saying what failed. With ProxyJump in
   * ~/.ssh/config, connects to each jump host in turn (each with its own config, keys and known_hosts check), and
   * reaches the next one through a TCP channel of the previous (`forwardOut`, what `ssh -J` does with -W).
   */
  static async open(target: SshTarget, e: SshEnvironment, opts: SshTunnelOptions = {}): Promise<SshTunnel> {
    const r = resolveTarget(target, e);
    const where = `${r.user}@${r.host}:${r.port}`;
    if (r.config.proxy) {
      throw new SshConnectError('UNSUPPORTED', `~/.ssh/config reaches ${target.host} through ${r.config.proxy}, which Berth does not do: use ProxyJump, or add an engine for the host it reaches directly.`);
    }
    const hops = (r.config.proxyJump ?? []).map((h) => resolveTarget({ host: h.host, ...(h.port ? { port: h.port } : {}), ...(h.user ? { username: h.user } : {}) }, e));
    const nested = hops.find((h) => h.config.proxy || h.config.proxyJump);
    if (nested) {
      throw new SshConnectError('UNSUPPORTED', `The jump host ${nested.host} has a ProxyJump or ProxyCommand of its own in ~/.ssh/config: list the whole chain in the ProxyJump of ${target.host} instead.`);
    }
    const jumps: SshClient[] = [];
    try {
      let sock: Duplex | undefined;
      for (let i = 0; i < hops.length; i++) {
        const hop = hops[i]!;
        const client = await connectClient(hop, e, opts, sock, `jump host ${hop.user}@${hop.host}:${hop.port}`);
        jumps.push(client);
        const next = hops[i + 1] ?? r;
        sock = await forwardThrough(client, next.host, next.port, `${hop.host} (ProxyJump)`);
      }
      const client = await connectClient(r, e, opts, sock, where);
      // Requests are small and answered at once: without this, Nagle holds each one back for the previous ACK.
      if (!sock) client.setNoDelay(true);
      const via = hops.length ? ` via ${hops.map((h) => h.host).join(', ')}` : '';
      return new SshTunnel(client, opts.mode ?? 'auto', opts.remoteSocket ?? '/var/run/docker.sock', `${where}${via}`, jumps);
    } catch (err) {
      for (const j of jumps.reverse()) j.end();
      throw err;
    }
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  onClose(cb: (why: string) => void): () => void {
    this.closeListeners.add(cb);
    return () => this.closeListeners.delete(cb);
  }

  close(): void {
    this.markClosed('closed by Berth');
    this.client.end();
    for (const j of [...this.jumps].reverse()) j.end();
  }

  private markClosed(why: string) {
    if (this.closed) return;
    this.closed = true;
    this.agent.destroy();
    for (const cb of this.closeListeners) cb(why);
  }

  /** A new channel to the engine: what one HTTP connection runs over. */
  private openChannel(): Promise<Duplex> {
    if (this.closed) return Promise.reject(new SshConnectError('CHANNEL', `The ssh connection to ${this.description} is closed.`));
    return new Promise((resolve, reject) => {
      const done = (err: Error | undefined, ch: ClientChannel) => {
        if (err) return reject(new SshConnectError('CHANNEL', `${this.description} refused a channel to the engine: ${err.message}`));
        this.openChannels++;
        ch.once('close', () => this.openChannels--);
        resolve(asSocket(ch));
      };
      if (this.mode === 'dial-stdio') return this.client.exec('docker system dial-stdio', done);
      this.client.openssh_forwardOutStreamLocal(this.remoteSocket, (err, ch) => {
        if (!err || this.mode === 'streamlocal') return done(err, ch);
        // 'auto': the server forwards no sockets (AllowStreamLocalForwarding no) or the engine lives elsewhere;
        // the docker CLI's own way works wherever `docker` does. Chosen once for the connection.
        this.mode = 'dial-stdio';
        this.client.exec('docker system dial-stdio', done);
      });
    });
  }
}


/** One ssh connection (direct, or over `sock`: a channel through a jump host), authenticated and host-key checked. */
function connectClient(r: ReturnType<typeof resolveTarget>, e: SshEnvironment, opts: SshTunnelOptions, sock: Duplex | undefined, where: string): Promise<SshClient> {
  const { attempts, skipped, locked } = authAttempts(r.user, r.config, e);
  // With no key at all the handshake still runs: the host key is checked (and shown) first, as ssh does.
  const looked = r.config.identityFiles.length ? r.config.identityFiles.join(', ') : defaultIdentityFiles(e.homedir).join(', ');
  const noKeys = new SshConnectError('NO_KEYS', `No usable ssh key for ${where}: no ssh agent (SSH_AUTH_SOCK) and no readable key at ${looked}.${skipped.length ? ` ${skipped.join('; ')}.` : ''}`);
  const client = new Client();
  let hostKeyProblem: SshConnectError | null = null;
  const readKnown = (): KnownHostsFile[] => r.knownHostsFiles.map((p) => ({ path: p, text: e.readFile(p) ?? '' }));
  return new Promise<SshClient>((resolve, reject) => {
    let settled = false;
    const fail = (err: SshConnectError) => {
      if (settled) return;
      settled = true;
      client.removeAllListeners();
      client.on('error', () => undefined);
      client.end();
      reject(err);
    };
    client.once('ready', () => {
      if (settled) return;
      settled = true;
      client.removeAllListeners('error');
      // Until its owner listens (the tunnel, or the next hop's forward), an error must not go unhandled.
      client.on('error', () => undefined);
      resolve(client);
    });
    client.on('error', (err: Error & { level?: string; code?: string }) => {
      if (hostKeyProblem) return fail(hostKeyProblem);
      // A locked key may be the one the server wants: ask for its passphrase rather than give up.
      if (err.level === 'client-authentication' && locked.length) {
        const tried = attempts.length ? ` (${where} refused ${attempts.map((a) => a.label).join(', ')})` : '';
        return fail(new SshConnectError('KEY_LOCKED', `${locked[0]} is passphrase-protected: type its passphrase to connect, or add it to the ssh agent (ssh-add ${locked[0]})${tried}.`, undefined, locked[0]));
      }
      if (err.level === 'client-authentication' && attempts.length === 0) return fail(noKeys);
      if (err.level === 'client-authentication') {
        const offered = attempts.map((a) => a.label).join(', ');
        return fail(new SshConnectError('AUTH_REFUSED', `${where} refused every key offered (${offered}). Check that the matching public key is in ~${r.user}/.ssh/authorized_keys on ${r.host}.${skipped.length ? ` Also: ${skipped.join('; ')}.` : ''}`));
      }
      if (err.level === 'client-timeout') return fail(new SshConnectError('TIMEOUT', `${where} accepted the TCP connection but did not finish the ssh handshake in time.`));
      if (err.code === 'ECONNREFUSED') return fail(new SshConnectError('UNREACHABLE', `Nothing accepts ssh connections at ${r.host}:${r.port} (connection refused).`));
      if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') return fail(new SshConnectError('UNREACHABLE', `The host name ${r.host} does not resolve.`));
      if (err.code === 'EHOSTUNREACH' || err.code === 'ENETUNREACH' || err.code === 'ETIMEDOUT')
        return fail(new SshConnectError('UNREACHABLE', `${r.host}:${r.port} cannot be reached (${err.code}).`));
      fail(new SshConnectError('UNREACHABLE', `ssh to ${where} failed: ${err.message}`));
    });
    client.on('close', () => fail(hostKeyProblem ?? new SshConnectError('UNREACHABLE', `${where} closed the connection during the ssh handshake.`)));
    client.connect({
      ...(sock ? { sock } : {}),
      host: r.host,
      port: r.port,
      username: r.user,
      readyTimeout: opts.readyTimeoutMs ?? 10_000,
      keepaliveInterval: opts.keepaliveIntervalMs ?? (r.config.serverAliveIntervalSeconds ? r.config.serverAliveIntervalSeconds * 1000 : 15_000),
      keepaliveCountMax: opts.keepaliveCountMax ?? r.config.serverAliveCountMax ?? 3,
      authHandler: attempts.map((a) => a.method),
      hostVerifier: (blob: Buffer) => {
        const info: HostKeyInfo = {
          host: r.host,
          port: r.port,
          keyType: keyTypeOf(blob),
          fingerprint: fingerprintOf(blob),
          keyBase64: blob.toString('base64'),
          knownHostsFile: r.knownHostsFiles[0]!,
        };
        const d = checkHostKey(readKnown(), r.host, r.port, blob);
        if (d.verdict === 'trusted') return true;
        if (d.verdict === 'unknown') {
          hostKeyProblem = new SshConnectError('HOST_KEY_UNKNOWN', `${r.host}:${r.port} is not a known host. Its ${info.keyType} key has the fingerprint ${info.fingerprint}: compare it with the server's (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub) and accept it to connect.`, info);
        } else {
          if (d.verdict === 'changed') info.previous = { fingerprint: fingerprintOf(Buffer.from(d.key, 'base64')), keyBase64: d.key, file: d.file, line: d.line };
          hostKeyProblem = new SshConnectError(
            'HOST_KEY_CHANGED',
            `WARNING: the ${info.keyType} host key of ${r.host}:${r.port} ${d.verdict === 'revoked' ? 'is marked @revoked' : 'has CHANGED'} (${d.file} line ${d.line} holds ${d.verdict === 'revoked' ? 'the revocation' : 'another key'}; the server now shows ${info.fingerprint}). Someone may be intercepting the connection, or the host was reinstalled. Berth refuses to connect; if the change is expected, replace the key in Settings → Engines (or remove that line) and connect again.`,
            info,
          );
        }
        return false;
      },
    });
  });
}

/** A TCP channel from a jump host to host:port (`ssh -W`), for the next connection to run over. */
function forwardThrough(client: SshClient, host: string, port: number, via: string): Promise<Duplex> {
  return new Promise((resolve, reject) => {
    client.forwardOut('127.0.0.1', 0, host, port, (err, ch) => {
      if (err) {
        client.end();
        reject(new SshConnectError('UNREACHABLE', `${via} could not open a connection to ${host}:${port}: ${err.message} (AllowTcpForwarding on the jump host?).`));
      } else resolve(ch);
    });
  });
}

/** What Node's HTTP client calls on a socket beyond a Duplex; a channel has no TCP options to set. */
function asSocket(ch: ClientChannel): Duplex {
  const s = ch as unknown as Record<string, unknown>;
  for (const name of ['setKeepAlive', 'setNoDelay', 'ref', 'unref']) if (typeof s[name] !== 'function') s[name] = () => ch;
  if (typeof s.setTimeout !== 'function') s.setTimeout = () => ch;
  // dial-stdio's own complaints (no docker on the host, no engine) arrive on stderr; keep the last for errors.
  ch.stderr?.on('data', (d: Buffer) => ch.emit('dial-stderr', d.toString('utf8')));
  return ch;
}
