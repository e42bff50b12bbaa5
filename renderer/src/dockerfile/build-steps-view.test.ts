import { describe, expect, it } from 'vitest';
import { buildSummary, formatStepTime } from './build-steps-view';

const step = (n: number, instruction: string, ms: number, cached: boolean, size: number | null) => ({ step: n, instruction, ms, cached, size, failed: false, note: null });

describe('build steps view', () => {
  it('formats step times', () => {
    expect([420, 9_950, 12_400, 125_000].map(formatStepTime)).toEqual(['0.4 s', '9.9 s', '12 s', '2 min 5 s']);
  });
  it('sums up time, cache hits, the slowest step and the biggest layer (FROM and ARG left out)', () => {
    const steps = [step(1, 'ARG V=1', 0, false, null), step(2, 'FROM python:3.12-slim', 100, false, null), step(3, 'COPY requirements.txt ./', 50, true, 10), step(4, 'RUN pip install', 8000, true, 50_000_000), step(5, 'COPY . .', 300, false, 2048)];
    expect(buildSummary(steps)).toBe('8.4 s in 5 steps · 2 of 3 from the cache · slowest: step 4 (8.0 s) · biggest layer: step 4 (47.7 MiB)');
  });
});

import { biggestLayers } from './build-steps-view';

describe('biggestLayers', () => {
  it('ranks the largest layers with files, ignoring empty and tiny ones', () => {
    expect([...biggestLayers([0, 5_000_000, 100, 80_000_000, 0, 20_000_000, 1_000_000])]).toEqual([
      [3, 1],
      [5, 2],
      [1, 3],
    ]);
    expect(biggestLayers([0, 0]).size).toBe(0);
    expect([...biggestLayers([10, 10_000])]).toEqual([[1, 1]]);
  });
});
