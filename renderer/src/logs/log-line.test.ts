import { describe, expect, it } from 'vitest';
import { formatLogTime, isoTime, linePieces } from './log-line';

describe('linePieces', () => {
  it('marks matches across ANSI segments', () => {
    const pieces = linePieces('\x1b[31merr\x1b[0mor: x', /error/, 1000);
    expect(pieces).toEqual([
      { text: 'err', style: { fg: 'var(--ansi-1)' }, hit: true },
      { text: 'or', style: null, hit: true },
      { text: ': x', style: null, hit: false },
    ]);
  });

  it('splits one segment around several matches', () => {
    expect(linePieces('a-b-a', /a/, 1000).map((p) => [p.text, p.hit])).toEqual([
      ['a', true],
      ['-b-', false],
      ['a', true],
    ]);
  });

  it('caps what is drawn', () => {
    const pieces = linePieces('x'.repeat(1_000_000), null, 2000);
    expect(pieces.map((p) => p.text).join('')).toHaveLength(2000);
  });
});

describe('times', () => {
  it('formats local time to the millisecond and ISO to the microsecond', () => {
    const ms = new Date(2024, 4, 1, 9, 8, 7, 6).getTime() + 0.5;
    expect(formatLogTime(ms)).toBe('05-01 09:08:07.006');
    expect(isoTime(Date.UTC(2024, 4, 1, 12, 0, 0, 1) + 0.25)).toBe('2024-05-01T12:00:00.001250Z');
  });
});
