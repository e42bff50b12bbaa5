import type { AreaImplementation, AreaInputs } from '../../preload/contract';
import type { IncomingMessage } from 'node:http';
import type { EngineEvent } from '../../preload/contract/events';
import type { EngineConnection, RawEngineEvent } from '../engine/connection';
import { JsonLineSplitter } from '../engine/json-lines';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';
import { untilAbortedOrRemoved } from './abort';

/** At most this many past events are replayed on subscribe (the newest ones). */
export const MAX_BACKFILL = 5000;

const eventKey = (ev: RawEngineEvent) => `${ev.timeNano ?? ev.time}/${ev.Type}/${ev.Action ?? ev.status}/${ev.Actor?.ID ?? ev.id}`;

/** The engine's own past events between two instants (a finite `/events?since&until` request). */
async function pastEvents(engine: EngineConnection, sinceSeconds: number, untilMs: number, signal: AbortSignal): Promise<RawEngineEvent[]> {
  // @types/dockerode omits abortSignal on getEvents; docker-modem honours it and destroys the request.
  const getEvents = engine.api.getEvents.bind(engine.api) as unknown as (o: object) => Promise<IncomingMessage>;
  // The engine reads "seconds.nanoseconds"; a whole-second `until` would drop what happened earlier in this second.
  const seconds = Math.floor(untilMs / 1000);
  const until = `${seconds}.${String(untilMs % 1000).padStart(3, '0')}000000`;
  const res = await getEvents({ since: seconds - sinceSeconds, until, abortSignal: signal });
  const out: RawEngineEvent[] = [];
  const splitter = new JsonLineSplitter<RawEngineEvent>((ev) => {
    out.push(ev);
    if (out.length > MAX_BACKFILL * 2) out.splice(0, out.length - MAX_BACKFILL);
  });
  await new Promise<void>((resolve, reject) => {
    res.on('data', (chunk: Buffer) => splitter.push(chunk));
    res.on('end', () => resolve());
    res.on('close', () => resolve());
    res.on('error', reject);
  });
  splitter.end();
  return out.slice(-MAX_BACKFILL);
}

export function toEngineEvent(engineId: string, ev: RawEngineEvent): EngineEvent {
  const time = ev.timeNano ? Math.floor(ev.timeNano / 1e6) : (ev.time ?? 0) * 1000;
  return {
    engineId,
    type: ev.Type ?? 'unknown',
    action: ev.Action ?? ev.status ?? '',
    actor: { id: ev.Actor?.ID ?? ev.id ?? '', attributes: ev.Actor?.Attributes ?? {} },
    time,
  };
}

/** Fans the one /events stream each engine connection holds out to every subscriber; never opens another. */
export class EventsService implements AreaImplementation<'events'> {
  constructor(private readonly engines: EngineRegistry) {}

  async watch(
    input: AreaInputs<'events'>['watch'],
    emit: (e: EngineEvent) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const engine = this.engines.get(input.engineId);
    const types = input.types?.length ? new Set(input.types) : null;
    const wanted = (raw: RawEngineEvent) => !types || types.has(raw.Type ?? '');
    // While the past is read, live events wait in a buffer, so none is lost or told twice at the seam.
    let held: RawEngineEvent[] | null = input.sinceSeconds ? [] : null;
    const off = engine.onEvent((raw) => {
      if (!wanted(raw)) return;
      if (held) held.push(raw);
      else emit(toEngineEvent(engine.id, raw));
    });
    try {
      if (held && input.sinceSeconds) {
        let past: RawEngineEvent[];
        try {
          past = await pastEvents(engine, input.sinceSeconds, Date.now(), signal);
        } catch (err) {
          if (signal.aborted) return;
          throw toBerthError(err, 'read the engine’s recent events');
        }
        const seen = new Set<string>();
        for (const raw of past) {
          if (!wanted(raw)) continue;
          seen.add(eventKey(raw));
          emit(toEngineEvent(engine.id, raw));
        }
        const live = held;
        held = null;
        for (const raw of live) if (!seen.has(eventKey(raw))) emit(toEngineEvent(engine.id, raw));
      }
      await untilAbortedOrRemoved(signal, engine);
    } finally {
      off();
    }
  }
}
