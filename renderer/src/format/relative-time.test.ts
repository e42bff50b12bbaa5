import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, formatRelativeTime, secondsUntil, titleOnHover } from './relative-time';

const now = Date.UTC(2025, 0, 10, 12, 0, 0);

describe('formatRelativeTime', () => {
  it('says "just now" under a minute and for clock skew into the future', () => {
    expect(formatRelativeTime(now - 59_000, now)).toBe('just now');
    expect(formatRelativeTime(now + 5_000, now)).toBe('just now');
  });
  it('uses singular and plural units', () => {
    expect(formatRelativeTime(now - 60_000, now)).toBe('1 minute ago');
    expect(formatRelativeTime(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(formatRelativeTime(now - 3 * 3_600_000, now)).toBe('3 hours ago');
    expect(formatRelativeTime(now - 2 * 86_400_000, now)).toBe('2 days ago');
    expect(formatRelativeTime(now - 65 * 86_400_000, now)).toBe('2 months ago');
    expect(formatRelativeTime(now - 800 * 86_400_000, now)).toBe('2 years ago');
  });
});

describe('formatRelativeTime short', () => {
  it('uses short units for list cells', () => {
    const now = Date.parse('2026-01-10T12:00:00Z');
    expect(formatRelativeTime(now - 30_000, now, 'short')).toBe('just now');
    expect(formatRelativeTime(now - 6 * 60_000, now, 'short')).toBe('6 min ago');
    expect(formatRelativeTime(now - 3 * 3_600_000, now, 'short')).toBe('3 h ago');
    expect(formatRelativeTime(now - 2 * 86_400_000, now, 'short')).toBe('2 d ago');
    expect(formatRelativeTime(now - 65 * 86_400_000, now, 'short')).toBe('2 mo ago');
    expect(formatRelativeTime(now - 800 * 86_400_000, now, 'short')).toBe('2 y ago');
  });
});

describe('secondsUntil', () => {
  it('rounds up and never goes negative', () => {
    expect(secondsUntil(now + 1_200, now)).toBe(2);
    expect(secondsUntil(now + 5_000, now)).toBe(5);
    expect(secondsUntil(now - 3_000, now)).toBe(0);
  });
});

describe('formatLocalDateTime', () => {
  it('says what Date#toLocaleString says', () => {
    for (const ms of [0, Date.UTC(2026, 10, 22, 13, 5, 9), Date.UTC(1999, 0, 1, 0, 0, 0), 1_700_000_000_123]) {
      expect(formatLocalDateTime(ms)).toBe(new Date(ms).toLocaleString());
    }
  });
});

describe('titleOnHover', () => {
  it('puts the absolute time in the title when the pointer enters, not before', () => {
    const el = { title: '' } as HTMLElement;
    const props = titleOnHover(Date.UTC(2026, 10, 22, 13, 5, 9));
    expect(el.title).toBe('');
    props.onPointerEnter({ currentTarget: el });
    expect(el.title).toBe(new Date(Date.UTC(2026, 10, 22, 13, 5, 9)).toLocaleString());
  });
});
