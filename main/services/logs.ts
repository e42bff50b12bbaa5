import type { AreaImplementation, AreaInputs } from '../../preload/contract';
import type { LogsMessage } from '../../preload/contract/logs';
import type { RawEngineEvent } from '../engine/connection';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';
import { LogFollow, type Source } from './logs-follow';

export type FollowInput = AreaInputs<'logs'>['follow'];

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

/**
 * Follows the logs of one or more containers: demultiplexes the engine's stream (logs-decode.ts), batches lines
 * every ~25 ms, merges several containers by time, and marks stop / restart / removal from the engine's events,
 * re-opening the stream after a restart when `resume` is on.
 */
export class LogsService implements AreaImplementation<'logs'> {
  private readonly tuning: LogsTuning;

  constructor(
    private readonly engines: EngineRegistry,
    tuning: Partial<LogsTuning> = {},
  ) {
    this.tuning = { ...DEFAULT_TUNING, ...tuning };
  }

  async follow(input: FollowInput, emit: (m: LogsMessage) => void, signal: AbortSignal): Promise<void> {
    const engine = this.engines.get(input.engineId);
    const docker = engine.api;
    // Subscribe to events before the first request, so a stop/start in between is not missed.
    const queued: RawEngineEvent[] = [];
    let onEvent: (ev: RawEngineEvent) => void = (ev) => queued.push(ev);
    const offEvents = engine.onEvent((ev) => {
      if (ev.Type === 'container') onEvent(ev);
    });
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
      const sources: Source[] = infos.map((info, index) => ({
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
      }));
      const following = new LogFollow(engine, docker, sources, input, this.tuning, emit, signal);
      onEvent = (ev) => following.onEvent(ev);
      await following.run(queued.splice(0));
    } finally {
      offEvents();
    }
  }
}
