import type { StatsSample } from '../../../preload/contract';

/** A reading for unit tests: container `a`, two CPUs, 100 of 1000 bytes of memory, counters at zero; `over` wins. */
export const statsSample = (over: Partial<StatsSample> = {}): StatsSample => ({
  containerId: 'a',
  time: 0,
  cpuPercent: 0,
  onlineCpus: 2,
  memory: { usage: 100, limit: 1000, percent: 10 },
  net: { rxBytes: 0, txBytes: 0 },
  blockIo: { read: 0, write: 0 },
  pids: 1,
  ...over,
});
