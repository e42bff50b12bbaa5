import type { EngineStatus } from '../../preload/contract/engine';
import type { EngineRegistry } from '../engine/registry';
import { untilAborted } from './abort';

export class EngineStatusService {
  constructor(private readonly engines: EngineRegistry) {}

  async watch(_input: object, emit: (s: EngineStatus[]) => void, signal: AbortSignal): Promise<void> {
    const send = () => emit(this.engines.all().map((e) => e.status));
    const offs = this.engines.all().map((e) => e.onStatus(send));
    send();
    try {
      await untilAborted(signal);
    } finally {
      for (const off of offs) off();
    }
  }

  async retry(): Promise<void> {
    for (const e of this.engines.all()) e.retryNow();
  }
}
