import { describe, expect, it } from 'vitest';
import { apiAtLeast } from './images-disk-use';

describe('apiAtLeast', () => {
  it.each([
    ['1.45', true],
    ['1.42', true],
    ['1.41', false],
    ['1.9', false],
    ['2.0', true],
    ['0.99', false],
    ['unknown', false],
    ['', false],
  ])('%j ≥ 1.42 → %s', (v, expected) => {
    expect(apiAtLeast(v, [1, 42])).toBe(expected);
  });
});
