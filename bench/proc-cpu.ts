import { readdirSync, readFileSync } from 'node:fs';
import { sleep } from './lib';

/** CPU time of processes from /proc, grouped: what the CPU benchmarks (stats-50, idle-100) count. */
const TICKS = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s on Linux

export interface Proc {
  pid: number;
  ppid: number;
  comm: string;
  cpu: number;
}

/** Every process with its parent and CPU seconds (utime + stime of /proc/<pid>/stat). */
export function processes(): Proc[] {
  const out: Proc[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      const f = stat.slice(close + 2).split(' ');
      out.push({ pid: Number(d), ppid: Number(f[1]), comm: stat.slice(stat.indexOf('(') + 1, close), cpu: (Number(f[11]) + Number(f[12])) / TICKS });
    } catch {
      // exited meanwhile
    }
  }
  return out;
}

export function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

export function descendants(all: Proc[], root: number): Set<number> {
  const found = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!found.has(p.pid) && found.has(p.ppid)) {
        found.add(p.pid);
        grew = true;
      }
    }
  }
  return found;
}

export type Groups = Record<string, (p: Proc, all: Proc[]) => boolean>;

/** CPU seconds each group of processes used over `ms` (processes that start or end inside the window count partly). */
export async function cpuOver(ms: number, groups: Groups): Promise<Record<string, number>> {
  const before = new Map(processes().map((p) => [p.pid, p.cpu]));
  await sleep(ms);
  const all = processes();
  const used: Record<string, number> = Object.fromEntries(Object.keys(groups).map((g) => [g, 0]));
  for (const p of all) {
    for (const [g, test] of Object.entries(groups)) if (test(p, all)) used[g]! += p.cpu - (before.get(p.pid) ?? 0);
  }
  return used;
}

/** The engine: dockerd, containerd and the per-container shims (on cgroup v1 Docker 20.10 asks containerd for metrics). */
export const engineGroups: Groups = {
  dockerd: (p) => p.comm === 'dockerd',
  containerd: (p) => p.comm === 'containerd',
  shims: (p) => p.comm.startsWith('containerd-shim'),
};
export const engineTotal = (u: Record<string, number>) => u.dockerd! + u.containerd! + u.shims!;


/**
 * The engine, and Berth as a benchmark runs it: `berth serve` (servePid) and, among this process's descendants, the
 * page's Chromium renderer and Chromium's other processes.
 */
export function engineAndBerthGroups(servePid: number): Groups {
  const me = process.pid;
  return {
    ...engineGroups,
    serve: (p) => p.pid === servePid,
    renderer: (p, all) => p.pid !== servePid && descendants(all, me).has(p.pid) && cmdline(p.pid).includes('--type=renderer'),
    otherChromium: (p, all) =>
      p.pid !== me && p.pid !== servePid && descendants(all, me).has(p.pid) && !cmdline(p.pid).includes('--type=renderer') && !/docker/.test(p.comm),
  };
}
