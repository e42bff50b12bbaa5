import { describe, expect, it } from 'vitest';
import { keyedRows } from './stable-item-key';

const rows = (...keys: string[]) => keys.map((key) => ({ key, note: Math.random() }));

describe('keyedRows', () => {
  it('keeps getItemKey while the keys are the same, in the same order (rows replaced by a delta)', () => {
    const first = keyedRows(null, rows('a', 'b', 'c'));
    const again = keyedRows(first, rows('a', 'b', 'c'));
    expect(again.getItemKey).toBe(first.getItemKey);
    expect([0, 1, 2].map(again.getItemKey)).toEqual(['a', 'b', 'c']);
  });

  it('makes a new getItemKey when a key comes, goes or moves', () => {
    const first = keyedRows(null, rows('a', 'b', 'c'));
    for (const next of [rows('a', 'b'), rows('a', 'b', 'c', 'd'), rows('a', 'c', 'b'), rows('a', 'b', 'x')]) {
      const made = keyedRows(first, next);
      expect(made.getItemKey).not.toBe(first.getItemKey);
      expect(next.map((_, i) => made.getItemKey(i))).toEqual(next.map((r) => r.key));
    }
  });

  it('answers the index past the end (the library asks while the count changes)', () => {
    expect(keyedRows(null, rows('a')).getItemKey(3)).toBe(3);
  });
});
