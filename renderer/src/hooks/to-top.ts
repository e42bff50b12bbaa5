import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';

/**
 * Puts a virtual list back at its top when `now` is true (a filter that changed the rows: a search shows its first
 * matches, wherever the list was scrolled; the browser would keep the view near its old offset, at the end of the
 * matches or in their middle). The list takes offset 0 at once, before this render computes its rows, so the render
 * draws the rows at the top and not those at the old offset first; the element follows before the frame.
 */
export function useToTop<S extends Element, I extends Element>(virtualizer: Virtualizer<S, I>, scrollRef: RefObject<HTMLElement | null>, now: boolean) {
  const pending = useRef(false);
  if (now && (virtualizer.scrollOffset ?? 0) > 0) {
    virtualizer.scrollOffset = 0;
    pending.current = true;
  }
  useLayoutEffect(() => {
    if (!pending.current) return;
    pending.current = false;
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  });
}
