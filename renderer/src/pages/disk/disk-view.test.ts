import { describe, expect, it } from 'vitest';
import { barWidths, engineBarWidths, reclaimablePercent, usageTotals } from './disk-view';

const k = (kind: 'images' | 'containers' | 'volumes' | 'buildCache', size: number, reclaimable: number) => ({ kind, total: 1, active: 0, size, reclaimable });

describe('disk-view', () => {
  it('scales bars to the biggest kind, keeping small sizes visible and reclaimable inside the bar', () => {
    const w = barWidths([k('images', 1000, 500), k('containers', 1, 1), k('volumes', 0, 0), k('buildCache', 250, 0)]);
    expect(w.images).toEqual({ size: 100, reclaimable: 50 });
    expect(w.containers).toEqual({ size: 0.5, reclaimable: 0.5 });
    expect(w.volumes).toEqual({ size: 0, reclaimable: 0 });
    expect(w.buildCache).toEqual({ size: 25, reclaimable: 0 });
  });
  it('rounds the reclaimable share', () => {
    expect(reclaimablePercent(k('images', 3, 1))).toBe(33);
    expect(reclaimablePercent(k('images', 0, 0))).toBe(0);
  });
});

describe('disk usage per engine', () => {
  it('sums an engine’s kinds, and draws each engine against the biggest, a small one still visible', () => {
    expect(
      usageTotals([
        { kind: 'images', total: 2, active: 1, size: 300, reclaimable: 100 },
        { kind: 'volumes', total: 1, active: 0, size: 50, reclaimable: 50 },
      ]),
    ).toEqual({ size: 350, reclaimable: 150 });
    expect(engineBarWidths([1000, 500, 0, 1])).toEqual([100, 50, 0, 0.5]);
  });
});
