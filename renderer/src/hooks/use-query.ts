import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../format/error-message';

export interface Query<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

interface QueryOptions {
  /** Keep the last answer on screen while a new one loads (a detail tab: no flicker). Without it the answer is
   *  cleared, so a plan made for other options is never the one confirmed. */
  keep?: boolean;
  /** Wait this long after the last change of `key` before asking (options typed letter by letter). */
  delayMs?: number;
}

/**
 * The one "ask main, show the answer" hook: the detail tabs and every plan-then-confirm dialog (removal and prune
 * plans). Runs `load` when `key` changes (null `load`: nothing to ask yet) and drops an answer that arrives after a
 * newer request was made, so a slow plan for the previous options can never replace the current one.
 */
export function useQuery<T>(load: (() => Promise<T>) | null, key: string, options: QueryOptions = {}): Query<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(load !== null);
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const enabled = load !== null;
  const { keep = false, delayMs = 0 } = options;

  useEffect(() => {
    if (!keep) {
      setData(null);
      setError(null);
    }
    if (!enabled) {
      setLoading(false);
      return;
    }
    let current = true;
    setLoading(true);
    const ask = () =>
      loadRef.current?.().then(
        (value) => {
          if (!current) return;
          setData(value);
          setError(null);
          setLoading(false);
        },
        (err: unknown) => {
          if (!current) return;
          setError(errorMessage(err));
          setLoading(false);
        },
      );
    const timer = delayMs > 0 ? setTimeout(ask, delayMs) : (ask(), undefined);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [key, nonce, enabled, keep, delayMs]);

  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, error, loading, reload };
}
