import type { EngineEvent } from '../../preload/contract/events';
import type { RawEngineEvent } from '../engine/connection';
import type { EngineRegistry } from '../engine/registry';
import { untilAborted } from './abort';

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
export class EventsService {
  constructor(private readonly engines: EngineRegistry) {}

  async watch(
    input: { engineId?: string | undefined; types?: string[] | undefined },
    emit: (e: EngineEvent) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const engine = this.engines.get(input.engineId);
    const types = input.types?.length ? new Set(input.types) : null;
    const off = engine.onEvent((raw) => {
      if (!types || types.has(raw.Type ?? '')) emit(toEngineEvent(engine.id, raw));
    });
    try {
      await untilAborted(signal);
    } finally {
      off();
    }
  }
}
