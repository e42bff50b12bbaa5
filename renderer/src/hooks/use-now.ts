import { useEffect, useState } from 'react';
import { usePageVisible } from './use-page-visible';

/**
 * The current time, refreshed every `intervalMs` (for countdowns and "5 minutes ago") while the page can be seen;
 * a hidden page does not tick, and ticks at once when shown again.
 */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  const visible = usePageVisible();
  useEffect(() => {
    if (!visible) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs, visible]);
  return now;
}
