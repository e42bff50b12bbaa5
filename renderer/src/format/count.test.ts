import { describe, expect, it } from 'vitest';
import { countOf } from './count';

describe('countOf', () => {
  it('is singular for one only', () => {
    expect(countOf(1, 'volume')).toBe('1 volume');
    expect(countOf(0, 'volume')).toBe('0 volumes');
    expect(countOf(2, 'network')).toBe('2 networks');
    expect(countOf(3, 'match', 'matches')).toBe('3 matches');
  });
});
