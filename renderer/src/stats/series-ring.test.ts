import { describe, expect, it } from 'vitest';
import { SeriesRing } from './series-ring';

describe('SeriesRing', () => {
  it('keeps rows oldest first, nulls as gaps', () => {
    const r = new SeriesRing(4, 2);
    r.push(1, [10, null]);
    r.push(2, [20, 2]);
    expect(r.columns()).toEqual([[1, 2], [10, 20], [null, 2]]);
    expect(r.last(0)).toBe(20);
    expect(r.last(1)).toBe(2);
  });

  it('overwrites the oldest rows when full (memory stays bounded)', () => {
    const r = new SeriesRing(3, 1);
    for (let t = 1; t <= 7; t++) r.push(t, [t * 10]);
    expect(r.size).toBe(3);
    expect(r.columns()).toEqual([[5, 6, 7], [50, 60, 70]]);
  });

  it('drops rows older than the history window', () => {
    const r = new SeriesRing(5, 1);
    for (let t = 1; t <= 5; t++) r.push(t, [t]);
    r.dropBefore(4);
    expect(r.columns()).toEqual([[4, 5], [4, 5]]);
    r.dropBefore(100);
    expect(r.size).toBe(0);
    expect(r.last(0)).toBeNull();
  });
});
