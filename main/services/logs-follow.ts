import type Docker from 'dockerode';
import { packLines, type LogLine, type LogMarker, type LogsMessage } from '../../preload/contract/logs';
import type { EngineConnection, RawEngineEvent } from '../engine/connection';
import { toBerthError } from '../errors';
import { untilAborted } from './abort';
import { createLogDecoder, type StreamNo } from './logs-decode';
import type { FollowInput, LogsTuning } from './logs';

/** One container whose logs a stream follows. */
export interface Source {
  index: number;
  id: string;
  name: string;
  tty: boolean;
  /** Time of the last line delivered; a resumed stream starts here. */
  lastTime: number;
  /** After a resume: lines up to this time were sent already (the engine's `since` includes them). */
  skipUntil: number;
  caughtUp: boolean;
  lastDataAt: number;
  /** Aborts this source's current engine request (the whole stream's signal aborts them all). */
  abort: AbortController | null;
  running: boolean;
  removed: boolean;
}

const EVENT_MARKERS: Record<string, LogMarker['marker']> = {
  die: 'stopped',
  start: 'restarted',
  unpause: 'resumed',
  destroy: 'removed',
};

/** GET /containers/{id}/logs as a stream, whatever `follow` is (dockerode buffers the whole body when not following). */
function openLogStream(docker: Docker, id: string, query: Record<string, unknown>, signal: AbortSignal): Promise<NodeJS.ReadableStream> {
  const modem = docker.modem as unknown as {
    dial(opts: Record<string, unknown>, cb: (err: unknown, data: NodeJS.ReadableStream) => void): void;
  };
  return new Promise((resolve, reject) => {
    modem.dial(
      {
        path: `/containers/${encodeURIComponent(id)}/logs?`,
        method: 'GET',
        abortSignal: signal,
        isStream: true,
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
        options: query,
      },
      (err, data) => (err ? reject(err) : resolve(data)),
    );
  });
}

const seconds = (ms: number) => (ms / 1000).toFixed(6);

/**
 * One `logs.follow` stream: a request per container (re-opened from its last line after a restart when `resume` is
 * on, and after the engine comes back), lines batched every `flushMs`, several containers' backlogs merged by time,
 * and markers for stop / restart / removal / engine lost and back.
 */
export class LogFollow {
  private readonly byId: Map<string, Source>;
  private readonly containerIds: string[];
  private readonly merged: boolean;
  private pending: LogLine[] = [];
  private backlogDone: boolean;
  private announcedCaughtUp = false;
  private openStreams = 0;
  /** The engine connection dropped while following; streams re-open when it is back. */
  private engineLost = false;
  private failure: unknown = null;
  private finish!: () => void;
  private readonly finished = new Promise<void>((resolve) => (this.finish = resolve));

  constructor(
    private readonly engine: EngineConnection,
    /** Replaced by the new client when the engine comes back after a lost connection. */
    private docker: Docker,
    private readonly sources: Source[],
    private readonly input: FollowInput,
    private readonly tuning: LogsTuning,
    private readonly emit: (m: LogsMessage) => void,
    private readonly signal: AbortSignal,
  ) {
    this.byId = new Map(sources.map((s) => [s.id, s]));
    this.containerIds = sources.map((s) => s.id);
    this.merged = sources.length > 1;
    this.backlogDone = !this.merged;
  }

  /** Follows until the subscriber cancels or every source has ended; `queued` are events seen before it started. */
  async run(queued: RawEngineEvent[]): Promise<void> {
    const timer = setInterval(() => this.flush(), this.tuning.flushMs);
    const offStatus = this.engine.onStatus((status) => this.onStatus(status.state));
    const offResync = this.engine.onResync((client) => this.onResync(client));
    for (const s of this.sources) this.start(s, false);
    for (const ev of queued) this.onEvent(ev);
    try {
      await Promise.race([this.finished, untilAborted(this.signal)]);
      if (this.failure) throw this.failure;
    } finally {
      clearInterval(timer);
      offStatus();
      offResync();
      for (const s of this.sources) s.abort?.abort();
    }
  }

  /** A container event from the engine. */
  onEvent(ev: RawEngineEvent): void {
    const source = this.byId.get(ev.Actor?.ID ?? ev.id ?? '');
    const kind = EVENT_MARKERS[ev.Action ?? ev.status ?? ''];
    if (!source || !kind || source.removed) return;
    const time = ev.timeNano ? ev.timeNano / 1e6 : Date.now();
    if (kind === 'removed') {
      source.removed = true;
      this.marker(source, 'removed', time);
      source.abort?.abort();
      this.maybeFinish();
      return;
    }
    if (kind === 'stopped') source.running = false;
    if (kind === 'restarted') {
      if (source.running) return; // a start event for a container we saw running: nothing changed
      source.running = true;
    }
    if (!this.input.follow) return;
    this.marker(source, kind, time);
    if (kind === 'restarted' && this.input.resume) this.reopen(source);
  }

  private sendLines(lines: LogLine[]) {
    for (let from = 0; from < lines.length; from += this.tuning.maxBatch) {
      this.emit(packLines(this.containerIds, lines.slice(from, from + this.tuning.maxBatch)));
    }
  }

  private flush() {
    if (this.signal.aborted) return;
    const now = Date.now();
    for (const s of this.sources) {
      // Quiet for a while since the request opened or the last data: the backlog is through.
      if (!s.caughtUp && s.lastDataAt > 0 && now - s.lastDataAt >= this.tuning.idleMs) s.caughtUp = true;
    }
    const allCaughtUp = this.sources.every((s) => s.caughtUp || s.removed);
    if (!this.backlogDone && (allCaughtUp || this.pending.length >= this.tuning.maxBacklog)) this.backlogDone = true;
    if (this.backlogDone && this.pending.length > 0) {
      const lines = this.pending;
      this.pending = [];
      // By time, also for one container (its stdout and stderr are copied separately and can arrive out of order);
      // stable, so equal times keep their arrival order.
      lines.sort((a, b) => a.time - b.time);
      this.sendLines(lines);
    }
    if (allCaughtUp && !this.announcedCaughtUp && this.pending.length === 0) {
      this.announcedCaughtUp = true;
      this.emit({ type: 'caught-up' });
    }
  }

