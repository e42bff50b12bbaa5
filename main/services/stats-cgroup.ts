/**
 * Pure parsing for the local cgroup path of the stats service: the kernel's files (as text) → numbers and paths.
 * No I/O here; main/services/stats-local.ts reads the files. cgroup v1 and v2 (unified) are both covered.
 */

/** Where this process sees a cgroup hierarchy mounted: `root` is the mount's root inside the hierarchy. */
export interface CgroupMount {
  root: string;
  mountPoint: string;
}

export interface CgroupMounts {
  /** v1 hierarchies by controller (a hierarchy co-mounting cpu,cpuacct appears under both names). */
  v1: Map<string, CgroupMount>;
  v2: CgroupMount | null;
}

/** `\040` and friends: mountinfo escapes space, tab, newline and backslash as octal. */
function unescapeMount(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

/** /proc/self/mountinfo → the cgroup mounts (the first mount of each hierarchy wins). */
export function parseMountinfo(text: string): CgroupMounts {
  const v1 = new Map<string, CgroupMount>();
  let v2: CgroupMount | null = null;
  for (const line of text.split('\n')) {
    const dash = line.indexOf(' - ');
    if (dash < 0) continue;
    const pre = line.slice(0, dash).split(' ');
    const post = line.slice(dash + 3).split(' ');
    const [fstype, , superOpts = ''] = post;
    const root = pre[3];
    const mountPoint = pre[4];
    if (root === undefined || mountPoint === undefined) continue;
    const m = { root: unescapeMount(root), mountPoint: unescapeMount(mountPoint) };
    if (fstype === 'cgroup2') {
      v2 ??= m;
    } else if (fstype === 'cgroup') {
      for (const opt of superOpts.split(',')) {
        if (['rw', 'ro'].includes(opt) || opt.includes('=')) continue;
        if (!v1.has(opt)) v1.set(opt, m);
      }
    }
  }
  return { v1, v2 };
}

export interface ProcCgroups {
  /** v1 controller → path (a line `2:cpu,cpuacct:/x` gives both). */
  v1: Map<string, string>;
  /** The `0::` line. */
  v2: string | null;
}

/** /proc/<pid>/cgroup → paths per controller. */
export function parseProcCgroup(text: string): ProcCgroups {
  const v1 = new Map<string, string>();
  let v2: string | null = null;
  for (const line of text.split('\n')) {
    const first = line.indexOf(':');
    const second = line.indexOf(':', first + 1);
    if (first < 0 || second < 0) continue;
    const controllers = line.slice(first + 1, second);
    const path = line.slice(second + 1);
    if (line.slice(0, first) === '0' && controllers === '') v2 = path;
    else for (const c of controllers.split(',')) if (c) v1.set(c, path);
  }
  return { v1, v2 };
}

/**
 * The cgroup of the container itself: the path cut after the segment that names the full container id
 * (`/docker/<id>`, `docker-<id>.scope`, `libpod-<id>.scope`; podman may put the process one level below). Null when
 * no segment names the id: then the process is not that container's, as seen from here.
 */
export function containerCgroupPath(path: string, id: string): string | null {
  const parts = path.split('/');
  const at = parts.findIndex((p) => p === id || p.includes(id));
  return at < 0 ? null : parts.slice(0, at + 1).join('/');
}

function onMount(mount: CgroupMount | null | undefined, path: string | null): string | null {
  if (!mount || path === null) return null;
  const root = mount.root === '/' ? '' : mount.root;
  if (root && path !== root && !path.startsWith(`${root}/`)) return null; // outside what this mount shows
  return mount.mountPoint.replace(/\/$/, '') + path.slice(root.length);
}

export type ContainerCgroup =
  | { kind: 'v1'; cpuacct: string; memory: string; pids: string | null; blkio: string | null }
  | { kind: 'v2'; dir: string };

/**
 * The directories to read for a container whose main process has `procCgroup`, or null when they cannot be known
 * (the id is not in the path, a needed controller is not mounted here). v1 wins when cpuacct and memory are v1
 * hierarchies (hybrid hosts mount an empty unified hierarchy next to them).
 */
export function containerCgroup(procCgroup: ProcCgroups, mounts: CgroupMounts, id: string): ContainerCgroup | null {
  const v1Path = (c: string) => {
    const p = procCgroup.v1.get(c);
    const own = p === undefined ? null : containerCgroupPath(p, id);
    return onMount(mounts.v1.get(c), own);
  };
  if (procCgroup.v1.has('cpuacct') && procCgroup.v1.has('memory')) {
    const cpuacct = v1Path('cpuacct');
    const memory = v1Path('memory');
    if (!cpuacct || !memory) return null;
    return { kind: 'v1', cpuacct, memory, pids: v1Path('pids'), blkio: v1Path('blkio') };
  }
  const own = procCgroup.v2 === null ? null : containerCgroupPath(procCgroup.v2, id);
  const dir = onMount(mounts.v2, own);
  return dir ? { kind: 'v2', dir } : null;
}

/** A file holding one number (v2's `max` → null: no limit). */
export function parseNumber(text: string): number | null {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : null;
}

/** /proc/<pid>/net/dev → bytes over every interface but `lo` (the engine reports only the sandbox's interfaces). */
export function parseNetDev(text: string): { rxBytes: number; txBytes: number } {
  let rxBytes = 0;
  let txBytes = 0;
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    if (!name || name === 'lo' || name.includes('|')) continue;
    const f = line.slice(colon + 1).trim().split(/\s+/);
    rxBytes += Number(f[0]) || 0;
    txBytes += Number(f[8]) || 0;
  }
  return { rxBytes, txBytes };
}

