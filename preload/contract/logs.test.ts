import { encode, decode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { packLines, unpackLines, type LogLinesBatch } from './logs';

describe('log line batches', () => {
  const lines = [
    { source: 0, stderr: false, time: 1_700_000_000_123.456, text: 'plain' },
    { source: 1, stderr: true, time: 1_700_000_000_124.001, text: '' },
    { source: 63, stderr: false, time: 1_700_000_000_125, text: 'a\rb\u2400\x1b[31mred\x1b[0m\t\uFFFD €' },
    { source: 1, stderr: true, time: 0, text: '' },
  ];

  it('round-trip every line with its source, stream, exact time and text (also through MessagePack)', () => {
    const batch = packLines(['a', 'b'], lines);
    expect(batch.count).toBe(4);
    const wire = decode(encode(batch)) as LogLinesBatch;
    for (const b of [batch, wire]) {
      expect(unpackLines(b).map(({ containerId: _, ...l }) => l)).toEqual(lines);
    }
    expect(unpackLines(batch).map((l) => l.containerId).slice(0, 2)).toEqual(['a', 'b']);
  });

  it('never turn one line into two, and keep empty batches empty', () => {
    const batch = packLines(['a'], [{ source: 0, stderr: false, time: 1, text: 'x\ny' }]);
    expect(unpackLines(batch).map((l) => l.text)).toEqual(['x\u2424y']);
    expect(unpackLines(packLines(['a'], []))).toEqual([]);
  });

  it('read a time array that does not start on an 8-byte boundary', () => {
    const batch = packLines(['a'], lines);
    const shifted = new Uint8Array(batch.time.length + 3);
    shifted.set(batch.time, 3);
    expect(unpackLines({ ...batch, time: shifted.subarray(3) }).map((l) => l.time)).toEqual(lines.map((l) => l.time));
  });
});
