import { z } from 'zod';
import { method, stream } from './define';
import { empty } from './common';

export type OperationState = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';

/** What a tracked operation is: the operations panel names and groups them by it. */
export type OperationKind = 'pull' | 'push' | 'build' | 'copy' | 'compose' | 'backup' | 'restore' | 'clone' | 'prune' | 'remove' | 'bulk';

/** A long operation (pull, push, build, compose, volume backup/restore/clone, prune) as main's lifecycle controller tracks it. */
export interface TrackedOperation {
  id: number;
  kind: OperationKind;
  label: string;
  state: OperationState;
  /** 0..1 when known. */
  progress: number | null;
  /** The latest line of output or progress text. */
  detail: string;
  error: string | null;
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

/**
 * The app-wide operations panel: one stream of every long operation, whichever page started it, and a cancel that
 * aborts the operation's engine request in main.
 */
export const operationsContract = {
  /** The whole list (running first, then the last finished ones) now and after every change, at most every 200 ms. */
  watch: stream<{ operations: TrackedOperation[] }>()(empty),
  /** The same list once, now (for a caller that checks rather than follows). */
  current: method<{ operations: TrackedOperation[] }>()(empty),
  /** Cancels a queued or running operation; false when it had already finished. */
  cancel: method<{ cancelled: boolean }>()(
    z.strictObject({
      id: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
    }),
  ),
};
