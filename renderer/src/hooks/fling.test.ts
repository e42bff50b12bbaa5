import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFlingWatch, FLING_SETTLE_MS, FLINGING_ATTR, isFlingStep, isJumpStep, JUMP_FALLBACK_MS, JUMP_QUIET_MS, SETTLE_CHUNK, type AfterPaint } from './fling';

describe('isFlingStep', () => {
  it('calls half a screen a frame a fling', () => {
    expect(isFlingStep(350, 16.7, 700)).toBe(true);
    expect(isFlingStep(-350, 16.7, 700)).toBe(true);
  });

  it('does not call a lone jump after a pause a fling, however far (Home, End, scrollToIndex)', () => {
    expect(isFlingStep(180_000, 5_000, 700)).toBe(false);
    expect(isFlingStep(700, 101, 700)).toBe(false);
  });

  it('does not call reading speed a fling: a wheel notch, a key repeat of one row', () => {
    expect(isFlingStep(100, 150, 700)).toBe(false); // about one screen a second
    expect(isFlingStep(36, 33, 700)).toBe(false); // one row per key repeat
    expect(isFlingStep(0, 16, 700)).toBe(false);
  });

  it('needs a viewport', () => {
    expect(isFlingStep(350, 16, 0)).toBe(false);
  });
});

describe('isJumpStep', () => {
  it('calls a step of two screens or more a jump, up or down', () => {
    expect(isJumpStep(180_000, 700)).toBe(true);
    expect(isJumpStep(-1_400, 700)).toBe(true);
    expect(isJumpStep(1_399, 700)).toBe(false); // a page down keeps some rows
    expect(isJumpStep(1_400, 0)).toBe(false);
  });
});

/** A scroll container as the watch sees it: scrollTop, clientHeight and scroll events. */
class FakeScroller extends EventTarget {
  scrollTop = 0;
  clientHeight = 700;
  readonly attributes = new Set<string>();
  toggleAttribute(name: string, on: boolean) {
    if (on) this.attributes.add(name);
    else this.attributes.delete(name);
    return on;
  }
  scrollTo(top: number) {
    this.scrollTop = top;
    this.dispatchEvent(new Event('scroll'));
  }
}

