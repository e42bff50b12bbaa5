import { describe, expect, it } from 'vitest';
import { groupBy } from './group-by';

describe('groupBy', () => {
  it('keeps the items’ order in each group and the groups in order of their first item', () => {
    const groups = groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (s) => s[0]!);
    expect([...groups]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1', 'a2']],
      ['c', ['c1']],
    ]);
  });
  it('leaves out items whose key is null', () => {
    expect([...groupBy([1, 2, 3, 4], (n) => (n % 2 ? null : 'even'))]).toEqual([['even', [2, 4]]]);
  });
});
