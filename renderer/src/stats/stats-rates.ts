import type { StatsSample } from '../../../preload/contract';

/** Per-second rates between two cumulative readings of one container. */
export interface Rates {
  netRx: number;
  netTx: number;
  blockRead: number;
  blockWrite: number;
}

/**
 * Bytes per second of a cumulative counter between two readings. Null when the readings are not in order or the
 * counter went back (the container restarted, its counters started again at zero): a gap, never a negative rate.
 */
export function counterRate(prev: number, prevTime: number, cur: number, curTime: number): number | null {
  const seconds = (curTime - prevTime) / 1000;
  if (!(seconds > 0) || cur < prev) return null;
  return (cur - prev) / seconds;
}

/** Null also when either reading has no counters (one taken for a list: CPU and memory only). */
export function ratesBetween(prev: StatsSample | undefined, cur: StatsSample): Rates | null {
  if (!prev?.net || !prev.blockIo || !cur.net || !cur.blockIo) return null;
  const r = (a: number, b: number) => counterRate(a, prev.time, b, cur.time);
  const netRx = r(prev.net.rxBytes, cur.net.rxBytes);
  const netTx = r(prev.net.txBytes, cur.net.txBytes);
  const blockRead = r(prev.blockIo.read, cur.blockIo.read);
  const blockWrite = r(prev.blockIo.write, cur.blockIo.write);
  if (netRx === null || netTx === null || blockRead === null || blockWrite === null) return null;
  return { netRx, netTx, blockRead, blockWrite };
}

/** "12.3%", "0.4%", "145%": one decimal under 100. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${value >= 100 ? Math.round(value) : value.toFixed(1)}%`;
}

export interface StatsTotals {
  cpuPercent: number;
  memoryUsage: number;
  /** Containers whose latest reading is in the totals. */
  counted: number;
}

/** CPU and memory summed over the latest reading of each running container. */
export function totalsOf(latest: Iterable<StatsSample>, running: ReadonlySet<string>): StatsTotals {
  let cpuPercent = 0;
  let memoryUsage = 0;
  let counted = 0;
  for (const s of latest) {
    if (!running.has(s.containerId)) continue;
    cpuPercent += s.cpuPercent ?? 0;
    memoryUsage += s.memory.usage;
    counted++;
  }
  return { cpuPercent, memoryUsage, counted };
}
