/**
 * The data layer's one retry policy for streams: exponential backoff with jitter, so after an engine comes back the
 * renderer's streams (and every other window's) do not all re-open on the same tick. The attempt count resets when
 * a stream delivers a message, and an engine that reconnects cuts the wait short (see follow-stream.ts).
 */
export interface RetryPolicy {
  /** Delay before the first retry. */
  baseMs: number;
  /** Longest delay between two tries. */
  maxMs: number;
}

export const STREAM_RETRY: RetryPolicy = { baseMs: 1000, maxMs: 15_000 };

/**
 * Delay before retry number `attempt` (0 for the first): the exponential step, of which the upper half is random
 * ("equal jitter": never less than half the step, so a flapping engine is not hammered).
 */
export function retryDelay(
  attempt: number,
  random: () => number = Math.random,
  policy: RetryPolicy = STREAM_RETRY,
): number {
  const step = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.round(step / 2 + (step / 2) * random());
}
