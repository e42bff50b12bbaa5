import Docker from 'dockerode';
import type { IncomingMessage } from 'node:http';
import { BerthError } from '../../preload/contract/errors';
import type { EndpointAttempt, EngineStatus } from '../../preload/contract/engine';
import { toBerthError } from '../errors';
import type { DiscoveryResult, EndpointCandidate } from './discovery';
import { toEngineInfo, type RawInfo, type RawVersion } from './info';
import { JsonLineSplitter } from './json-lines';

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

export interface EngineConnectionOptions {
  id: string;
  discover: () => DiscoveryResult;
  readFile: (p: string) => string | null;
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
    this.statusValue = { engineId: opts.id, state: 'connecting', tried: [], since: Date.now() };
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
      for (const candidate of found.candidates) {
        const attempt = describe(candidate);
        let docker: Docker;
        try {
          docker = new Docker(this.dockerOptions(candidate));
          await pingWithTimeout(docker, this.opts.pingTimeoutMs ?? 2000);
        } catch (err) {
          tried.push(withError(attempt, err));
          continue;
        }
        if (this.stopped) return;
        try {
          await this.goLive(docker, attempt, [...tried, attempt]);
          return;
        } catch (err) {
          tried.push(withError(attempt, err));
        }
      }
      this.fail(tried, hintFor(tried, found.candidates));
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
    this.setStatus({ state: 'connected', endpoint, tried, info: toEngineInfo(info, version), hint: undefined });
    for (const cb of this.resyncListeners) cb(docker);
  }

  private lost() {
    this.docker = null;
    this.setStatus({
      state: 'reconnecting',
      hint: 'The engine stopped answering (restarted or stopped). Berth reconnects by itself and resyncs everything.',
      nextAttemptAt: Date.now() + this.nextDelay(),
    });
    this.schedule();
  }

  private fail(tried: EndpointAttempt[], hint: string) {
    const delay = this.nextDelay();
    this.setStatus({
      state: this.everConnected ? 'reconnecting' : 'unreachable',
      tried,
      hint,
      nextAttemptAt: Date.now() + delay,
    });
    this.schedule(delay);
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

  private dockerOptions(c: EndpointCandidate): Docker.DockerOptions {
    const t = c.transport;
    switch (t.kind) {
      case 'unix':
      case 'npipe':
        return { socketPath: t.socketPath };
      case 'ssh':
        return { protocol: 'ssh', host: t.host, port: t.port, ...(t.username ? { username: t.username } : {}) };
      case 'tcp': {
        if (!t.tls) return { protocol: 'http', host: t.host, port: t.port };
        const read = (p?: string) => (p ? this.opts.readFile(p) ?? undefined : undefined);
        return { protocol: 'https', host: t.host, port: t.port, ca: read(t.tls.ca), cert: read(t.tls.cert), key: read(t.tls.key) };
      }
    }
  }
}

/** @types/dockerode types ping() without options; docker-modem honours abortSignal on it. */
function pingWithTimeout(docker: Docker, ms: number): Promise<unknown> {
  const ping = docker.ping.bind(docker) as unknown as (o: { abortSignal: AbortSignal }) => Promise<unknown>;
  return ping({ abortSignal: AbortSignal.timeout(ms) });
}

function describe(c: EndpointCandidate): EndpointAttempt {
  return { endpoint: c.endpoint, source: c.source, sourceDetail: c.sourceDetail };
}

function withError(attempt: EndpointAttempt, err: unknown): EndpointAttempt {
  const e = err as { code?: string; name?: string };
  if (e?.code === 'ENOENT') return { ...attempt, error: 'no socket at this path', errorCode: 'ENGINE_UNREACHABLE' };
  if (e?.code === 'ECONNREFUSED') return { ...attempt, error: 'connection refused (nothing listens there)', errorCode: 'ENGINE_UNREACHABLE' };
  if (e?.code === 'EACCES' || e?.code === 'EPERM')
    return { ...attempt, error: 'permission denied on the socket', errorCode: 'PERMISSION_DENIED' };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || e?.code === 'ETIMEDOUT')
    return { ...attempt, error: 'no answer within 2 s', errorCode: 'TIMEOUT' };
  const b = toBerthError(err);
  return { ...attempt, error: b.message, errorCode: b.code === 'PERMISSION_DENIED' ? 'PERMISSION_DENIED' : 'ENGINE_ERROR' };
}

/** What the user can do, from what failed. */
export function hintFor(tried: EndpointAttempt[], candidates: EndpointCandidate[]): string {
  if (tried.some((t) => t.errorCode === 'PERMISSION_DENIED')) {
    return 'The engine socket exists but this user may not open it. Add your user to the "docker" group and log in again, or run rootless Docker / Podman and point DOCKER_HOST at its socket.';
  }
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (only?.source === 'DOCKER_HOST') {
    return `DOCKER_HOST points at ${only.endpoint}, which does not answer. Start the engine there, or fix or unset DOCKER_HOST.`;
  }
  if (only?.source === 'context') {
    return `The current docker context (${only.sourceDetail}) points at ${only.endpoint}, which does not answer. Start that engine, or switch with \`docker context use default\`.`;
  }
  return 'No container engine answers. Start Docker (Docker Desktop, or `sudo systemctl start docker`), or Podman’s socket (`systemctl --user start podman.socket`), or set DOCKER_HOST to your engine.';
}
