import type Docker from 'dockerode';
import { packLines, type LogLine, type LogMarker, type LogsMessage } from '../../preload/contract/logs';
import type { RawEngineEvent } from '../engine/connection';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';
import { untilAborted } from './abort';
import { createLogDecoder, type StreamNo } from './logs-decode';

export interface FollowInput {
  engineId?: string | undefined;
  containerIds: string[];
  tail: '1000' | '10000' | 'all' | number;
  since?: number | undefined;
  until?: number | undefined;
  follow: boolean;
  resume: boolean;
}

export interface LogsTuning {
  /** How often pending lines go out. */
  flushMs: number;
  /** A batch never holds more lines than this; more pending → flush at once. */
  maxBatch: number;
  /** A source is caught up with its backlog after this long without data. */
  idleMs: number;
  /** Lines held back while merging the backlogs of several containers, before giving up on global order. */
  maxBacklog: number;
}

const DEFAULT_TUNING: LogsTuning = { flushMs: 25, maxBatch: 5000, idleMs: 150, maxBacklog: 200_000 };

interface Source {
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

type Pending = LogLine;

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
 * Follows the logs of one or more containers: demultiplexes the engine's stream (logs-decode.ts), batches lines
 * every ~25 ms, merges several containers by time, and marks stop / restart / removal from the engine's events,
 * re-opening the stream after a restart when `resume` is on.
 */
export class LogsService {
  private readonly tuning: LogsTuning;

  constructor(
    private readonly engines: EngineRegistry,
    tuning: Partial<LogsTuning> = {},
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
  }

  async follow(input: FollowInput, emit: (m: LogsMessage) => void, signal: AbortSignal): Promise<void> {
    const engine = this.engines.get(input.engineId);
    // Replaced by the new client when the engine comes back after a lost connection.
    let docker = engine.api;
    const tuning = this.tuning;
    const merged = input.containerIds.length > 1;

    // Subscribe to events before the first request, so a stop/start in between is not missed.
    const queuedEvents: RawEngineEvent[] = [];
    let onEvent: (ev: RawEngineEvent) => void = (ev) => queuedEvents.push(ev);
    const offEvents = engine.onEvent((ev) => {
      if (ev.Type === 'container') onEvent(ev);
    });

    const sources: Source[] = [];
    try {
      const infos = await Promise.all(
        input.containerIds.map(async (id) => {
          try {
            return await docker.getContainer(id).inspect({ abortSignal: signal } as object);
          } catch (err) {
            throw toBerthError(err, `read the logs of "${id}"`);
          }
        }),
      );
      infos.forEach((info, index) =>
        sources.push({
          index,
          id: info.Id,
          name: info.Name.replace(/^\//, ''),
          tty: Boolean(info.Config?.Tty),
          lastTime: -Infinity,
          skipUntil: -Infinity,
          caughtUp: false,
          lastDataAt: 0,
          abort: null,
          running: Boolean(info.State?.Running),
          removed: false,
        }),
      );
    } catch (err) {
      offEvents();
      throw err;
    }
    const byId = new Map(sources.map((s) => [s.id, s]));
    const containerIds = sources.map((s) => s.id);

    let pending: Pending[] = [];
    let backlogDone = !merged;
    let announcedCaughtUp = false;
    let openStreams = 0;
    /** The engine connection dropped while following; streams re-open when it is back. */
    let engineLost = false;
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));

    const sendLines = (lines: Pending[]) => {
      for (let from = 0; from < lines.length; from += tuning.maxBatch) {
        emit(packLines(containerIds, lines.slice(from, from + tuning.maxBatch)));
      }
    };

    const flush = () => {
      if (signal.aborted) return;
      const now = Date.now();
      for (const s of sources) {
        // Quiet for a while since the request opened or the last data: the backlog is through.
        if (!s.caughtUp && s.lastDataAt > 0 && now - s.lastDataAt >= tuning.idleMs) s.caughtUp = true;
      }
      const allCaughtUp = sources.every((s) => s.caughtUp || s.removed);
      if (!backlogDone && (allCaughtUp || pending.length >= tuning.maxBacklog)) backlogDone = true;
      if (backlogDone && pending.length > 0) {
        const lines = pending;
        pending = [];
        // By time, also for one container (its stdout and stderr are copied separately and can arrive out of order);
        // stable, so equal times keep their arrival order.
        lines.sort((a, b) => a.time - b.time);
        sendLines(lines);
      }
      if (allCaughtUp && !announcedCaughtUp && pending.length === 0) {
        announcedCaughtUp = true;
        emit({ type: 'caught-up' });
      }
    };
    const timer = setInterval(flush, tuning.flushMs);

