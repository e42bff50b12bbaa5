import Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';
import { BerthError } from '../../preload/contract/errors';
import type { EndpointAttempt, EngineKind, EngineOrigin, EngineStatus, HostKeyPrompt } from '../../preload/contract/engine';
import type { DiscoveryResult, EndpointCandidate } from './discovery';
import { toEngineInfo, type RawInfo, type RawVersion } from './info';
import { JsonLineSplitter } from './json-lines';
import { defaultSshEnvironment, describe, hintFor, TlsFileMissing, withError } from './endpoint-attempts';
import { SshConnectError, SshTunnel, type HostKeyInfo, type SshEnvironment, type SshTunnelOptions } from './ssh-tunnel';

/** For the benches that open an ssh tunnel like a connection does. */
export { defaultSshEnvironment } from './endpoint-attempts';

/** One message of GET /events, as the engine sends it. */
export interface RawEngineEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
  timeNano?: number;
}

/** What the registry knows of an engine beside its connection; shown on its status. */
export interface EngineMeta {
  name: string;
  origin: EngineOrigin;
  enabled: boolean;
  kind?: EngineKind;
  address?: string;
}

export interface EngineConnectionOptions {
  id: string;
  discover: () => DiscoveryResult;
  readFile: (p: string) => string | null;
  meta?: EngineMeta;
  /** Home, ~/.ssh/config, the agent: how ssh:// endpoints are reached (process defaults when absent). */
  ssh?: SshEnvironment;
  sshTunnel?: SshTunnelOptions;
  /** True for the engine the docker CLI would pick (its hints speak of DOCKER_HOST and the current context). */
  cliPick?: boolean;
  /** First retry delay after a failure; doubles up to retryMaxMs. */
  retryMinMs?: number;
  retryMaxMs?: number;
  pingTimeoutMs?: number;
}

type Listener<T> = (value: T) => void;

/**
 * One engine: finds it, connects, follows its /events stream, notices when it goes away and reconnects with
 * backoff, then asks every service for a full resync (the engine does not replay missed events reliably).
 * Knows nothing of Electron, the contract's transports or the UI.
 */
export class EngineConnection {
  readonly id: string;
  private docker: Docker | null = null;
  /** The ssh connection behind `docker` for an ssh:// endpoint; one per (re)connection. */
  private tunnel: SshTunnel | null = null;
  /** The host key of the last ssh attempt that stopped on it, for engine.trustHostKey. */
  private pendingHostKey: (HostKeyInfo & { state: 'unknown' | 'changed' }) | null = null;
  private statusValue: EngineStatus;
  private readonly statusListeners = new Set<Listener<EngineStatus>>();
  private readonly eventListeners = new Set<Listener<RawEngineEvent>>();
  private readonly resyncListeners = new Set<Listener<Docker>>();
  private timer: NodeJS.Timeout | null = null;
  private eventsAbort: AbortController | null = null;
  private attempt = 0;
  private connecting = false;
  private stopped = true;
  private everConnected = false;
  /** Resolved when the first connection attempt has ended, either way (the state leaves 'connecting' for good). */
  private readonly firstAttempt: Promise<void>;
  private endFirstAttempt!: () => void;

  constructor(private readonly opts: EngineConnectionOptions) {
    this.id = opts.id;
    this.statusValue = { engineId: opts.id, state: 'connecting', tried: [], since: Date.now(), ...metaFields(opts.meta) };
    this.firstAttempt = new Promise((resolve) => (this.endFirstAttempt = resolve));
  }

