import { describe, expect, it } from 'vitest';
import { cpuBaseline, cpuPercent, isEmptyReading, memoryUsage, onlineCpus, toSample, type RawStats } from './stats-math';

// Shapes as Docker 20.10 sends them: cgroup v1 (percpu_usage, total_* memory keys, 'Read'/'Write' blkio ops) and
// cgroup v2 (no percpu_usage, inactive_file, 'read'/'write').
const v1: RawStats = {
  read: '2026-11-22T08:31:57.364463844Z',
  cpu_stats: { cpu_usage: { total_usage: 1_500_000_000, percpu_usage: [700_000_000, 800_000_000] }, system_cpu_usage: 20_000_000_000, online_cpus: 2 },
  precpu_stats: { cpu_usage: { total_usage: 1_000_000_000, percpu_usage: [500_000_000, 500_000_000] }, system_cpu_usage: 18_000_000_000, online_cpus: 2 },
  memory_stats: { usage: 10_000_000, limit: 100_000_000, stats: { total_inactive_file: 2_000_000, inactive_file: 1_000_000, cache: 3_000_000 } },
  networks: { eth0: { rx_bytes: 100, tx_bytes: 50 }, eth1: { rx_bytes: 1, tx_bytes: 2 } },
  blkio_stats: {
    io_service_bytes_recursive: [
      { op: 'Read', value: 4096 },
      { op: 'Write', value: 8192 },
      { op: 'Sync', value: 1 },
      { op: 'Total', value: 12288 },
    ],
  },
  pids_stats: { current: 3 },
};

const v2: RawStats = {
  read: '2026-11-22T08:31:57.000Z',
  cpu_stats: { cpu_usage: { total_usage: 4_000_000_000 }, system_cpu_usage: 100_000_000_000, online_cpus: 4 },
  precpu_stats: { cpu_usage: { total_usage: 3_000_000_000 }, system_cpu_usage: 96_000_000_000, online_cpus: 4 },
  memory_stats: { usage: 50_000_000, limit: 200_000_000, stats: { inactive_file: 10_000_000, anon: 30_000_000 } },
  blkio_stats: { io_service_bytes_recursive: [{ op: 'read', value: 10 }, { op: 'write', value: 20 }] },
  pids_stats: { current: 7 },
};

/** One-shot mode: precpu_stats is present but empty (zeros, no system_cpu_usage). */
const oneShot = (total: number, system: number): RawStats => ({
  read: '2026-11-22T08:31:55.356845458Z',
  cpu_stats: { cpu_usage: { total_usage: total, percpu_usage: [total / 2, total / 2] }, system_cpu_usage: system, online_cpus: 2 },
  precpu_stats: { cpu_usage: { total_usage: 0 } },
  memory_stats: { usage: 991_232, limit: 25_276_502_016, stats: { total_inactive_file: 0, cache: 487_424 } },
  pids_stats: { current: 2 },
});

describe('cpuPercent', () => {
  it('cgroup v1: (cpu delta / system delta) × online CPUs × 100', () => {
    // 0.5 s of container CPU over 2 s of host CPU time (all CPUs), 2 CPUs → 50 %.
    expect(cpuPercent(v1)).toBeCloseTo(50);
  });

  it('cgroup v2: same formula, online_cpus given and no per-CPU list', () => {
    // 1 s over 4 s of host time × 4 CPUs → 100 %: one CPU fully busy.
    expect(cpuPercent(v2)).toBeCloseTo(100);
  });

  it('without online_cpus, counts per-CPU usage (v1), else assumes one CPU', () => {
    expect(onlineCpus({ cpu_usage: { percpu_usage: [1, 2, 3] } })).toBe(3);
    expect(onlineCpus({ cpu_usage: { total_usage: 5 } })).toBe(1);
    const noOnline: RawStats = { ...v1, cpu_stats: { ...v1.cpu_stats, online_cpus: 0 } };
    expect(cpuPercent(noOnline)).toBeCloseTo(50);
  });

  it('one-shot: empty precpu_stats and no baseline → null, not 0 and not NaN', () => {
    expect(cpuPercent(oneShot(30_000_000, 2_995_170_000_000))).toBeNull();
  });

  it('one-shot: uses the previous reading of the same container as the baseline', () => {
    const first = oneShot(30_000_000, 2_995_170_000_000);
    const second = oneShot(30_000_000 + 400_000_000, 2_995_170_000_000 + 4_000_000_000);
    expect(cpuPercent(second, cpuBaseline(first))).toBeCloseTo(20); // 0.4 / 4 × 2 × 100
  });

  it('streamed precpu_stats wins over a baseline', () => {
    expect(cpuPercent(v1, { total: 0, system: 1 })).toBeCloseTo(50);
  });

  it('counters that went back (a restart) or no system progress → null', () => {
    expect(cpuPercent(oneShot(10, 2000), { total: 50, system: 1000 })).toBeNull();
    expect(cpuPercent(oneShot(60, 1000), { total: 50, system: 1000 })).toBeNull();
  });

  it('an idle container reads 0 %', () => {
    expect(cpuPercent(oneShot(50, 5000), { total: 50, system: 1000 })).toBe(0);
  });
});

describe('memoryUsage', () => {
  it('cgroup v1: usage minus total_inactive_file', () => {
    expect(memoryUsage(v1.memory_stats)).toBe(8_000_000);
  });
  it('cgroup v2: usage minus inactive_file', () => {
    expect(memoryUsage(v2.memory_stats)).toBe(40_000_000);
  });
  it('old v1 engines: usage minus cache', () => {
    expect(memoryUsage({ usage: 1000, stats: { cache: 300 } })).toBe(700);
  });
  it('never below zero; no stats → usage', () => {
    expect(memoryUsage({ usage: 100, stats: { inactive_file: 500 } })).toBe(100);
    expect(memoryUsage({ usage: 100 })).toBe(100);
    expect(memoryUsage(undefined)).toBe(0);
  });
});

describe('toSample', () => {
  it('v1: sums networks and Read/Write block I/O (not Total), memory percent of the limit', () => {
    const s = toSample('abc', v1);
    expect(s).toMatchObject({
      containerId: 'abc',
      time: Date.parse('2026-11-22T08:31:57.364Z'),
      onlineCpus: 2,
      memory: { usage: 8_000_000, limit: 100_000_000, percent: 8 },
      net: { rxBytes: 101, txBytes: 52 },
      blockIo: { read: 4096, write: 8192 },
      pids: 3,
    });
    expect(s.cpuPercent).toBeCloseTo(50);
  });

  it('v2: lowercase block I/O ops, no networks → zeros', () => {
    expect(toSample('x', v2)).toMatchObject({ net: { rxBytes: 0, txBytes: 0 }, blockIo: { read: 10, write: 20 }, pids: 7 });
  });

  it('no limit → 0 %, not Infinity', () => {
    expect(toSample('x', { ...v2, memory_stats: { usage: 5 } }).memory.percent).toBe(0);
  });
});

describe('isEmptyReading', () => {
  it('a stopped container reads with a zero time', () => {
    expect(isEmptyReading({ read: '0001-01-01T00:00:00Z' })).toBe(true);
    expect(isEmptyReading({})).toBe(true);
    expect(isEmptyReading(v1)).toBe(false);
  });
});
