import type { RefObject } from 'react';
import type { Virtualizer } from '@tanstack/react-virtual';

/**
 * Puts a virtual list back at its top when `now` is true (a filter that changed the rows: a search shows its first
 * matches, wherever the list was scrolled; the browser would keep the view near its old offset, at the end of the
 * matches or in their middle). The list takes offset 0 at once, before this render computes its rows, so the render
 * draws the rows at the top and not those at the old offset first.
 *
 * The element is scrolled in the same render, before React changes the rows: its layout is still the last frame's,
 * so the browser takes the new offset without laying anything out. Scrolled after the commit (a layout effect), the
 * browser first laid out the new rows, inside the key's task: 7 of a 21 ms filter key (list-5000, a list scrolled to
 * its end), and the frame laid them out again. A render React throws away (it never does for a key's render, which is
 * synchronous) would leave the list at its top, which is where the filter puts it anyway.
 */
export function useToTop<S extends Element, I extends Element>(virtualizer: Virtualizer<S, I>, scrollRef: RefObject<HTMLElement | null>, now: boolean) {
  if (now && (virtualizer.scrollOffset ?? 0) > 0) {
    virtualizer.scrollOffset = 0;
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }
}