describe('createFlingWatch', () => {
  let clock = 0;
  beforeEach(() => {
    vi.useFakeTimers();
    clock = 1_000;
  });
  afterEach(() => vi.useRealTimers());

  const step = (el: FakeScroller, by: number, after = 16) => {
    clock += after;
    el.scrollTo(el.scrollTop + by);
  };

  /** Frames painted by hand: each call paints the frames asked for so far. */
  const frames = () => {
    let waiting: (() => void)[] = [];
    const afterPaint: AfterPaint = (fn) => {
      waiting.push(fn);
      return () => (waiting = waiting.filter((f) => f !== fn));
    };
    const paint = () => {
      const now = waiting;
      waiting = [];
      for (const fn of now) fn();
    };
    return { afterPaint, paint };
  };

  it('is flinging from the second fast step until FLING_SETTLE_MS after the last', () => {
    const el = new FakeScroller();
    const watch = createFlingWatch(() => clock);
    watch.attach(el as unknown as HTMLElement);
    step(el, 350, 5_000);
    expect(watch.flinging()).toBe(false); // a first step may be a lone jump
    step(el, 350);
    expect(watch.flinging()).toBe(true);
    vi.advanceTimersByTime(FLING_SETTLE_MS - 10);
    step(el, 350);
    vi.advanceTimersByTime(FLING_SETTLE_MS - 10);
    expect(watch.flinging()).toBe(true); // each fast step starts the wait again
    step(el, 20, 50); // slowed down: not fast, but the fling ends only when its wait does
    expect(watch.flinging()).toBe(true);
    vi.advanceTimersByTime(10);
    expect(watch.flinging()).toBe(false);
  });

  it('marks its element while flinging (a fling, a jump), and no longer once detached', () => {
    const { afterPaint, paint } = frames();
    const el = new FakeScroller();
    const watch = createFlingWatch(() => clock, afterPaint);
    const marked = () => el.attributes.has(FLINGING_ATTR);
    const detach = watch.attach(el as unknown as HTMLElement);
    step(el, 350, 5_000);
    expect(marked()).toBe(false);
    step(el, 350);
    expect(marked()).toBe(true);
    vi.advanceTimersByTime(FLING_SETTLE_MS);
    expect(marked()).toBe(false);
    watch.jump();
    expect(marked()).toBe(true);
    paint();
    vi.advanceTimersByTime(JUMP_QUIET_MS);
    expect(marked()).toBe(false);
    watch.jump();
    detach();
    expect(marked()).toBe(false);
  });

  it('marks an element attached during a jump', () => {
    const el = new FakeScroller();
    const watch = createFlingWatch(() => clock, frames().afterPaint);
    watch.jump();
    watch.attach(el as unknown as HTMLElement);
    expect(el.attributes.has(FLINGING_ATTR)).toBe(true);
  });

  it('runs what waits for the end at once when there is no fling, else when it ends, a few per frame', () => {
    const { afterPaint, paint } = frames();
    const el = new FakeScroller();
    const watch = createFlingWatch(() => clock, afterPaint);
    watch.attach(el as unknown as HTMLElement);
    const now = vi.fn();
    watch.whenSettled(now);
    expect(now).toHaveBeenCalledTimes(1);

    step(el, 350, 5_000);
    step(el, 350);
    const done: number[] = [];
    const waiting = Array.from({ length: 2 * SETTLE_CHUNK + 3 }, (_, i) => watch.whenSettled(() => done.push(i)));
    waiting[1]!(); // a row that left the view before the end
    vi.advanceTimersByTime(FLING_SETTLE_MS - 1);
    expect(done).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(done).toEqual([0, ...Array.from({ length: SETTLE_CHUNK - 1 }, (_, i) => i + 2)]);
    // The next chunk waits for the frame that draws this one: tasks alone could all run before it.
    vi.advanceTimersByTime(10);
    expect(done).toHaveLength(SETTLE_CHUNK);
    paint();
    expect(done).toHaveLength(2 * SETTLE_CHUNK);
    paint();
    expect(done).toHaveLength(2 * SETTLE_CHUNK + 2);
    expect(new Set(done).size).toBe(done.length); // each once
    vi.runAllTimers(); // the fallbacks were cancelled: nothing runs twice
    expect(done).toHaveLength(2 * SETTLE_CHUNK + 2);
  });

  /** A watch on a list flung by two fast steps, its frames painted by hand. */
  const flung = () => {
    const { afterPaint, paint } = frames();
    const el = new FakeScroller();
    const watch = createFlingWatch(() => clock, afterPaint);
    watch.attach(el as unknown as HTMLElement);
    step(el, 350, 5_000);
    step(el, 350);
    return { el, watch, paint };
  };

  it('fills in the next chunk after JUMP_FALLBACK_MS when no frame comes (a hidden page)', () => {
    const { watch } = flung();
    const done: number[] = [];
    for (let i = 0; i < SETTLE_CHUNK + 1; i++) watch.whenSettled(() => done.push(i));
    vi.advanceTimersByTime(FLING_SETTLE_MS + JUMP_FALLBACK_MS - 1);
    expect(done).toHaveLength(SETTLE_CHUNK);
    vi.advanceTimersByTime(1);
    expect(done).toHaveLength(SETTLE_CHUNK + 1);
  });

  it('stops filling in when a new fling begins, and goes on when that one ends', () => {
    const { el, watch, paint } = flung();
    const done: number[] = [];
    for (let i = 0; i < 3 * SETTLE_CHUNK; i++) watch.whenSettled(() => done.push(i));
    vi.advanceTimersByTime(FLING_SETTLE_MS);
    expect(done).toHaveLength(SETTLE_CHUNK);
    step(el, 350, 0.5); // the next chunk's frame has not come yet
    step(el, 350);
    paint();
    expect(done).toHaveLength(SETTLE_CHUNK);
    vi.advanceTimersByTime(FLING_SETTLE_MS);
    expect(done).toHaveLength(2 * SETTLE_CHUNK);
    paint();
    expect(done).toHaveLength(3 * SETTLE_CHUNK);
  });

  it('forgets its element and what waits once detached', () => {
    const el = new FakeScroller();
    const watch = createFlingWatch(() => clock);
    const detach = watch.attach(el as unknown as HTMLElement);
    step(el, 350, 5_000);
    step(el, 350);
    const fn = vi.fn();
    watch.whenSettled(fn);
    detach();
    expect(watch.flinging()).toBe(false);
    vi.runAllTimers();
    expect(fn).not.toHaveBeenCalled();
    step(el, 350);
    step(el, 350);
    expect(watch.flinging()).toBe(false);
  });

  it('draws rows that mount in a jump lite until its frame is painted and no jump came for a while, then fills them in a few per frame', () => {
    const { afterPaint, paint } = frames();
    const watch = createFlingWatch(() => clock, afterPaint);
    watch.attach(new FakeScroller() as unknown as HTMLElement);
    watch.jump();
    expect(watch.flinging()).toBe(true);
    expect(watch.jumping()).toBe(true);
    const done: number[] = [];
    for (let i = 0; i < SETTLE_CHUNK + 2; i++) watch.whenSettled(() => done.push(i));
    vi.advanceTimersByTime(JUMP_FALLBACK_MS - 1);
    watch.jump(); // the next key before the rows were filled in: they wait for its frame too
    vi.advanceTimersByTime(JUMP_FALLBACK_MS - 1);
    expect(done).toEqual([]);
    paint();
    vi.advanceTimersByTime(JUMP_QUIET_MS - 1);
    watch.jump(); // a key right after that frame (typed fast, held down): the rows wait for this one's frame
    paint();
    vi.advanceTimersByTime(JUMP_QUIET_MS - 1);
    expect(done).toEqual([]);
    expect(watch.jumping()).toBe(true);
    vi.advanceTimersByTime(1);
    expect(watch.flinging()).toBe(false);
    expect(watch.jumping()).toBe(false);
    expect(done).toHaveLength(SETTLE_CHUNK);
    paint();
    expect(done).toHaveLength(SETTLE_CHUNK + 2);
    vi.runAllTimers(); // the fallbacks were cancelled: nothing runs twice
    expect(done).toHaveLength(SETTLE_CHUNK + 2);
  });

  it('takes a lone scroll far away (Home, End) as a jump: its rows are lite until its frame and the quiet time', () => {
    const { afterPaint, paint } = frames();
    const el = new FakeScroller();
    const watch = createFlingWatch(() => clock, afterPaint);
    watch.attach(el as unknown as HTMLElement);
    step(el, 700, 5_000); // a page down after a pause: no jump
    expect(watch.jumping()).toBe(false);
    expect(watch.flinging()).toBe(false);
    step(el, 180_000, 5_000); // End
    expect(watch.jumping()).toBe(true);
    expect(watch.flinging()).toBe(true);
    const fn = vi.fn();
    watch.whenSettled(fn);
    paint();
    vi.advanceTimersByTime(JUMP_QUIET_MS);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(watch.flinging()).toBe(false);
  });

  it('fills a jump in after JUMP_FALLBACK_MS and the quiet time when no frame comes (a hidden page)', () => {
    const { afterPaint } = frames();
    const watch = createFlingWatch(() => clock, afterPaint);
    watch.attach(new FakeScroller() as unknown as HTMLElement);
    watch.jump();
    const fn = vi.fn();
    watch.whenSettled(fn);
    vi.advanceTimersByTime(JUMP_FALLBACK_MS + JUMP_QUIET_MS - 1);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(watch.flinging()).toBe(false);
  });

  it('leaves a jump during a fling to the fling, and a fling that starts in a jump ends as flings do', () => {
    const { afterPaint, paint } = frames();
    const el = new FakeScroller();
    const watch = createFlingWatch(() => clock, afterPaint);
    watch.attach(el as unknown as HTMLElement);
    step(el, 350, 5_000);
    step(el, 350);
    watch.jump();
    expect(watch.jumping()).toBe(false);
    paint();
    expect(watch.flinging()).toBe(true); // still flung: the frame of a jump does not end a fling
    vi.advanceTimersByTime(FLING_SETTLE_MS);
    expect(watch.flinging()).toBe(false);

    watch.jump();
    const fn = vi.fn();
    watch.whenSettled(fn);
    step(el, 350, 5_000);
    step(el, 350);
    expect(watch.jumping()).toBe(false); // a fling now
    paint();
    vi.advanceTimersByTime(JUMP_FALLBACK_MS);
    expect(fn).not.toHaveBeenCalled(); // the fling goes on
    vi.advanceTimersByTime(FLING_SETTLE_MS);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
