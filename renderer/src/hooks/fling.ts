import { useEffect, useState, type RefObject } from 'react';

/**
 * Whether a list is being flung: scrolled faster than anyone reads (a scrollbar thumb dragged, a trackpad flick, a
 * key held down). Rows that come into view then are drawn lite (their text only) and filled in once the list slows
 * down: scrolling 5,000 containers by half a screen a frame mounts a dozen rows a frame, and their action buttons and
 * icons were about a third of each frame's work (list-5000: 6 of 20 ms a frame). Drawn lite, the page's work per frame
 * went from 20-21 ms to 11-13 ms, and the frames over 25 ms from 190-240 of 485 to 6-23.
 */

/** Screens a second from which a scroll is a fling: each row is on screen for less than a tenth of a second. */
export const FLING_SCREENS_PER_S = 10;
/** Scroll events further apart than this are not one movement: a lone jump (Home, End, a scrollToIndex) is no fling. */
export const FLING_GAP_MS = 100;
/** How long after its last fast step a fling has ended and lite rows are filled in. */
export const FLING_SETTLE_MS = 120;

/**
 * Is a scroll step of `jumpPx` pixels, `gapMs` after the previous scroll event, in a viewport `viewportPx` tall, part
 * of a fling? A first step after a pause never is: a single jump lands on rows drawn in full.
 */
export function isFlingStep(jumpPx: number, gapMs: number, viewportPx: number): boolean {
  if (viewportPx <= 0 || gapMs > FLING_GAP_MS) return false;
  const screensPerS = Math.abs(jumpPx) / viewportPx / (Math.max(gapMs, 1) / 1000);
  return screensPerS >= FLING_SCREENS_PER_S;
}

/** Screens from which a scroll step that is no fling is a jump: its rows are drawn lite as a filter key's are. */
export const JUMP_SCREENS = 2;

/** Is a scroll step of `jumpPx` pixels, in a viewport `viewportPx` tall, a jump that replaces every row around it? */
export function isJumpStep(jumpPx: number, viewportPx: number): boolean {
  return viewportPx > 0 && Math.abs(jumpPx) >= JUMP_SCREENS * viewportPx;
}

export interface FlingWatch {
  /** Follows this element's scrolling until the returned function runs. */
  attach(el: HTMLElement): () => void;
  /**
   * The rows are about to change all at once (a filter key, a sort): rows that mount before the next frame is
   * painted are drawn lite, and filled in JUMP_QUIET_MS after it unless another jump came first. A key that narrows
   * 5,000 containers replaces the 30-odd rows in and around the view, and drawn in full they were most of that key's
   * work (list-5000).
   */
  jump(): void;
  /** True from the second fast step of a fling until FLING_SETTLE_MS after its last, and from a jump until
   * JUMP_QUIET_MS after its frame was painted. */
  flinging(): boolean;
  /** True from a jump until its rows are filled in, JUMP_QUIET_MS after its frame (not in a fling). */
  jumping(): boolean;
  /** Runs `fn` once, when the current fling ends (at once if none is under way), unless the returned function runs
   * first. Ended flings run their waiting functions a few per frame (SETTLE_CHUNK), in the order they waited. */
  whenSettled(fn: () => void): () => void;
}

/**
 * Rows filled in per frame when a fling ends: all at once, the 30-odd rows in and around the view were one 60 ms task
 * (list-5000). A few a task was not enough: the tasks ran one after the other before the next frame, and that frame
 * styled, laid out and painted every filled-in row (20-28 ms of CPU, 13-18 of it painting their icons and
 * sparklines). A chunk waits for the frame of the one before it.
 */
export const SETTLE_CHUNK = 8;

/** Runs `fn` once the next frame is painted (a task after its animation frame). Returns a cancel. */
export type AfterPaint = (fn: () => void) => () => void;

/** How long a jump waits for its frame before its rows are filled in anyway (a hidden page draws no frames). */
export const JUMP_FALLBACK_MS = 100;

/**
 * After a jump's frame, how long the list waits for the next jump before it fills the rows in: keys typed fast or
 * held down (a key repeats every 30-40 ms) replace the rows again and again, and rows filled in right after each
 * frame were drawn in full for nothing, that work falling in the next key's frame (list-5000: the key that narrows
 * 212 rows to 22 took 13.5 ms of CPU with the fill-in of the key before, 8.2 ms without).
 */
export const JUMP_QUIET_MS = 50;

const afterNextPaint: AfterPaint = (fn) => {
  let task: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => (task = setTimeout(fn, 0)));
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(task);
  };
};

/**
 * Set on the watched element while its list is flinging (`flinging()`): rows drawn then are lite and keep their
 * places among the list's children. For tests, which cannot otherwise tell a fling from a scroll too slow to be one
 * on a busy machine.
 */
export const FLINGING_ATTR = 'data-flinging';