/** v1 blkio `<maj:min> Read|Write|… <bytes>` lines → read/write bytes summed over devices (`Total` lines skipped). */
export function parseBlkioV1(text: string): { read: number; write: number; devices: number } {
  let read = 0;
  let write = 0;
  let devices = 0;
  for (const line of text.split('\n')) {
    const [dev, op, v] = line.trim().split(/\s+/);
    if (!dev || !op || v === undefined || !/^\d+:\d+$/.test(dev)) continue;
    devices++;
    if (op === 'Read') read += Number(v) || 0;
    else if (op === 'Write') write += Number(v) || 0;
  }
  return { read, write, devices };
}

/** v2 io.stat `<maj:min> rbytes=… wbytes=… …` lines → read/write bytes summed over devices. */
export function parseIoStatV2(text: string): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const line of text.split('\n')) {
    for (const kv of line.trim().split(/\s+/).slice(1)) {
      const [k, v] = kv.split('=');
      if (k === 'rbytes') read += Number(v) || 0;
      else if (k === 'wbytes') write += Number(v) || 0;
    }
  }
  return { read, write };
}

/** /proc/meminfo → MemTotal in bytes (0 when absent). */
export function parseMemTotal(text: string): number {
  const m = /^MemTotal:\s+(\d+)\s*kB/m.exec(text);
  return m ? Number(m[1]) * 1024 : 0;
}

/** A memory limit as the engine reports it: no limit (v1's huge number, v2's `max`) or above the host's RAM → the RAM. */
export function memoryLimit(limit: number | null, memTotal: number): number {
  if (limit === null || limit <= 0) return memTotal;
  return memTotal > 0 && limit > memTotal ? memTotal : limit;
}

/**
 * One `key value` line of a flat-keyed file (memory.stat, cpu.stat), found without splitting the rest: memory.stat
 * is 30-40 lines and a list's reading needs one of them, for each container every 2 s.
 */
export function statValue(text: string, key: string): number | undefined {
  const needle = `${key} `;
  let start = text.startsWith(needle) ? 0 : text.indexOf(`\n${needle}`) + 1;
  if (start === 0 && !text.startsWith(needle)) return undefined;
  start += needle.length;
  const end = text.indexOf('\n', start);
  const v = text.slice(start, end < 0 ? text.length : end).trim();
  return /^\d+$/.test(v) ? Number(v) : undefined;
}

/** Memory in use without the reclaimable inactive file pages, as `docker stats` shows it. `stat`: memory.stat's text. */
export function memoryInUse(usage: number, stat: string, v2: boolean): number {
  const inactive = v2 ? statValue(stat, 'inactive_file') : (statValue(stat, 'total_inactive_file') ?? statValue(stat, 'inactive_file'));
  return inactive !== undefined && inactive < usage ? usage - inactive : usage;
}

/**
 * CPU % between two local readings: CPU time used / wall time elapsed × 100 (200 = two CPUs busy) — what
 * `docker stats` computes as Δcontainer / Δhost-CPU-time × CPUs, since host CPU time runs at CPUs × wall time.
 */
export function localCpuPercent(cur: { cpuNs: number; wallNs: number }, prev: { cpuNs: number; wallNs: number } | null): number | null {
  if (!prev) return null;
  const wall = cur.wallNs - prev.wallNs;
  const cpu = cur.cpuNs - prev.cpuNs;
  if (wall <= 0 || cpu < 0) return null; // same instant, or counters reset (a restart)
  return (cpu / wall) * 100;
}
