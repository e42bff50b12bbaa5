import { readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import type { EngineConnection } from '../engine/connection';
import {
  containerCgroup,
  memoryInUse,
  memoryLimit,
  parseBlkioV1,
  parseIoStatV2,
  parseKeyValues,
  parseMemTotal,
  parseMountinfo,
  parseNetDev,
  parseNumber,
  parseProcCgroup,
  type CgroupMounts,
  type ContainerCgroup,
} from './stats-cgroup';

/** One reading of a container's cgroup, taken by Berth itself. Counters are cumulative. */
export interface LocalReading {
  /** CPU time used since the cgroup was made, ns. */
  cpuNs: number;
  /** Monotonic clock when cpuNs was read, ns. */
  wallNs: number;
  /** ms since epoch */
  time: number;
  onlineCpus: number;
  memory: { usage: number; limit: number };
  net: { rxBytes: number; txBytes: number };
  blockIo: { read: number; write: number };
  pids: number;
}

export type LocalResult = { kind: 'reading'; reading: LocalReading } | { kind: 'stopped'; gone: boolean };

/** What an inspect said about a running container, kept until it (re)starts or stops (events) or a read fails. */
interface Target {
  pid: number;
  cgroup: ContainerCgroup;
  /** `--network host`: the engine reports no network counters, and the process's netns is the host's. */
  hostNet: boolean;
}

const FULL_ID = /^[0-9a-f]{64}$/;
const text = (p: string) => readFile(p, 'utf8');
/** An optional file (blkio, io.stat, pids when the controller is off): absent reads as empty. */
const optional = (p: string | null) => (p === null ? Promise.resolve('') : text(p).catch(() => ''));

/**
 * The local fast path of the stats service: when Berth runs on the engine's own host (Linux, the engine on a local
 * unix socket, and the container's main process in a cgroup whose path names the full container id), a reading is a
 * handful of small file reads — no engine request, so none of the engine's per-reading cost (Docker 20.10's collector
 * asks containerd and reads the network counters for each). Everywhere else (Docker Desktop's VM, remote TCP/SSH
 * engines, Berth in a container without the host's /proc and cgroups, permission errors) `read` answers null and the
 * caller asks the engine.
 *
 * A container is inspected once per start (its pid and cgroup are kept by id; an event or a failed read forgets them).
 */
export class LocalCgroupStats {
  private mounts: Promise<CgroupMounts | null> | null = null;
  private memTotal: Promise<number> | null = null;
  /** engineId/container ref → its target, or null when the fast path does not apply to it (until forgotten). */
  private readonly targets = new Map<string, Target | null>();
  private readonly cpus = os.cpus().length || 1;

  /** The engine is on this host's unix socket (what the rest of the proof builds on). */
  static applies(engine: EngineConnection): boolean {
    if (process.platform !== 'linux') return false;
    const socketPath = (engine.api.modem as { socketPath?: unknown; protocol?: unknown }).socketPath;
    return typeof socketPath === 'string' && socketPath.startsWith('/');
  }

  /** The container (re)started, stopped, or the engine reconnected: inspect again before the next reading. */
  forget(engineId: string, ref?: string): void {
    if (ref === undefined) {
      for (const k of this.targets.keys()) if (k.startsWith(`${engineId}/`)) this.targets.delete(k);
    } else this.targets.delete(`${engineId}/${ref}`);
  }

  /** A reading; `stopped` when the inspect says so; null when the fast path does not apply (ask the engine). */
  async read(engine: EngineConnection, ref: string, signal: AbortSignal): Promise<LocalResult | null> {
    if (!LocalCgroupStats.applies(engine)) return null;
    const key = `${engine.id}/${ref}`;
    const kept = this.targets.get(key);
    if (kept === null) return null;
    if (kept) {
      const reading = await this.readTarget(kept).catch(() => null);
      if (reading) return { kind: 'reading', reading };
      this.targets.delete(key); // restarted or stopped since: look again
    }
    const found = await this.resolve(engine, ref, signal);
    if (!found || 'kind' in found) return found;
    const reading = await this.readTarget(found).catch(() => null);
    this.targets.set(key, reading ? found : null);
    return reading ? { kind: 'reading', reading } : null;
  }

  private async resolve(engine: EngineConnection, ref: string, signal: AbortSignal): Promise<Target | LocalResult | null> {
    type Inspected = { Id?: string; State?: { Running?: boolean; Pid?: number }; HostConfig?: { NetworkMode?: string } };
    let info: Inspected;
    try {
      info = await (engine.api.getContainer(ref).inspect({ abortSignal: signal } as never) as unknown as Promise<Inspected>);
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return { kind: 'stopped', gone: true };
      return null; // the engine path reports the error its own way
    }
    const id = info.Id ?? '';
    const pid = info.State?.Pid ?? 0;
    if (!info.State?.Running || !(pid > 0)) return { kind: 'stopped', gone: false };
    if (!FULL_ID.test(id) || !Number.isInteger(pid)) return null;
    try {
      const mounts = await this.cgroupMounts();
      if (!mounts) return null;
      const cgroup = containerCgroup(parseProcCgroup(await text(`/proc/${pid}/cgroup`)), mounts, id);
      if (!cgroup) return null; // that pid is not this container as seen from here (another host, another pid namespace)
      const dirs = cgroup.kind === 'v1' ? [cgroup.cpuacct, cgroup.memory] : [cgroup.dir];
      for (const d of dirs) if (!(await stat(d)).isDirectory()) return null;
      return { pid, cgroup, hostNet: info.HostConfig?.NetworkMode === 'host' };
    } catch {
      return null; // no /proc of that pid, no permission, no cgroup mounts here
    }
  }

  private cgroupMounts(): Promise<CgroupMounts | null> {
    this.mounts ??= text('/proc/self/mountinfo')
      .then(parseMountinfo)
      .catch(() => null);
    return this.mounts;
  }

  private hostMemory(): Promise<number> {
    this.memTotal ??= text('/proc/meminfo')
      .then(parseMemTotal)
      .catch(() => 0);
    return this.memTotal;
  }

  private async readTarget(t: Target): Promise<LocalReading> {
    const net = t.hostNet ? Promise.resolve('') : text(`/proc/${t.pid}/net/dev`);
    const memTotal = this.hostMemory();
    if (t.cgroup.kind === 'v1') {
      const c = t.cgroup;
      const cpu = text(`${c.cpuacct}/cpuacct.usage`).then((s) => [s, process.hrtime.bigint()] as const);
      const [[cpuText, wall], usage, memStat, limit, pids, blkio, throttle, netText, total] = await Promise.all([
        cpu,
        text(`${c.memory}/memory.usage_in_bytes`),
        text(`${c.memory}/memory.stat`),
        text(`${c.memory}/memory.limit_in_bytes`),
        optional(c.pids && `${c.pids}/pids.current`),
        optional(c.blkio && `${c.blkio}/blkio.io_service_bytes_recursive`),
        optional(c.blkio && `${c.blkio}/blkio.throttle.io_service_bytes_recursive`),
        net,
        memTotal,
      ]);
      const used = parseNumber(usage) ?? 0;
      const io = parseBlkioV1(blkio);
      return this.reading(cpuText, wall, {
        memory: { usage: memoryInUse(used, parseKeyValues(memStat), false), limit: memoryLimit(parseNumber(limit), total) },
        net: parseNetDev(netText),
        blockIo: io.devices > 0 ? io : parseBlkioV1(throttle),
        pids: parseNumber(pids) ?? 0,
      });
    }
    const d = t.cgroup.dir;
    const cpu = text(`${d}/cpu.stat`).then((s) => [s, process.hrtime.bigint()] as const);
    const [[cpuStat, wall], current, memStat, max, pids, ioStat, netText, total] = await Promise.all([
      cpu,
      text(`${d}/memory.current`),
      text(`${d}/memory.stat`),
      optional(`${d}/memory.max`),
      optional(`${d}/pids.current`),
      optional(`${d}/io.stat`),
      net,
      memTotal,
    ]);
    const usec = parseKeyValues(cpuStat).get('usage_usec');
    if (usec === undefined) throw new Error('cpu.stat without usage_usec');
    return this.reading(String(usec * 1000), wall, {
      memory: { usage: memoryInUse(parseNumber(current) ?? 0, parseKeyValues(memStat), true), limit: memoryLimit(parseNumber(max), total) },
      net: parseNetDev(netText),
      blockIo: parseIoStatV2(ioStat),
      pids: parseNumber(pids) ?? 0,
    });
  }

  private reading(cpuText: string, wall: bigint, rest: Omit<LocalReading, 'cpuNs' | 'wallNs' | 'time' | 'onlineCpus'>): LocalReading {
    const cpuNs = parseNumber(cpuText);
    if (cpuNs === null) throw new Error('no CPU usage');
    return { cpuNs, wallNs: Number(wall), time: Date.now(), onlineCpus: this.cpus, ...rest };
  }
}
