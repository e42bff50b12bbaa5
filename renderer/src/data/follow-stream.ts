import type { StreamHandlers, Unsubscribe } from '../../../preload/contract';
import { errorMessage } from '../format/error-message';
import { retryDelay } from './retry-policy';

/** A stream followed for as long as it is wanted: re-opened after an error or an end, with the one retry policy. */
export interface FollowedStream {
  /** Stops for good (the engine request is cancelled). */
  stop(): void;
  /** Re-opens at once if it is waiting to retry (its engine is back); the backoff starts over. */
  kick(): void;
}

export interface FollowOptions<M> {
  /** Opens the contract stream, e.g. `(h) => berth.containers.watch({ engineId }, h)`. */
  open(handlers: StreamHandlers<M>): Unsubscribe;
  onMessage(message: M): void;
  /** The stream broke (a message for a person); it is re-opened after the policy's delay. */
  onError?(message: string): void;
  /** Called before every open, the first included (e.g. to drop what a replaying stream will send again). */
  onOpen?(): void;
  random?: () => number;
}

/**
 * The renderer's one "subscribe and retry" loop. Every store of the data layer follows its streams through it, so
 * every stream backs off the same way, starts over after a message arrives, and is kicked when its engine returns.
 */
export function followStream<M>(options: FollowOptions<M>): FollowedStream {
  let unsubscribe: Unsubscribe | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let stopped = false;

  const open = () => {
    timer = undefined;
    if (stopped) return;
    options.onOpen?.();
    let ended = false;
    const end = (error?: unknown) => {
      if (ended || stopped) return;
      ended = true;
      unsubscribe = null;
      if (error !== undefined) options.onError?.(errorMessage(error));
      timer = setTimeout(open, retryDelay(attempt++, options.random));
    };
    unsubscribe = options.open({
      next: (message) => {
        if (ended || stopped) return;
        attempt = 0;
        options.onMessage(message);
      },
      error: (error) => end(error),
      complete: () => end(),
    });
  };

  open();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      unsubscribe?.();
      unsubscribe = null;
    },
    kick() {
      if (stopped || timer === undefined) return;
      clearTimeout(timer);
      attempt = 0;
      open();
    },
  };
}