  /**
   * Resolves once the first connection attempt has ended (connected or not), or after `timeoutMs`: a call that
   * arrives the moment Berth starts can wait for the engine instead of being told it is not connected.
   */
  whenSettled(timeoutMs: number): Promise<void> {
    if (this.statusValue.state !== 'connecting') return Promise.resolve();
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      this.firstAttempt,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
        timer.unref?.();
      }),
    ]).finally(() => clearTimeout(timer));
  }

  get status(): EngineStatus {
    return this.statusValue;
  }

  private readonly removedController = new AbortController();
  /** Aborted when the engine is removed from the registry: streams that follow it end with NOT_FOUND. */
  get removedSignal(): AbortSignal {
    return this.removedController.signal;
  }

  /** Called by the registry on removal: stops, tells listeners it is gone, and ends the streams that follow it. */
  async markRemoved(): Promise<void> {
    await this.stop();
    this.setStatus({ state: 'unreachable', info: undefined, hostKey: undefined, sshKeyLocked: undefined, hint: 'Removed from Berth.' });
    this.removedController.abort();
  }

  get meta(): EngineMeta | undefined {
    return this.opts.meta;
  }

  /** Name, enabled and the rest as the registry now has them; a disabled engine lets go of its connection. */
  setMeta(meta: EngineMeta): void {
    const wasEnabled = this.opts.meta?.enabled !== false;
    this.opts.meta = meta;
    if (!meta.enabled && wasEnabled) {
      void this.stop().then(() => this.setStatus({ state: 'unreachable', tried: [], info: undefined, hostKey: undefined, sshKeyLocked: undefined, hint: 'Disabled in Settings: Berth does not connect to this engine.', ...metaFields(meta) }));
      return;
    }
    this.setStatus(metaFields(meta));
    if (meta.enabled && !wasEnabled) this.start();
  }

  /** Marks this engine as a second route to another engine's daemon (or, undefined, as an engine of its own); see twins.ts. */
  setSameAs(engineId: string | undefined): void {
    if (this.statusValue.sameAs === engineId) return;
    if (engineId === undefined) {
      const { sameAs: _gone, ...rest } = this.statusValue;
      this.statusValue = rest;
      for (const cb of this.statusListeners) cb(this.statusValue);
      return;
    }
    this.setStatus({ sameAs: engineId });
  }

  /** The unknown host key the last ssh attempt stopped on (null when none is pending). */
  get hostKeyPending(): (HostKeyInfo & { state: 'unknown' | 'changed' }) | null {
    return this.pendingHostKey;
  }

  /**
   * The endpoint in use, else the one it would try first (for the compose CLI's environment: a command for this
   * engine must fail against it, never run on whatever engine the CLI finds by itself).
   */
  get endpointCandidate(): EndpointCandidate | null {
    return (this.docker ? this.liveEndpoint : null) ?? this.opts.discover().candidates[0] ?? null;
  }
  private liveEndpoint: EndpointCandidate | null = null;

  /** The dockerode client; throws ENGINE_UNREACHABLE while not connected, so callers get a clear message. */
  get api(): Docker {
    if (!this.docker || this.statusValue.state !== 'connected') {
      throw new BerthError('ENGINE_UNREACHABLE', 'The container engine is not connected right now. Berth reconnects by itself as soon as it answers.');
    }
    return this.docker;
  }

  onStatus(cb: Listener<EngineStatus>): () => void {
    this.statusListeners.add(cb);
    return () => this.statusListeners.delete(cb);
  }
  onEvent(cb: Listener<RawEngineEvent>): () => void {
    this.eventListeners.add(cb);
    return () => this.eventListeners.delete(cb);
  }
  /** Called after every (re)connection with the new client: services reload everything they hold. */
  onResync(cb: Listener<Docker>): () => void {
    this.resyncListeners.add(cb);
    return () => this.resyncListeners.delete(cb);
  }

  start(): void {
    if (!this.stopped) return;
    if (this.opts.meta?.enabled === false) {
      this.endFirstAttempt();
      this.setStatus({ state: 'unreachable', tried: [], hint: 'Disabled in Settings: Berth does not connect to this engine.' });
      return;
    }
    this.stopped = false;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.endFirstAttempt();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.eventsAbort?.abort();
    this.eventsAbort = null;
    this.docker = null;
    this.closeTunnel();
  }

  private closeTunnel() {
    const t = this.tunnel;
    this.tunnel = null;
    t?.close();
  }

  /** Try now instead of at the next scheduled attempt. */
  retryNow(): void {
    if (this.stopped || this.connecting || this.statusValue.state === 'connected') return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.attempt = 0;
    void this.connect();
  }

  private setStatus(patch: Partial<EngineStatus>) {
    const next: EngineStatus = { ...this.statusValue, ...patch };
    if (patch.state && patch.state !== this.statusValue.state) next.since = Date.now();
    if (!('nextAttemptAt' in patch)) delete next.nextAttemptAt;
    this.statusValue = next;
    if (next.state !== 'connecting') this.endFirstAttempt();
    for (const cb of this.statusListeners) cb(next);
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.connecting) return;
    this.connecting = true;
    try {
      const found = this.opts.discover();
      if (found.problem) {
        this.fail([], found.problem);
        return;
      }
      const tried: EndpointAttempt[] = [];
      let hostKey: HostKeyPrompt | undefined;
      let keyLocked: { keyFile: string } | undefined;
      if (found.candidates[0] && this.opts.meta && !this.opts.meta.kind) this.opts.meta = { ...this.opts.meta, kind: found.candidates[0].transport.kind };
      for (const candidate of found.candidates) {
        const attempt = describe(candidate);
        let docker: Docker;
        let tunnel: SshTunnel | null = null;
        const ms = candidate.transport.kind === 'ssh' ? Math.max(10_000, this.opts.pingTimeoutMs ?? 2000) : (this.opts.pingTimeoutMs ?? 2000);
        try {
          if (candidate.transport.kind === 'ssh') {
            tunnel = await this.openTunnel(candidate.transport);
            this.pendingHostKey = null;
          }
          docker = new Docker(this.dockerOptions(candidate, tunnel));
          await pingWithTimeout(docker, ms);
        } catch (err) {
          tunnel?.close();
          if (err instanceof SshConnectError && err.hostKey && (err.failure === 'HOST_KEY_UNKNOWN' || err.failure === 'HOST_KEY_CHANGED')) {
            const state = err.failure === 'HOST_KEY_UNKNOWN' ? 'unknown' : 'changed';
            this.pendingHostKey = { ...err.hostKey, state };
            const { keyBase64: _key, previous, ...shown } = err.hostKey;
            hostKey = { ...shown, state, ...(previous ? { previous: { fingerprint: previous.fingerprint, knownHostsFile: previous.file, line: previous.line } } : {}) };
          }
          if (err instanceof SshConnectError && err.failure === 'KEY_LOCKED' && err.lockedKey) keyLocked = { keyFile: err.lockedKey };
          tried.push(withError(attempt, err, ms));
          continue;
        }
        if (this.stopped) {
          tunnel?.close();
          return;
        }
        try {
          this.tunnel = tunnel;
          this.liveEndpoint = candidate;
          await this.goLive(docker, attempt, [...tried, attempt]);
          return;
        } catch (err) {
          if (this.tunnel === tunnel) this.closeTunnel();
          tried.push(withError(attempt, err, ms));
        }
      }
      this.fail(tried, hintFor(tried, found.candidates, this.opts.cliPick ?? this.id === 'local'), hostKey, keyLocked);
    } finally {
      this.connecting = false;
    }
  }

  private async goLive(docker: Docker, endpoint: EndpointAttempt, tried: EndpointAttempt[]) {
    const [info, version] = await Promise.all([docker.info() as Promise<RawInfo>, docker.version() as Promise<RawVersion>]);
    // Open the events stream before anyone lists, so nothing that happens during the resync is missed.
    const abort = new AbortController();
    // @types/dockerode omits abortSignal on getEvents; docker-modem honours it and destroys the request.
    const getEvents = docker.getEvents.bind(docker) as unknown as (o: { abortSignal: AbortSignal }) => Promise<IncomingMessage>;
    const stream = await getEvents({ abortSignal: abort.signal });
    if (this.stopped) {
      abort.abort();
      return;
    }
    this.eventsAbort = abort;
    this.docker = docker;
    this.attempt = 0;
    this.everConnected = true;
    const splitter = new JsonLineSplitter<RawEngineEvent>((ev) => {
      for (const cb of this.eventListeners) cb(ev);
    });
    stream.on('data', (chunk: Buffer) => splitter.push(chunk));
    const lost = () => {
      stream.removeAllListeners();
      if (this.eventsAbort !== abort || this.stopped) return;
      this.eventsAbort = null;
      this.lost();
    };
    stream.on('end', lost);
    stream.on('close', lost);
    stream.on('error', lost);
    const tunnel = this.tunnel;
    // A dropped ssh connection ends every channel, the events stream's too; this notices even if that one lingers.
    tunnel?.onClose(() => {
      if (this.tunnel === tunnel && this.eventsAbort === abort) {
        stream.destroy();
        lost();
      }
    });
    this.setStatus({ state: 'connected', endpoint, tried, info: toEngineInfo(info, version), hint: undefined, hostKey: undefined, sshKeyLocked: undefined });
    for (const cb of this.resyncListeners) cb(docker);
  }

  private lost() {
    this.docker = null;
    const viaSsh = this.tunnel !== null;
    this.closeTunnel();
    this.setStatus({
      state: 'reconnecting',
      hint: viaSsh
        ? 'The ssh connection to the engine dropped. Berth reconnects by itself and resyncs everything.'
        : 'The engine stopped answering (restarted or stopped). Berth reconnects by itself and resyncs everything.',
      nextAttemptAt: Date.now() + this.nextDelay(),
    });
    this.schedule();
  }

  private fail(tried: EndpointAttempt[], hint: string, hostKey?: HostKeyPrompt, sshKeyLocked?: { keyFile: string }) {
    // A host key or a passphrase waits for the user: retrying would only ask again (retryNow after the answer tries
    // at once).
    const waits = hostKey || sshKeyLocked;
    const delay = waits ? Math.max(this.nextDelay(), 30_000) : this.nextDelay();
    this.setStatus({
      state: this.everConnected ? 'reconnecting' : 'unreachable',
      tried,
      hint: waits ? (tried.find((t) => t.error)?.error ?? hint) : hint,
      hostKey,
      sshKeyLocked,
      nextAttemptAt: Date.now() + delay,
    });
    this.schedule(delay);
  }

  private openTunnel(t: Extract<EndpointCandidate['transport'], { kind: 'ssh' }>): Promise<SshTunnel> {
    return SshTunnel.open({ host: t.host, ...(t.port ? { port: t.port } : {}), ...(t.username ? { username: t.username } : {}) }, this.opts.ssh ?? defaultSshEnvironment(this.opts.readFile), this.opts.sshTunnel);
  }

  private nextDelay(): number {
    const min = this.opts.retryMinMs ?? 250;
    const max = this.opts.retryMaxMs ?? 1000;
    return Math.min(max, min * 2 ** this.attempt);
  }

  private schedule(delay = this.nextDelay()) {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.attempt++;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, delay);
    this.timer.unref?.();
  }

  private dockerOptions(c: EndpointCandidate, tunnel: SshTunnel | null): Docker.DockerOptions {
    const t = c.transport;
    switch (t.kind) {
      case 'unix':
      case 'npipe':
        return { socketPath: t.socketPath };
      case 'ssh':
        // Plain HTTP over the tunnel's channels; the host name is only what the Host header says.
        // @types/dockerode omits `agent`; docker-modem passes it to http.request.
        return { protocol: 'http', host: 'docker', port: 80, agent: tunnel!.agent } as Docker.DockerOptions;
      case 'tcp': {
        if (!t.tls) return { protocol: 'http', host: t.host, port: t.port };
        const read = (label: string, p?: string) => {
          if (!p) return undefined;
          const text = this.opts.readFile(p);
          // Only files the endpoint names and that are missing: a context or DOCKER_CERT_PATH without a client cert is normal.
          if (text === null && (c.source === 'added' || label !== 'CA')) throw new TlsFileMissing(label, p);
          return text ?? undefined;
        };
        const cert = read('client certificate', t.tls.cert);
        const key = read('client key', t.tls.key);
        return { protocol: 'https', host: t.host, port: t.port, ca: read('CA', t.tls.ca), cert: cert && key ? cert : undefined, key: cert && key ? key : undefined };
      }
    }
  }
}

/** @types/dockerode types ping() without options; docker-modem honours abortSignal on it. */
function pingWithTimeout(docker: Docker, ms: number): Promise<unknown> {
  const ping = docker.ping.bind(docker) as unknown as (o: { abortSignal: AbortSignal }) => Promise<unknown>;
  return ping({ abortSignal: AbortSignal.timeout(ms) });
}

function metaFields(meta: EngineMeta | undefined): Partial<EngineStatus> {
  if (!meta) return {};
  return { name: meta.name, origin: meta.origin, enabled: meta.enabled, ...(meta.kind ? { kind: meta.kind } : {}), ...(meta.address ? { address: meta.address } : {}) };
}
