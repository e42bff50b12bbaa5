import { describe, expect, it } from 'vitest';
import { intervalOf } from './stats';

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
