import { describe, expect, it } from 'vitest';
import { barWidths, reclaimablePercent } from './disk-view';

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
