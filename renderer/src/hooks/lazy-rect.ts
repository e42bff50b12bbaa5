import { elementScroll, type Rect, type Virtualizer } from '@tanstack/react-virtual';

/*
 * The virtual lists' size watch and scroll writes, without a forced layout at mount. The library reads the scroll
 * element's size and writes its scroll position as soon as it meets the element, in React's layout effect: each makes
 * the browser lay the whole new page out in the middle of the commit (55 and 120 ms of a 500-container first screen
 * on this 2-core machine), and the rows then render again in a second pass, laid out again.
 */

/**
 * Starts from `lazyInitialRect()` and reads the real size in the ResizeObserver's first callback, after the
 * browser's own layout; only then do the rows past the list's end go.
 */
export function observeRectLazily<S extends Element, I extends Element>(instance: Virtualizer<S, I>, cb: (rect: Rect) => void) {
  const element = instance.scrollElement;
  const Observer = instance.targetWindow?.ResizeObserver;
  if (!element) return;
  const read = () => cb({ width: Math.round(element.clientWidth), height: Math.round(element.clientHeight) });
  if (!Observer) {
    read();
    return;
  }
  const observer = new Observer(read);
  observer.observe(element, { box: 'content-box' });
  return () => observer.disconnect();
}

/**
 * The size a list assumes until its first layout: the window's. No list is taller, so the first pass renders every
 * row on screen (and a few below it).
 */
export function lazyInitialRect(): Rect {
  return { width: window.innerWidth, height: window.innerHeight };
}

const met = new WeakSet<Element>();

/**
 * The library's scroll write, except the one it makes when it first meets a scroll element: to offset 0, where a
 * list's element just mounted already is. Any later write, and a first one elsewhere, goes through.
 */
export function scrollLazily<S extends Element, I extends Element>(
  offset: number,
  options: { adjustments?: number; behavior?: ScrollBehavior },
  instance: Virtualizer<S, I>,
) {
  const element = instance.scrollElement;
  if (element && !met.has(element)) {
    met.add(element);
    if (offset === 0 && !options.adjustments) return;
  }
  elementScroll(offset, options, instance);
}
