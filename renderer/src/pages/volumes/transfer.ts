import type { BerthErrorShape, StreamHandlers, Unsubscribe, VolumeTransferMessage } from '../../../../preload/contract';

/**
 * Runs a backup / restore / clone stream as a promise with progress; `cancel()` unsubscribes, which makes main abort
 * the engine request and remove the partial file and the helper.
 */
export function runTransfer(
  start: (handlers: StreamHandlers<VolumeTransferMessage>) => Unsubscribe,
  onProgress: (bytes: number) => void,
): { done: Promise<VolumeTransferMessage & { type: 'done' }>; cancel(): void } {
  let stop: Unsubscribe = () => undefined;
  let rejectFn: (e: BerthErrorShape) => void = () => undefined;
  const done = new Promise<VolumeTransferMessage & { type: 'done' }>((resolve, reject) => {
    rejectFn = reject;
    let last: (VolumeTransferMessage & { type: 'done' }) | null = null;
    stop = start({
      next(m) {
        if (m.type === 'progress') onProgress(m.bytes);
        else last = m;
      },
      error: reject,
      complete: () => (last ? resolve(last) : reject({ code: 'CANCELLED', message: 'The operation ended without a result.' })),
    });
  });
  return {
    done,
    cancel() {
      stop();
      rejectFn({ code: 'CANCELLED', message: 'Cancelled; nothing partial was kept.' });
    },
  };
}

/** `runTransfer` awaited, its cancel in `cancel.current` meanwhile (a dialog's Cancel button calls it). */
export async function transfer(
  cancel: { current: (() => void) | null },
  start: (handlers: StreamHandlers<VolumeTransferMessage>) => Unsubscribe,
  onProgress: (bytes: number) => void,
): Promise<VolumeTransferMessage & { type: 'done' }> {
  const t = runTransfer(start, onProgress);
  cancel.current = t.cancel;
  try {
    return await t.done;
  } finally {
    cancel.current = null;
  }
}
