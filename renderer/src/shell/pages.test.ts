import { describe, expect, it } from 'vitest';
import { pageFromHash } from './pages';

describe('pageFromHash', () => {
  it('reads the page from the hash and falls back to containers', () => {
    expect(pageFromHash('#/images')).toBe('images');
    expect(pageFromHash('#/settings/theme')).toBe('settings');
    expect(pageFromHash('')).toBe('containers');
    expect(pageFromHash('#/nope')).toBe('containers');
  });
});
