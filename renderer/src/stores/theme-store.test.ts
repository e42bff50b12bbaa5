import { describe, expect, it } from 'vitest';
import { parseThemePreference, resolveTheme } from './theme-store';

describe('theme preference', () => {
  it('follows the OS for "system" and obeys an explicit choice', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });
  it('treats anything unknown in storage as "system"', () => {
    expect(parseThemePreference('dark')).toBe('dark');
    expect(parseThemePreference(null)).toBe('system');
    expect(parseThemePreference('purple')).toBe('system');
  });
});
