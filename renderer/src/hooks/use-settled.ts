import { useEffect, useState } from 'react';

/**
 * False until `ready` has been true for one drawn frame and the page has then been idle (or half a second has
 * passed); true from then on. For work a first screen can do without: the list draws its visible rows first and the
 * ones beyond the edges (for smooth scrolling) once the page has settled.
 */
export function useSettled(ready: boolean): boolean {
  const [settled, setSettled] = useState(false);
  useEffect(() => {
    if (!ready || settled) return;
    let idle: number | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      if (typeof window.requestIdleCallback === 'function') idle = window.requestIdleCallback(() => setSettled(true), { timeout: 500 });
      else timer = setTimeout(() => setSettled(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (idle !== undefined) window.cancelIdleCallback(idle);
      clearTimeout(timer);
    };
  }, [ready, settled]);
  return settled;
}
