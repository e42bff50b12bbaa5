import { describe, expect, it } from 'vitest';
import { uniqueSize } from './image-unique-size';

const base = { id: 'base', size: 2_000_000, layers: ['a'] };
const child = { id: 'child', size: 2_200_000, layers: ['a', 'b'] };
const grandchild = { id: 'grand', size: 2_500_000, layers: ['a', 'b', 'c'] };
const sibling = { id: 'sib', size: 2_300_000, layers: ['a', 'x'] };

describe('uniqueSize', () => {
  it('is the size above the largest image it was built on', () => {
    expect(uniqueSize(child, [base, child, sibling])).toBe(200_000);
    expect(uniqueSize(grandchild, [base, child, sibling])).toBe(300_000);
  });
  it('is the whole size when no other image shares its base layers', () => {
    expect(uniqueSize(base, [child, sibling])).toBe(2_000_000);
    expect(uniqueSize({ id: 'lone', size: 5, layers: ['z'] }, [base, child])).toBe(5);
  });
  it('a sibling (same base, other top layer) is not a base; an image without layers never is', () => {
    expect(uniqueSize(sibling, [child, { id: 'empty', size: 9_999_999, layers: [] }])).toBe(2_300_000);
  });
});
