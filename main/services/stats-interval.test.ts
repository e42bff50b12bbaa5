import { describe, expect, it } from 'vitest';
import { intervalOf, nextReadingAt } from './stats';

describe('how often a watched container is read', () => {
  it('every second while it warms up (a chart that just opened fills at once), then at its interval', () => {
    const onScreen = { interval: 2000, fastUntil: 10_000 };
    expect(intervalOf(onScreen, 0)).toBe(1000);
    expect(intervalOf(onScreen, 9_999)).toBe(1000);
    expect(intervalOf(onScreen, 10_000)).toBe(2000);
  });

  it('never slower than its own interval, and background ids do not warm up', () => {
    expect(intervalOf({ interval: 500, fastUntil: 10_000 }, 0)).toBe(500);
    expect(intervalOf({ interval: 10_000, fastUntil: 0 }, 0)).toBe(10_000);
  });
});

describe('when a watched container is next read', () => {
  it('on a grid every container shares, so readings taken at different moments fall due together', () => {
    // Three containers whose last readings started 40 ms apart (their answers took different times).
    const due = [10_000, 10_040, 10_080].map((at) => nextReadingAt(at, 2000));
    expect(new Set(due)).toEqual(new Set([12_000]));
  });

  it('at least half a wait after the reading, and a reading off the grid rejoins it', () => {
    expect(nextReadingAt(12_000, 2000)).toBe(14_000);
    expect(nextReadingAt(12_999, 2000)).toBe(14_000);
    expect(nextReadingAt(13_001, 2000)).toBe(16_000);
    expect(nextReadingAt(5_150, 1000)).toBe(6_000); // warming up: a one-second grid
  });
});
