import { describe, expect, it } from 'vitest';
import { parseAnsi, stripAnsi } from './ansi';

describe('parseAnsi', () => {
  it('passes plain text through as one unstyled segment', () => {
    expect(parseAnsi('hello')).toEqual([{ text: 'hello', style: null }]);
  });

  it('reads basic, bright, 256 and 24-bit colours and resets', () => {
    expect(parseAnsi('\x1b[31mred\x1b[0m plain \x1b[1;94mbold\x1b[m')).toEqual([
      { text: 'red', style: { fg: 'var(--ansi-1)' } },
      { text: ' plain ', style: null },
      { text: 'bold', style: { bold: true, fg: 'var(--ansi-12)' } },
    ]);
    expect(parseAnsi('\x1b[38;5;196mx')[0]!.style).toEqual({ fg: 'rgb(255,0,0)' });
    expect(parseAnsi('\x1b[38;5;244mx')[0]!.style).toEqual({ fg: 'rgb(128,128,128)' });
    expect(parseAnsi('\x1b[48;2;10;20;30mx')[0]!.style).toEqual({ bg: 'rgb(10,20,30)' });
    expect(parseAnsi('\x1b[32;49;39mx')[0]!.style).toBeNull();
  });

  it('drops non-SGR escapes (cursor, erase, OSC title) and a lone ESC', () => {
    expect(parseAnsi('\x1b[2K\x1b[1Aa\x1b]0;title\x07b\x1b')).toEqual([
      { text: 'a', style: null },
      { text: 'b', style: null },
    ]);
  });

  it('segments always join to the stripped text', () => {
    const samples = ['\x1b[31mred\x1b[0m', 'a\x1b[', '\x1b[38;5;mq', '\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\', 'x\x1bMy', '\x1b'];
    for (const s of samples) expect(parseAnsi(s).map((p) => p.text).join('')).toBe(stripAnsi(s));
    expect(stripAnsi('a\x1b[')).toBe('a[');
  });
});

describe('stripAnsi', () => {
  it('removes escapes and leaves text', () => {
    expect(stripAnsi('\x1b[1m\x1b[33mwarn\x1b[0m: disk')).toBe('warn: disk');
    expect(stripAnsi('no escapes')).toBe('no escapes');
  });
});
