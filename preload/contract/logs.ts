import { z } from 'zod';
import { stream } from './define';
import { containerRef, engineId } from './common';

/**
 * One batch of log lines, column-wise so 50,000 lines a second stay cheap on the wire: line i came from
 * `containerIds[source[i]]`, on stderr when `stderr[i]` is 1, at `time[i]` (ms since epoch, µs in the fraction),
 * with text `text[i]` (decoded: invalid UTF-8 → U+FFFD, control bytes → visible symbols, ANSI escapes kept).
 * Lines are time-ordered within a batch (and across containers once the initial backlog is merged).
 */
export interface LogLinesBatch {
  type: 'lines';
  containerIds: string[];
  source: number[];
  stderr: number[];
  time: number[];
  text: string[];
}

/** Something happened to a followed container: shown as a line of its own in the viewer. */
export interface LogMarker {
  type: 'marker';
  marker: 'stopped' | 'restarted' | 'removed' | 'resumed';
  containerId: string;
  /** ms since epoch */
  time: number;
}

/** The initial backlog (the tail) of every container has been delivered; what follows is live. */
export interface LogCaughtUp {
  type: 'caught-up';
}

export type LogsMessage = LogLinesBatch | LogMarker | LogCaughtUp;

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
