import { z } from 'zod';
import { stream } from './define';
import { containerRef, engineId } from './common';
import type { LogsMessage } from './log-lines';

export * from './log-lines';

/** '1000', '10000', 'all', or a number of lines. */
export const logTail = z.union([z.enum(['1000', '10000', 'all']), z.number().int().min(0).max(10_000_000)]);

/** ms since epoch */
const epochMs = z.number().min(0).max(8.64e15);

export const logsContract = {
  /**
   * The logs of 1..N containers (N > 1: merged, time-ordered), as batches every ~25 ms. With `follow` (default) the
   * stream stays open; with `resume` (default) following continues after the container restarts. A removed
   * container ends with a `removed` marker.
   */
  follow: stream<LogsMessage>()(
    z.strictObject({
      engineId: engineId.optional(),
      containerIds: z.array(containerRef).min(1).max(64),
      tail: logTail.default('1000'),
      since: epochMs.optional(),
      until: epochMs.optional(),
      follow: z.boolean().default(true),
      resume: z.boolean().default(true),
    }),
  ),
};
