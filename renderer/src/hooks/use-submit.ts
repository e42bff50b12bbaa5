import { useCallback, useState } from 'react';
import { errorMessage } from '../format/error-message';

export interface Submit {
  /** What the dialog is doing now ("Creating…", a transfer's progress); null when idle. */
  busy: string | null;
  /** The last attempt's error, for a person. */
  error: string | null;
  setBusy(text: string | null): void;
  setError(text: string | null): void;
  /**
   * A dialog's confirm: clears the last error, shows `label` while `action` runs, and keeps the message of what it
   * failed with (`onError` sees the error first, to read its details).
   */
  run(label: string, action: () => Promise<void>, onError?: (e: unknown) => void): Promise<void>;
}

/** The busy text and error of a form dialog's submit, written once instead of in every dialog. */
export function useSubmit(): Submit {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(async (label: string, action: () => Promise<void>, onError?: (e: unknown) => void) => {
    setError(null);
    setBusy(label);
    try {
      await action();
    } catch (e) {
      onError?.(e);
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  }, []);
  return { busy, error, setBusy, setError, run };
}