  private sink(source: Source) {
    return (stream: StreamNo, rawTime: number, text: string) => {
      const time = Number.isNaN(rawTime) ? Date.now() : rawTime;
      if (time <= source.skipUntil) return; // already sent before a resume
      source.skipUntil = -Infinity;
      if (time > source.lastTime) source.lastTime = time;
      this.pending.push({ source: source.index, stderr: stream === 1, time, text });
      if (this.backlogDone && this.pending.length >= this.tuning.maxBatch) this.flush();
    };
  }

  private marker(source: Source, kind: LogMarker['marker'], time: number) {
    // Lines already received come first.
    if (this.backlogDone) this.flush();
    this.emit({ type: 'marker', marker: kind, containerId: source.id, time });
  }

  private maybeFinish() {
    if (this.openStreams > 0) return;
    const anyCanResume = this.input.follow && (this.input.resume || this.engineLost) && this.sources.some((s) => !s.removed);
    if (!anyCanResume) {
      for (const s of this.sources) s.caughtUp = true;
      this.backlogDone = true;
      this.flush();
      this.finish();
    }
  }

  private async open(source: Source, resumed: boolean) {
    const { input, signal } = this;
    if (signal.aborted || source.removed || source.abort) return;
    const abort = new AbortController();
    const onOuterAbort = () => abort.abort();
    signal.addEventListener('abort', onOuterAbort, { once: true });
    source.abort = abort;
    this.openStreams++;
    const query: Record<string, unknown> = { follow: input.follow, stdout: true, stderr: true, timestamps: true };
    if (resumed && Number.isFinite(source.lastTime)) {
      query.since = seconds(source.lastTime);
      source.skipUntil = source.lastTime;
    } else {
      query.tail = input.tail === 'all' ? 'all' : String(input.tail);
      if (input.since !== undefined) query.since = seconds(input.since);
    }
    if (input.until !== undefined) query.until = seconds(input.until);
    const openedAt = Date.now();
    try {
      const body = await openLogStream(this.docker, source.id, query, abort.signal);
      source.lastDataAt = Date.now();
      const decoder = createLogDecoder(source.tty, this.sink(source));
      await new Promise<void>((resolve, reject) => {
        body.on('data', (chunk: Uint8Array) => {
          source.lastDataAt = Date.now();
          decoder.push(chunk);
          // A line from after the request opened means the backlog is through.
          if (!source.caughtUp && source.lastTime >= openedAt - 1000) source.caughtUp = true;
        });
        body.on('end', () => {
          decoder.end();
          resolve();
        });
        body.on('close', () => resolve());
        body.on('error', reject);
      });
    } catch (err) {
      if (!signal.aborted && !abort.signal.aborted) {
        const e = toBerthError(err, `read the logs of ${source.name}`);
        if (e.code === 'NOT_FOUND') source.removed = true;
        // The connection dropped: the engine's status says so in a moment, and following resumes when it is back.
        else if (e.code === 'ENGINE_UNREACHABLE' && input.follow) return;
        else if (!this.merged) throw e;
      }
    } finally {
      signal.removeEventListener('abort', onOuterAbort);
      source.abort = null;
      source.caughtUp = true;
      this.openStreams--;
    }
  }

  private start(source: Source, resumed: boolean) {
    this.open(source, resumed)
      .then(() => this.maybeFinish())
      .catch((err: unknown) => {
        this.failure = err;
        this.finish();
      });
  }

  /** Opens the source's stream again from its last line once the old request has ended. */
  private reopen(source: Source) {
    let tries = 0;
    const attempt = () => {
      if (this.signal.aborted || this.engineLost || source.removed) return;
      if (source.abort && ++tries > 100) source.abort.abort(); // still open 2 s later: replace it
      if (source.abort) setTimeout(attempt, 20);
      else this.start(source, true);
    };
    attempt();
  }

  /** The engine connection drops (dockerd restarts, the socket goes away): say so, and follow again once it is back. */
  private onStatus(state: string) {
    if (!this.input.follow || this.signal.aborted || this.engineLost || state === 'connected') return;
    this.engineLost = true;
    for (const s of this.sources) {
      if (s.removed) continue;
      this.marker(s, 'engine-lost', Date.now());
      s.abort?.abort();
    }
  }

  private onResync(client: Docker) {
    this.docker = client;
    if (!this.engineLost || this.signal.aborted) return;
    this.engineLost = false;
    for (const s of this.sources) {
      if (s.removed) continue;
      // What happened meanwhile was not seen as events: ask the engine.
      this.docker
        .getContainer(s.id)
        .inspect({ abortSignal: this.signal } as object)
        .then(
          (info) => {
            if (this.signal.aborted || s.removed) return;
            s.running = Boolean(info.State?.Running);
            this.marker(s, 'engine-back', Date.now());
            this.reopen(s);
          },
          (err: unknown) => {
            if (this.signal.aborted || s.removed) return;
            if (toBerthError(err, 'read the logs').code === 'NOT_FOUND') {
              s.removed = true;
              this.marker(s, 'removed', Date.now());
              this.maybeFinish();
            } else {
              this.marker(s, 'engine-back', Date.now());
              this.reopen(s);
            }
          },
        );
    }
  }
}
