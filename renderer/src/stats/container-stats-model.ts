import type { StatsSample, StatsUpdate } from '../../../preload/contract';
import { SeriesRing } from './series-ring';
import { ratesBetween } from './stats-rates';

/** How far back the charts reach while the view is open. */
export const HISTORY_MS = 5 * 60_000;
/** Room for 5 minutes at one reading a second, more than the 2 s the service sends. */
const CAPACITY = 400;

export type ChartId = 'cpu' | 'memory' | 'net' | 'block' | 'pids';

/**
 * One container's stats history while its Stats tab is open: a ring per chart (times in seconds, as uPlot wants),
 * rates from consecutive readings, and listeners that redraw without React.
 */
export class ContainerStatsModel {
  readonly rings: Record<ChartId, SeriesRing> = {
    cpu: new SeriesRing(CAPACITY, 1),
    memory: new SeriesRing(CAPACITY, 1),
    net: new SeriesRing(CAPACITY, 2),
    block: new SeriesRing(CAPACITY, 2),
    pids: new SeriesRing(CAPACITY, 1),
  };
  latest: StatsSample | null = null;
  rates: { netRx: number; netTx: number; blockRead: number; blockWrite: number } | null = null;
  stopped = false;
  private readonly listeners = new Set<() => void>();

  constructor(readonly containerId: string) {}

  push(u: StatsUpdate): void {
    if (u.stopped) {
      this.stopped = true;
      this.latest = null;
      this.rates = null;
    } else {
      // Already drawn (a replay of the last minute overlapping what this view was seeded with).
      if (this.latest && u.time <= this.latest.time) return;
      this.stopped = false;
      this.rates = ratesBetween(this.latest ?? undefined, u);
      this.latest = u;
      const t = u.time / 1000;
      this.rings.cpu.push(t, [u.cpuPercent]);
      this.rings.memory.push(t, [u.memory.usage]);
      this.rings.net.push(t, [this.rates?.netRx ?? null, this.rates?.netTx ?? null]);
      this.rings.block.push(t, [this.rates?.blockRead ?? null, this.rates?.blockWrite ?? null]);
      this.rings.pids.push(t, [u.pids ?? null]);
      const cutoff = (u.time - HISTORY_MS) / 1000;
      for (const ring of Object.values(this.rings)) ring.dropBefore(cutoff);
    }
    for (const fn of this.listeners) fn();
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
}
