import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../preload/contract';
import { counterRate, formatPercent, ratesBetween, totalsOf } from './stats-rates';
import { statsSample } from './stats-sample-fixture';

const sample = (time: number, n: number, over: Partial<StatsSample> = {}) =>
  statsSample({ time, cpuPercent: 10, net: { rxBytes: 1000 * n, txBytes: 500 * n }, blockIo: { read: 4096 * n, write: 8192 * n }, ...over });

describe('counterRate', () => {
  it('bytes per second between two readings', () => {
    expect(counterRate(1000, 0, 5000, 2000)).toBe(2000);
  });
  it('a counter that went back (restart) or readings out of order → null, never negative', () => {
    expect(counterRate(5000, 0, 10, 2000)).toBeNull();
    expect(counterRate(0, 2000, 10, 2000)).toBeNull();
    expect(counterRate(0, 3000, 10, 2000)).toBeNull();
  });
});

describe('ratesBetween', () => {
  it('net rx/tx and block read/write rates', () => {
    expect(ratesBetween(sample(10_000, 1), sample(12_000, 3))).toEqual({ netRx: 1000, netTx: 500, blockRead: 4096, blockWrite: 8192 });
  });
  it('no previous reading → null', () => {
    expect(ratesBetween(undefined, sample(0, 1))).toBeNull();
  });
  it('after a restart (counters reset) → null', () => {
    expect(ratesBetween(sample(10_000, 5), sample(12_000, 1))).toBeNull();
  });
  it('a reading taken for the list (CPU and memory, no counters) on either side → null', () => {
    const { net: _net, blockIo: _io, pids: _pids, ...lean } = sample(10_000, 1);
    expect(ratesBetween(lean, sample(12_000, 3))).toBeNull();
    expect(ratesBetween(sample(10_000, 1), { ...lean, time: 12_000 })).toBeNull();
  });
});

describe('formatPercent', () => {
  it('one decimal under 100, whole above; dash for unknown', () => {
    expect(formatPercent(0.04)).toBe('0.0%');
    expect(formatPercent(12.345)).toBe('12.3%');
    expect(formatPercent(145.6)).toBe('146%');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(Number.NaN)).toBe('—');
  });
});

describe('totalsOf', () => {
  it('sums CPU and memory over running containers only; unknown CPU counts as 0', () => {
    const t = totalsOf(
      [
        sample(0, 1, { containerId: 'a', cpuPercent: 10, memory: { usage: 100, limit: 1, percent: 1 } }),
        sample(0, 1, { containerId: 'b', cpuPercent: null, memory: { usage: 50, limit: 1, percent: 1 } }),
        sample(0, 1, { containerId: 'gone', cpuPercent: 99, memory: { usage: 1e9, limit: 1, percent: 1 } }),
      ],
      new Set(['a', 'b']),
    );
    expect(t).toEqual({ cpuPercent: 10, memoryUsage: 150, counted: 2 });
  });
});
