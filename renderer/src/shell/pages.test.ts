import { describe, expect, it } from 'vitest';
import { hashFor, pageFromHash, routeFromHash } from './pages';

describe('pageFromHash', () => {
  it('reads the page from the hash and falls back to containers', () => {
    expect(pageFromHash('#/images')).toBe('images');
    expect(pageFromHash('#/settings/theme')).toBe('settings');
    expect(pageFromHash('')).toBe('containers');
    expect(pageFromHash('#/nope')).toBe('containers');
  });
});

describe('routeFromHash / hashFor', () => {
  it('reads an item and a tab inside a page, and writes them back', () => {
    expect(routeFromHash('#/containers/abc123/logs')).toEqual({ page: 'containers', item: 'abc123', tab: 'logs' });
    expect(routeFromHash('#/containers/abc123')).toEqual({ page: 'containers', item: 'abc123', tab: null });
    expect(routeFromHash('#/containers')).toEqual({ page: 'containers', item: null, tab: null });
    expect(routeFromHash('#/nope/abc')).toEqual({ page: 'containers', item: null, tab: null });
    expect(hashFor({ page: 'containers', item: 'abc', tab: 'terminal' })).toBe('#/containers/abc/terminal');
    expect(hashFor({ page: 'containers', item: null, tab: 'terminal' })).toBe('#/containers');
    expect(routeFromHash(hashFor({ page: 'containers', item: 'a/b c', tab: 'x' }))).toEqual({ page: 'containers', item: 'a/b c', tab: 'x' });
  });
});