    const sink = (source: Source) => (stream: StreamNo, rawTime: number, text: string) => {
      const time = Number.isNaN(rawTime) ? Date.now() : rawTime;
      if (time <= source.skipUntil) return; // already sent before a resume
      source.skipUntil = -Infinity;
      if (time > source.lastTime) source.lastTime = time;
      pending.push({ source: source.index, stderr: stream === 1, time, text });
      if (backlogDone && pending.length >= tuning.maxBatch) flush();
    };

    const marker = (source: Source, kind: LogMarker['marker'], time: number) => {
      // Lines already received come first.
      if (backlogDone) flush();
      emit({ type: 'marker', marker: kind, containerId: source.id, time });
    };

    const maybeFinish = () => {
      if (openStreams > 0) return;
      const anyCanResume = input.follow && (input.resume || engineLost) && sources.some((s) => !s.removed);
      if (!anyCanResume) {
        for (const s of sources) s.caughtUp = true;
        backlogDone = true;
        flush();
        finish();
      }
    };

    const open = async (source: Source, resumed: boolean) => {
      if (signal.aborted || source.removed || source.abort) return;
      const abort = new AbortController();
      const onOuterAbort = () => abort.abort();
      signal.addEventListener('abort', onOuterAbort, { once: true });
      source.abort = abort;
      openStreams++;
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
        const body = await openLogStream(docker, source.id, query, abort.signal);
        source.lastDataAt = Date.now();
        const decoder = createLogDecoder(source.tty, sink(source));
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
          else if (!merged) throw e;
        }
      } finally {
        signal.removeEventListener('abort', onOuterAbort);
        source.abort = null;
        source.caughtUp = true;
        openStreams--;
      }
    };

    const run = (source: Source, resumed: boolean) => {
      open(source, resumed)
        .then(() => maybeFinish())
        .catch((err: unknown) => {
          failure = err;
          finish();
        });
    };
    let failure: unknown = null;

    const handleEvent = (ev: RawEngineEvent) => {
      const source = byId.get(ev.Actor?.ID ?? ev.id ?? '');
      const kind = EVENT_MARKERS[ev.Action ?? ev.status ?? ''];
      if (!source || !kind || source.removed) return;
      const time = ev.timeNano ? ev.timeNano / 1e6 : Date.now();
      if (kind === 'removed') {
        source.removed = true;
        marker(source, 'removed', time);
        source.abort?.abort();
        maybeFinish();
        return;
      }
      if (kind === 'stopped') source.running = false;
      if (kind === 'restarted') {
        if (source.running) return; // a start event for a container we saw running: nothing changed
        source.running = true;
      }
      if (!input.follow) return;
      marker(source, kind, time);
      if (kind === 'restarted' && input.resume) reopen(source);
    };
    onEvent = handleEvent;

    /** Opens the source's stream again from its last line once the old request has ended. */
    const reopen = (source: Source) => {
      let tries = 0;
      const attempt = () => {
        if (signal.aborted || engineLost || source.removed) return;
        if (source.abort && ++tries > 100) source.abort.abort(); // still open 2 s later: replace it
        if (source.abort) setTimeout(attempt, 20);
        else run(source, true);
      };
      attempt();
    };

    // The engine connection drops (dockerd restarts, the socket goes away): say so, and follow again once it is back.
    const offStatus = engine.onStatus((status) => {
      if (!input.follow || signal.aborted || engineLost || status.state === 'connected') return;
      engineLost = true;
      for (const s of sources) {
        if (s.removed) continue;
        marker(s, 'engine-lost', Date.now());
        s.abort?.abort();
      }
    });
    const offResync = engine.onResync((client) => {
      docker = client;
      if (!engineLost || signal.aborted) return;
      engineLost = false;
      for (const s of sources) {
        if (s.removed) continue;
        // What happened meanwhile was not seen as events: ask the engine.
        docker
          .getContainer(s.id)
          .inspect({ abortSignal: signal } as object)
          .then(
            (info) => {
              if (signal.aborted || s.removed) return;
              s.running = Boolean(info.State?.Running);
              marker(s, 'engine-back', Date.now());
              reopen(s);
            },
            (err: unknown) => {
              if (signal.aborted || s.removed) return;
              if (toBerthError(err, 'read the logs').code === 'NOT_FOUND') {
                s.removed = true;
                marker(s, 'removed', Date.now());
                maybeFinish();
              } else {
                marker(s, 'engine-back', Date.now());
                reopen(s);
              }
            },
          );
      }
    });

    for (const s of sources) run(s, false);
    for (const ev of queuedEvents.splice(0)) handleEvent(ev);

    try {
      await Promise.race([finished, untilAborted(signal)]);
      if (failure) throw failure;
    } finally {
      clearInterval(timer);
      offEvents();
      offStatus();
      offResync();
      for (const s of sources) s.abort?.abort();
    }
  }
}