export function createFlingWatch(now: () => number = () => performance.now(), afterPaint: AfterPaint = afterNextPaint): FlingWatch {
  let fast = false;
  let attached: HTMLElement | null = null;
  const setFast = (on: boolean) => {
    if (fast === on) return;
    fast = on;
    attached?.toggleAttribute(FLINGING_ATTR, on);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Cancels the wait for the frame after which the next few lite rows are filled in. */
  let draining: (() => void) | undefined;
  /** Cancels a jump's wait for its frame (and its fallback), while a jump is under way. */
  let jumpWait: (() => void) | null = null;
  const endJump = () => {
    jumpWait?.();
    jumpWait = null;
  };
  /** Runs `fn` once the next frame is painted, or after JUMP_FALLBACK_MS if none comes (a hidden page). */
  const afterFrame = (fn: () => void) => {
    const run = () => {
      cancel();
      fn();
    };
    const fallback = setTimeout(run, JUMP_FALLBACK_MS);
    const cancelPaint = afterPaint(run);
    const cancel = () => {
      clearTimeout(fallback);
      cancelPaint();
    };
    return cancel;
  };
  const waiting = new Set<() => void>();
  /** Fills in the next few lite rows, then the rest after the next frame, unless a new fling has begun. */
  const drain = () => {
    draining = undefined;
    if (fast) return;
    let n = 0;
    for (const fn of waiting) {
      if (n++ === SETTLE_CHUNK) break;
      waiting.delete(fn);
      fn();
    }
    if (waiting.size > 0) draining = afterFrame(drain);
  };
  const settle = () => {
    setFast(false);
    timer = undefined;
    endJump();
    draining?.();
    drain();
  };
  /** A jump's frame is painted and no other jump came: its rows are filled in, unless a fling began meanwhile (its
   * end fills them in). */
  const jumpSettled = () => {
    endJump();
    if (timer === undefined) settle();
  };
  const watch: FlingWatch = {
    attach(el) {
      // Not read from the element: reading scrollTop here, in the commit that mounts the list, made the browser
      // style and lay out the whole new page inside that task (65 ms of it in a traced 500-container first screen),
      // and part of it again in the frame. The first scroll event is no fling step whatever the previous top was
      // (lastAt is -Infinity); it sets lastTop.
      let lastTop = 0;
      let lastAt = -Infinity;
      attached = el;
      if (fast) el.toggleAttribute(FLINGING_ATTR, true); // a jump before the list was mounted
      const onScroll = () => {
        const at = now();
        const top = el.scrollTop;
        if (isFlingStep(top - lastTop, at - lastAt, el.clientHeight)) {
          setFast(true);
          endJump();
          clearTimeout(timer);
          timer = setTimeout(settle, FLING_SETTLE_MS);
        } else if (isJumpStep(top - lastTop, el.clientHeight)) {
          // A lone jump far away (Home, End, a click in the scrollbar's track): every row in and around the view is
          // replaced at once, as by a filter key. Drawn in full, the jump to the top of 5,000 containers was one
          // 28 ms task, and the rows beyond the view's edges another 29 ms in the next.
          watch.jump();
        }
        lastTop = top;
        lastAt = at;
      };
      // Capturing, so it runs before the virtual list's own (non-capturing) listener renders the rows of this step.
      el.addEventListener('scroll', onScroll, { capture: true, passive: true });
      return () => {
        el.removeEventListener('scroll', onScroll, { capture: true });
        clearTimeout(timer);
        draining?.();
        endJump();
        setFast(false);
        attached = null;
        timer = draining = undefined;
        waiting.clear();
      };
    },
    jump() {
      if (timer !== undefined) return; // a fling under way: its end fills these rows in too
      // A jump before the last one's rows were filled in (keys typed fast): all of them wait for this one's frame.
      endJump();
      setFast(true);
      let quiet: ReturnType<typeof setTimeout> | undefined;
      const cancelFrame = afterFrame(() => (quiet = setTimeout(jumpSettled, JUMP_QUIET_MS)));
      jumpWait = () => {
        cancelFrame();
        clearTimeout(quiet);
      };
    },
    flinging: () => fast,
    jumping: () => jumpWait !== null,
    whenSettled(fn) {
      if (!fast) {
        fn();
        return () => {};
      }
      waiting.add(fn);
      return () => waiting.delete(fn);
    },
  };
  return watch;
}

/** A list's fling watch, following the scroll element `ref` holds while the list is mounted. */
export function useFlingWatch(ref: RefObject<HTMLElement | null>): FlingWatch {
  const [watch] = useState(createFlingWatch);
  useEffect(() => (ref.current ? watch.attach(ref.current) : undefined), [watch, ref]);
  return watch;
}

/**
 * For a row of a flung list: false if the row came into view during a fling, until that fling ends; true otherwise.
 * A row drawn in full stays so (a fling that starts later does not take its buttons away). `of` is what the row
 * shows (its row key): a recycled row (row-slots.ts) that shows another object is as one that came into view.
 */
export function useFullAfterFling(watch: FlingWatch, of = ''): boolean {
  const [shown, setShown] = useState(() => ({ of, full: !watch.flinging() }));
  let full = shown.full;
  if (shown.of !== of) {
    // Set while rendering (React runs this row's function again at once, before its children): a recycled row is
    // lite in the very render that brings its new object in.
    full = !watch.flinging();
    setShown({ of, full });
  }
  useEffect(() => {
    if (full) return;
    return watch.whenSettled(() => setShown((s) => (s.of === of ? { of, full: true } : s)));
  }, [full, watch, of]);
  return full;
}
