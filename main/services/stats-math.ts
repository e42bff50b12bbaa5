import type { StatsSample } from '../../preload/contract/stats';

/** The parts of the engine's `GET /containers/{id}/stats` answer Berth reads (cgroup v1 and v2 shapes). */
export interface RawStats {
  read?: string;
  id?: string;
  cpu_stats?: RawCpu;
  precpu_stats?: RawCpu;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }>;
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null };
  pids_stats?: { current?: number };
}

export interface RawCpu {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

/** What one-shot readings need from the previous reading of the same container. */
export interface CpuBaseline {
  total: number;
  system: number;
}

const ZERO_TIME = /^0001-01-01/;

/** A reading of a container that is not running has no read time (and no pids, memory or CPU). */
export function isEmptyReading(raw: RawStats): boolean {
  return !raw.read || ZERO_TIME.test(raw.read);
}

export function onlineCpus(cpu: RawCpu | undefined): number {
  if (cpu?.online_cpus) return cpu.online_cpus;
  // cgroup v1 engines before API 1.27 only list per-CPU usage; cgroup v2 has neither, and reports online_cpus.
  const per = cpu?.cpu_usage?.percpu_usage?.length;
  return per && per > 0 ? per : 1;
}

/**
 * CPU % as `docker stats` computes it: (container CPU time delta / host CPU time delta) × online CPUs × 100, the same
 * on cgroup v1 and v2. The previous reading is `precpu_stats` in streamed mode; in one-shot mode `precpu_stats` is
 * empty, so the caller's baseline (this container's previous reading) is used. Null when there is nothing to compare.
 */
export function cpuPercent(raw: RawStats, baseline?: CpuBaseline | null): number | null {
  const total = raw.cpu_stats?.cpu_usage?.total_usage;
  const system = raw.cpu_stats?.system_cpu_usage;
  if (total === undefined || system === undefined) return null;
  const pre = raw.precpu_stats;
  const preTotal = pre?.cpu_usage?.total_usage;
  const preSystem = pre?.system_cpu_usage;
  const prev = preSystem ? { total: preTotal ?? 0, system: preSystem } : (baseline ?? null);
  if (!prev) return null;
  const cpuDelta = total - prev.total;
  const systemDelta = system - prev.system;
  if (systemDelta <= 0 || cpuDelta < 0) return null; // same instant, or counters reset (a restart)
  return (cpuDelta / systemDelta) * onlineCpus(raw.cpu_stats) * 100;
}

export function cpuBaseline(raw: RawStats): CpuBaseline | null {
  const total = raw.cpu_stats?.cpu_usage?.total_usage;
  const system = raw.cpu_stats?.system_cpu_usage;
  return total === undefined || !system ? null : { total, system };
}

/**
 * Memory in use without the page cache the kernel can reclaim, as `docker stats` shows it: usage minus
 * `total_inactive_file` (cgroup v1), `inactive_file` (cgroup v2), or `cache` (old v1 engines).
 */
export function memoryUsage(mem: RawStats['memory_stats']): number {
  const usage = mem?.usage ?? 0;
  const s = mem?.stats ?? {};
  for (const key of ['total_inactive_file', 'inactive_file', 'cache']) {
    const v = s[key];
    if (v !== undefined && v < usage) return usage - v;
    if (v !== undefined) return usage;
  }
  return usage;
}

function sumNet(networks: RawStats['networks']): { rxBytes: number; txBytes: number } {
  let rxBytes = 0;
  let txBytes = 0;
  for (const n of Object.values(networks ?? {})) {
    rxBytes += n.rx_bytes ?? 0;
    txBytes += n.tx_bytes ?? 0;
  }
  return { rxBytes, txBytes };
}

function sumBlock(blkio: RawStats['blkio_stats']): { read: number; write: number } {
  let read = 0;
  let write = 0;
  // v1 says 'Read'/'Write' (per device, plus 'Total'); v2 says 'read'/'write'.
  for (const e of blkio?.io_service_bytes_recursive ?? []) {
    const op = e.op?.toLowerCase();
    if (op === 'read') read += e.value ?? 0;
    else if (op === 'write') write += e.value ?? 0;
  }
  return { read, write };
}

/** One engine reading → the sample the renderer gets. */
export function toSample(containerId: string, raw: RawStats, baseline?: CpuBaseline | null): StatsSample {
  const usage = memoryUsage(raw.memory_stats);
  const limit = raw.memory_stats?.limit ?? 0;
  const time = raw.read ? Date.parse(raw.read) : Date.now();
  return {
    containerId,
    time: Number.isFinite(time) ? time : Date.now(),
    cpuPercent: cpuPercent(raw, baseline),
    onlineCpus: onlineCpus(raw.cpu_stats),
    memory: { usage, limit, percent: limit > 0 ? (usage / limit) * 100 : 0 },
    net: sumNet(raw.networks),
    blockIo: sumBlock(raw.blkio_stats),
    pids: raw.pids_stats?.current ?? 0,
  };
}
