import { describe, expect, it } from 'vitest';
import { LogBuffer } from './log-buffer';
import { compileQuery, LogScanner, matchRanges } from './log-search';

function bufferOf(lines: string[], sources: number[] = []): LogBuffer {
  const b = new LogBuffer(100);
  lines.forEach((l, i) => b.append(sources[i] ?? 0, false, i, l));
  return b;
}

const hitsOf = (s: LogScanner) => Array.from({ length: s.hits.length }, (_, i) => s.hits.at(i));
const rowsOf = (s: LogScanner) => Array.from({ length: s.rowCount() }, (_, i) => s.seqAt(i));

describe('compileQuery', () => {
  it('escapes plain text, honours case and reports bad regexes', () => {
    expect(compileQuery({ text: 'a.b', regex: false, caseSensitive: false }).matcher!.test('A.B')).toBe(true);
    expect(compileQuery({ text: 'a.b', regex: false, caseSensitive: false }).matcher!.test('axb')).toBe(false);
    expect(compileQuery({ text: 'a.b', regex: true, caseSensitive: true }).matcher!.test('axb')).toBe(true);
    expect(compileQuery({ text: 'A', regex: false, caseSensitive: true }).matcher!.test('a')).toBe(false);
    expect(compileQuery({ text: '(', regex: true, caseSensitive: false }).error).toBeTruthy();
    expect(compileQuery({ text: '', regex: true, caseSensitive: false }).matcher).toBeNull();
  });
});

describe('matchRanges', () => {
  it('finds every match and skips empty ones', () => {
    expect(matchRanges(/o/i, 'foo bOo')).toEqual([
      [1, 2],
      [2, 3],
      [5, 6],
      [6, 7],
    ]);
    expect(matchRanges(/x*/, 'abc')).toEqual([]);
  });
});

describe('LogScanner', () => {
  it('finds matching lines, ignoring ANSI escapes', () => {
    const b = bufferOf(['error: disk', 'ok', '\x1b[31merr\x1b[0mor here', 'fine']);
    const s = new LogScanner(b);
    s.setCriteria({ matcher: /error/, hidden: new Set(), filter: false });
    expect(s.step(1000)).toBe(true);
    expect(hitsOf(s)).toEqual([0, 2]);
    expect(rowsOf(s)).toEqual([0, 1, 2, 3]);
  });

  it('in filter mode shows only the matches', () => {
    const b = bufferOf(['a1', 'b', 'a2']);
    const s = new LogScanner(b);
    s.setCriteria({ matcher: /a\d/, hidden: new Set(), filter: true });
    s.step(1000);
    expect(rowsOf(s)).toEqual([0, 2]);
    expect(s.rowOf(2)).toBe(1);
  });

  it('hides switched-off sources', () => {
    const b = bufferOf(['web 1', 'db 1', 'web 2'], [0, 1, 0]);
    const s = new LogScanner(b);
    s.setCriteria({ matcher: null, hidden: new Set([1]), filter: false });
    s.step(1000);
    expect(rowsOf(s)).toEqual([0, 2]);
  });

  it('works in slices and picks up new lines, dropping evicted ones', () => {
    const b = new LogBuffer(10_000);
    for (let i = 0; i < 10_000; i++) b.append(0, false, i, i % 10 === 0 ? `hit ${i}` : `line ${i}`);
    const s = new LogScanner(b);
    s.setCriteria({ matcher: /hit/, hidden: new Set(), filter: true });
    let clock = 0;
    // Each clock read advances 1 ms: a 0 ms budget scans one slice per step.
    expect(s.step(0, () => clock++)).toBe(false);
    expect(s.progress).toBeGreaterThan(0);
    expect(s.progress).toBeLessThan(1);
    while (!s.step(0, () => clock++));
    expect(s.hits.length).toBe(1000);
    for (let i = 10_000; i < 10_010; i++) b.append(0, false, i, `hit ${i}`);
    expect(s.done).toBe(false);
    s.step(1000);
    expect(s.hits.length).toBe(1009); // hit 0 evicted, 10 new
    expect(s.seqAt(0)).toBe(10);
  });

  it('is inactive with no query and no hidden sources', () => {
    const b = bufferOf(['a', 'b']);
    const s = new LogScanner(b);
    s.setCriteria({ matcher: null, hidden: new Set(), filter: true });
    expect(s.done).toBe(true);
    expect(rowsOf(s)).toEqual([0, 1]);
  });
});
