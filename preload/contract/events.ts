import { z } from 'zod';
import { stream } from './define';
import { engineId } from './common';

export interface EngineEvent {
  engineId: string;
  /** container, image, volume, network, daemon, plugin, … */
  type: string;
  action: string;
  actor: { id: string; attributes: Record<string, string> };
  /** ms since epoch */
  time: number;
}

export const eventsContract = {
  /** The engine's live event stream; with `sinceSeconds`, first the engine's events of that many seconds back. */
  watch: stream<EngineEvent>()(
    z.strictObject({
      engineId: engineId.optional(),
      types: z.array(z.string().max(32)).max(16).optional(),
      sinceSeconds: z.number().int().min(1).max(24 * 3600).optional(),
    }),
  ),
};
