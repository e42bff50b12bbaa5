import { BerthError } from '../../preload/contract/errors';

/**
 * Resolves when the subscriber cancels; throws NOT_FOUND when the engine the stream follows is removed from Berth
 * first (the stream ends saying so, and the page can offer the other engines).
 */
export async function untilAbortedOrRemoved(signal: AbortSignal, engine: { id: string; removedSignal: AbortSignal; status: { name?: string | undefined } }): Promise<void> {
  await untilAborted(AbortSignal.any([signal, engine.removedSignal]));
  if (engine.removedSignal.aborted && !signal.aborted) {
    throw new BerthError('NOT_FOUND', `The engine "${engine.status.name ?? engine.id}" was removed from Berth (nothing on it was deleted).`);
  }
}

/** Resolves when the stream's subscriber cancels; what a long-lived stream awaits before cleaning up. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
