import { describe, expect, it } from 'vitest';
import { packLines } from '../../../preload/contract/logs';
import { LogBuffer, SeqList } from './log-buffer';

describe('LogBuffer', () => {
  it('holds lines by sequence number with their stream, time and source', () => {
    const b = new LogBuffer(10);
    b.appendBatch(
      packLines(
        ['a', 'b'],
        [
          { source: 0, stderr: false, time: 1, text: 'one' },
          { source: 1, stderr: true, time: 2, text: 'two' },
        ],
      ),
    );
    expect(b.size).toBe(2);
    expect([b.text(0), b.isStderr(0), b.time(0), b.sourceIds[b.source(0)]]).toEqual(['one', false, 1, 'a']);
    expect([b.text(1), b.isStderr(1), b.time(1), b.sourceIds[b.source(1)]]).toEqual(['two', true, 2, 'b']);
  });

  it('keeps each line of a batch as its own text, also empty ones and after copying to another buffer', () => {
    const b = new LogBuffer(10);
    const lines = ['', 'a\u240db', '', 'last'].map((text, i) => ({ source: 0, stderr: false, time: i, text }));
    b.appendBatch(packLines(['a'], lines));
    expect([0, 1, 2, 3].map((s) => b.text(s))).toEqual(['', 'a\u240db', '', 'last']);
    const c = new LogBuffer(2);
    for (let s = 2; s < 4; s++) c.appendFrom(b, s);
    expect([c.first, c.next, c.text(0), c.text(1), c.time(1)]).toEqual([0, 2, '', 'last', 3]);
  });

  it('overwrites the oldest lines once full, keeping memory bounded', () => {
    const b = new LogBuffer(3);
    for (let i = 0; i < 10; i++) b.append(0, false, i, `l${i}`);
    expect([b.first, b.next, b.size]).toEqual([7, 10, 3]);
    expect([b.text(7), b.text(8), b.text(9)]).toEqual(['l7', 'l8', 'l9']);
    expect(b.has(6)).toBe(false);
  });

  it('marks marker lines and clears without resetting sequence numbers', () => {
    const b = new LogBuffer(5);
    b.append(0, false, 1, 'x');
    const m = b.appendMarker({ type: 'marker', marker: 'removed', containerId: 'c', time: 2 }, 'removed');
    expect(b.isMarker(m)).toBe(true);
    expect(b.isMarker(0)).toBe(false);
    b.clear();
    expect(b.size).toBe(0);
    expect(b.append(0, false, 3, 'y')).toBe(2);
  });

  it('holds a million lines', () => {
    const b = new LogBuffer(1_000_000);
    for (let i = 0; i < 1_200_000; i++) b.append(0, false, i, 'line');
    expect(b.size).toBe(1_000_000);
    expect(b.time(b.first)).toBe(200_000);
  });
});

describe('SeqList', () => {
  it('grows, drops evicted entries and finds positions', () => {
    const l = new SeqList();
    for (let i = 0; i < 5000; i += 2) l.push(i);
    expect(l.length).toBe(2500);
    l.dropBelow(1001);
    expect(l.at(0)).toBe(1002);
    expect(l.indexOf(1002)).toBe(0);
    expect(l.indexOf(1003)).toBe(1);
    expect(l.indexOf(1_000_000)).toBe(l.length);
    expect(l.last()).toBe(4998);
    for (let i = 5000; i < 10000; i += 2) l.push(i);
    expect(l.at(l.length - 1)).toBe(9998);
    expect(l.at(0)).toBe(1002);
  });
});
