import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StreamHandlers } from '../../../preload/contract';
import { followStream } from './follow-stream';

/** A fake contract stream: records each open, lets the test push messages and errors into the latest. */
function fakeStream() {
  const opens: { handlers: StreamHandlers<number>; closed: boolean }[] = [];
  return {
    opens,
    open: (handlers: StreamHandlers<number>) => {
      const entry = { handlers, closed: false };
      opens.push(entry);
      return () => {
        entry.closed = true;
      };
    },
    get last() {
      return opens[opens.length - 1]!;
    },
  };
}

describe('followStream', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('re-opens after an error with a growing delay and reports the error', () => {
    const s = fakeStream();
    const errors: string[] = [];
    followStream({
      open: s.open,
      onMessage: () => {},
      onError: (m) => errors.push(m),
      random: () => 1,
    });
    s.last.handlers.error?.({ code: 'ENGINE_UNREACHABLE', message: 'gone' });
    expect(errors).toEqual(['gone']);
    vi.advanceTimersByTime(999);
    expect(s.opens).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(s.opens).toHaveLength(2);
    s.last.handlers.complete?.();
    vi.advanceTimersByTime(1999);
    expect(s.opens).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(s.opens).toHaveLength(3);
  });

  it('starts the backoff over once a message arrives', () => {
    const s = fakeStream();
    const got: number[] = [];
    followStream({
      open: s.open,
      onMessage: (m) => got.push(m),
      random: () => 1,
    });
    s.last.handlers.error?.({ code: 'ENGINE_ERROR', message: 'a' });
    vi.advanceTimersByTime(1000);
    s.last.handlers.error?.({ code: 'ENGINE_ERROR', message: 'b' });
    vi.advanceTimersByTime(2000);
    s.last.handlers.next(7);
    s.last.handlers.error?.({ code: 'ENGINE_ERROR', message: 'c' });
    vi.advanceTimersByTime(1000);
    expect(s.opens).toHaveLength(4);
    expect(got).toEqual([7]);
  });

  it('a kick re-opens at once only while waiting to retry', () => {
    const s = fakeStream();
    const f = followStream({
      open: s.open,
      onMessage: () => {},
      random: () => 1,
    });
    f.kick();
    expect(s.opens).toHaveLength(1);
    s.last.handlers.error?.({ code: 'ENGINE_ERROR', message: 'down' });
    f.kick();
    expect(s.opens).toHaveLength(2);
    vi.advanceTimersByTime(60_000);
    expect(s.opens).toHaveLength(2);
  });

  it('stop cancels the stream and any pending retry, and ignores late messages', () => {
    const s = fakeStream();
    const got: number[] = [];
    const f = followStream({ open: s.open, onMessage: (m) => got.push(m) });
    const first = s.last;
    f.stop();
    expect(first.closed).toBe(true);
    first.handlers.next(1);
    first.handlers.error?.({ code: 'ENGINE_ERROR', message: 'late' });
    vi.advanceTimersByTime(60_000);
    expect(s.opens).toHaveLength(1);
    expect(got).toEqual([]);
  });

  it('calls onOpen before every open', () => {
    const s = fakeStream();
    let opened = 0;
    followStream({
      open: s.open,
      onMessage: () => {},
      onOpen: () => opened++,
      random: () => 0,
    });
    s.last.handlers.complete?.();
    vi.advanceTimersByTime(500);
    expect(opened).toBe(2);
  });
});
