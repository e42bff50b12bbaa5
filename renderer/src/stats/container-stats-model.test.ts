import { describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../preload/contract';
import { ContainerStatsModel } from './container-stats-model';
import { statsSample } from './stats-sample-fixture';

const sample = (time: number, rx: number, over: Partial<StatsSample> = {}) =>
  statsSample({ time, cpuPercent: 5, net: { rxBytes: rx, txBytes: 0 }, pids: 2, ...over });

describe('ContainerStatsModel', () => {
  it('charts rates from consecutive readings; the first reading has a gap, not a zero', () => {
    const m = new ContainerStatsModel('a');
    m.push(sample(10_000, 0));
    m.push(sample(12_000, 4000));
    expect(m.rings.net.columns()).toEqual([[10, 12], [null, 2000], [null, 0]]);
    expect(m.rates?.netRx).toBe(2000);
  });

  it('keeps 5 minutes of history', () => {
    const m = new ContainerStatsModel('a');
    for (let t = 0; t <= 600_000; t += 2000) m.push(sample(t, 0));
    const [times] = m.rings.cpu.columns();
    expect(times[0]).toBe(300);
    expect(times.at(-1)).toBe(600);
  });

  it('stopped: no latest reading, history kept, listeners told', () => {
    const m = new ContainerStatsModel('a');
    let told = 0;
    m.subscribe(() => told++);
    m.push(sample(1000, 0));
    m.push({ containerId: 'a', time: 2000, stopped: true });
    expect(m.stopped).toBe(true);
    expect(m.latest).toBeNull();
    expect(m.rings.cpu.size).toBe(1);
    expect(told).toBe(2);
  });

  it('a reading already drawn (the last minute replayed when a stream reopens) is not drawn twice', () => {
    const m = new ContainerStatsModel('a');
    for (const t of [1000, 2000, 3000]) m.push(sample(t, 0));
    for (const t of [2000, 3000, 4000]) m.push(sample(t, 0));
    expect(m.rings.cpu.columns()[0]).toEqual([1, 2, 3, 4]);
  });
});
