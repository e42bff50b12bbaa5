import { describe, expect, it } from 'vitest';
import { SPARK_HEIGHT, SPARK_WIDTH, samePoints, sparkPaths, sparkPoints } from './Sparkline';

describe('sparkPoints', () => {
  it('gives an idle container the same points when its readings wobble below a pixel', () => {
    const before = [0.01, 0.02, 0.0, 0.01, 0.03, 0.01];
    const after = [0.02, 0.0, 0.01, 0.03, 0.01, 0.02]; // the window moved on by one reading
    expect(samePoints(sparkPoints(before, 100), sparkPoints(after, 100))).toBe(true);
  });

  it('gives other points when the line really moves', () => {
    const idle = [0.01, 0.02, 0.0, 0.01, 0.03, 0.01];
    const busy = [0.01, 0.02, 0.0, 0.01, 0.03, 45];
    expect(samePoints(sparkPoints(idle, 100), sparkPoints(busy, 100))).toBe(false);
  });

  it('scales to the series own top without a fixed one, inside the sparkline', () => {
    const points = sparkPoints([0, 50, 100]);
    expect(points[0]).toBe(SPARK_HEIGHT - 1);
    expect(points[2]).toBe(1);
    for (const y of points) expect(y).toBeGreaterThanOrEqual(0);
    expect(sparkPoints([5])).toEqual([]);
  });

  it('treats a growing series as a change (its points spread out)', () => {
    expect(samePoints(sparkPoints([1, 1, 1]), sparkPoints([1, 1, 1, 1]))).toBe(false);
    expect(samePoints(null, [])).toBe(false);
  });
});

describe('sparkPaths', () => {
  it('draws the line from the left edge to the right edge and closes the area along the bottom', () => {
    const { line, area } = sparkPaths([11, 6, 1]);
    expect(line).toBe(`M0 11L${SPARK_WIDTH / 2} 6L${SPARK_WIDTH} 1`);
    expect(area).toBe(`${line}L${SPARK_WIDTH} ${SPARK_HEIGHT}L0 ${SPARK_HEIGHT}Z`);
  });

  it('draws nothing for fewer than two points', () => {
    expect(sparkPaths([])).toEqual({ line: '', area: '' });
    expect(sparkPaths([3])).toEqual({ line: '', area: '' });
  });
});
