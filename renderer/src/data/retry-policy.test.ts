import { describe, expect, it } from 'vitest';
import { STREAM_RETRY, retryDelay } from './retry-policy';

describe('stream retry policy', () => {
  it('doubles from the base up to the cap', () => {
    const top = () => 1;
    expect([0, 1, 2, 3, 4, 5, 10].map((n) => retryDelay(n, top))).toEqual([
      1000, 2000, 4000, 8000, 15000, 15000, 15000,
    ]);
  });
  it('jitters within the upper half of each step', () => {
    expect(retryDelay(0, () => 0)).toBe(STREAM_RETRY.baseMs / 2);
    expect(retryDelay(2, () => 0)).toBe(2000);
    expect(retryDelay(2, () => 0.5)).toBe(3000);
    for (let i = 0; i < 50; i++) {
      const d = retryDelay(3);
      expect(d).toBeGreaterThanOrEqual(4000);
      expect(d).toBeLessThanOrEqual(8000);
    }
  });
  it('survives absurd attempt counts', () => {
    expect(retryDelay(10_000, () => 1)).toBe(STREAM_RETRY.maxMs);
    expect(retryDelay(-1, () => 1)).toBe(STREAM_RETRY.baseMs);
  });
});
