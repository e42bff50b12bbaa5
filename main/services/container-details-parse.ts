import path from 'node:path/posix';
import type Docker from 'dockerode';
import type {
  ContainerChanges,
  ContainerHealthDetail,
  ContainerOverview,
  FileKind,
  MountDetail,
  NetworkDetail,
} from '../../preload/contract/container-details';
import type { ContainerState, PortBinding } from '../../preload/contract/containers';

/** Pure helpers for the container detail: inspect → overview, diff grouping, archive-API paths, stats and tar names. */

const ZERO_TIME = /^0001-01-01/;

/** The engine writes "0001-01-01T00:00:00Z" for "never". */
export function engineTime(value: string | undefined | null): number | null {
  if (!value || ZERO_TIME.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

const HEALTH = new Set(['healthy', 'unhealthy', 'starting']);

export function overviewFromInspect(info: Docker.ContainerInspectInfo): ContainerOverview {
  const state = info.State;
  const health = (state as { Health?: { Status?: string; FailingStreak?: number; Log?: { Start: string; End: string; ExitCode: number; Output: string }[] } }).Health;
  const healthcheck = (info.Config as { Healthcheck?: { Test?: string[] } }).Healthcheck;
  let healthDetail: ContainerHealthDetail | null = null;
  if (health) {
    healthDetail = {
      status: HEALTH.has(health.Status ?? '') ? (health.Status as ContainerHealthDetail['status']) : 'none',
      failingStreak: health.FailingStreak ?? 0,
      log: (health.Log ?? []).map((l) => ({
        start: engineTime(l.Start) ?? 0,
        end: engineTime(l.End) ?? 0,
        exitCode: l.ExitCode,
        output: l.Output ?? '',
      })),
      test: healthcheck?.Test && healthcheck.Test[0] !== 'NONE' ? healthcheck.Test : null,
    };
  }
  const startedAt = engineTime(state.StartedAt);
  const finishedAt = engineTime(state.FinishedAt);
  const entrypoint = asList(info.Config.Entrypoint);
  const cmd = asList(info.Config.Cmd);
  const policy = info.HostConfig.RestartPolicy;
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    image: info.Config.Image,
    imageId: info.Image,
    command: [...entrypoint, ...cmd],
    state: state.Status as ContainerState,
    health: healthDetail,
    created: engineTime(info.Created) ?? 0,
    startedAt,
    finishedAt,
    restartCount: info.RestartCount ?? 0,
    restartPolicy: !policy?.Name || policy.Name === 'no' ? 'no' : policy.Name === 'on-failure' && policy.MaximumRetryCount ? `on-failure:${policy.MaximumRetryCount}` : policy.Name,
    exitCode: exitCodeOf(state, startedAt, finishedAt),
    oomKilled: state.OOMKilled,
    error: state.Error ?? '',
    pid: state.Pid ?? 0,
    ports: portsFromInspect(info.NetworkSettings?.Ports as Record<string, { HostIp: string; HostPort: string }[] | null> | undefined),
    mounts: (info.Mounts ?? []).map((m): MountDetail => {
      const mount: MountDetail = {
        type: m.Type ?? 'unknown',
        source: m.Type === 'volume' && m.Name ? m.Name : m.Source,
        destination: m.Destination,
        readOnly: m.RW === false,
      };
      if (m.Name) mount.name = m.Name;
      if (m.Driver) mount.driver = m.Driver;
      return mount;
    }),
    networkMode: info.HostConfig.NetworkMode ?? '',
    networks: Object.entries(info.NetworkSettings?.Networks ?? {}).map(
      ([name, n]): NetworkDetail => ({
        name,
        ipAddress: n.IPAddress ?? '',
        ipPrefixLen: n.IPPrefixLen ?? 0,
        ipv6Address: n.GlobalIPv6Address ?? '',
        gateway: n.Gateway ?? '',
        macAddress: n.MacAddress ?? '',
        aliases: ((n.Aliases ?? []) as string[]).filter((a) => !info.Id.startsWith(a)),
      }),
    ),
    labels: info.Config.Labels ?? {},
    hostname: info.Config.Hostname ?? '',
    user: info.Config.User ?? '',
    workingDir: info.Config.WorkingDir ?? '',
    platform: (info as { Platform?: string }).Platform ?? '',
  };
}

/** Null while it runs or has never run: exit code 0 then means "no exit yet", not success. */
function exitCodeOf(state: Docker.ContainerInspectInfo['State'], startedAt: number | null, finishedAt: number | null): number | null {
  if (state.Running || state.Restarting || state.Paused) return null;
  if (startedAt === null && finishedAt === null) return state.ExitCode ? state.ExitCode : null;
  return state.ExitCode;
}

function asList(value: string | string[] | null | undefined): string[] {
  if (!value) return [];
  return Array.isArray(value) ? value : [value];
}

/** Inspect's `{"80/tcp": [{HostIp, HostPort}]}` as the list's PortBinding shape (one binding per host address). */
export function portsFromInspect(ports: Record<string, { HostIp: string; HostPort: string }[] | null> | undefined): PortBinding[] {
  const out: PortBinding[] = [];
  for (const [key, bindings] of Object.entries(ports ?? {})) {
    const [portText, proto = 'tcp'] = key.split('/');
    const privatePort = Number(portText);
    if (!Number.isInteger(privatePort)) continue;
    const type = (proto === 'udp' || proto === 'sctp' ? proto : 'tcp') as PortBinding['type'];
    if (!bindings || bindings.length === 0) {
      out.push({ privatePort, type });
      continue;
    }
    for (const b of bindings) {
      const publicPort = Number(b.HostPort);
      out.push(Number.isInteger(publicPort) && publicPort > 0 ? { privatePort, publicPort, ip: b.HostIp, type } : { privatePort, type });
    }
  }
  return out;
}

/** `docker diff` kinds: 0 changed, 1 added, 2 deleted. Sorted by path; at most `cap` in all. */
export function groupChanges(changes: readonly { Path: string; Kind: number }[] | null, cap: number): ContainerChanges {
  const list = [...(changes ?? [])].sort((a, b) => (a.Path < b.Path ? -1 : a.Path > b.Path ? 1 : 0));
  const result: ContainerChanges = { added: [], changed: [], deleted: [], total: list.length, truncated: list.length > cap };
  for (const c of list.slice(0, cap)) {
    if (c.Kind === 1) result.added.push(c.Path);
    else if (c.Kind === 2) result.deleted.push(c.Path);
    else result.changed.push(c.Path);
  }
  return result;
}

/** `X-Docker-Container-Path-Stat`: base64 JSON of Go's os.FileInfo essentials. */
export interface PathStat {
  name: string;
  size: number;
  /** Go os.FileMode: type bits high, permission bits low. */
  mode: number;
  mtime: string;
  linkTarget: string;
}

export function decodePathStat(header: string | string[] | undefined): PathStat | null {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return null;
  try {
    const json = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as Partial<PathStat>;
    if (typeof json.mode !== 'number') return null;
    return { name: json.name ?? '', size: json.size ?? 0, mode: json.mode, mtime: json.mtime ?? '', linkTarget: json.linkTarget ?? '' };
  } catch {
    return null;
  }
}

const GO_MODE_DIR = 2 ** 31;
const GO_MODE_SYMLINK = 2 ** 27;

/** Go FileMode type bits (setuid, setgid and sticky are not types). */
const GO_MODE_OTHER_TYPES = (1 << 26) | (1 << 25) | (1 << 24) | (1 << 21) | (1 << 19);

export function statKind(mode: number): FileKind {
  if (mode >= GO_MODE_DIR) return 'directory';
  if ((mode & GO_MODE_SYMLINK) !== 0) return 'symlink';
  if ((mode & GO_MODE_OTHER_TYPES) !== 0) return 'other';
  return 'file';
}

/** Collapses `//`, `.` and `..`, drops a trailing slash: the path the engine is asked for. */
export function normalizeContainerPath(p: string): string {
  const n = path.normalize(p);
  return n.length > 1 && n.endsWith('/') ? n.slice(0, -1) : n;
}

/**
 * The archive of folder `/a/b` names its entries `b/`, `b/x`, `b/x/y`; the archive of `/` names them `/`, `/x`.
 * Returns the direct child's name for an entry of the folder's archive, or null (the folder itself or deeper).
 */
export function directChildName(folder: string, entryName: string): string | null {
  const parts = entryName.split('/').filter((p) => p !== '' && p !== '.');
  const depth = folder === '/' ? 1 : 2;
  return parts.length === depth ? parts[depth - 1]! : null;
}

/** tar-stream header types → what the Files tab shows. */
export function tarKind(type: string | null | undefined): FileKind {
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'directory';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return 'other';
  }
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Text or not: a NUL byte in the first 8000 bytes (git's rule), or bytes that are not UTF-8. A UTF-8 character cut by
 * a cap at the very end is not a reason to call a file binary.
 */
export function decodeText(bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, 8000);
  if (head.includes(0)) return null;
  try {
    return fatalUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** The name a download is saved under: the file's name, or `<folder>.tar`; `/` is the whole filesystem. */
export function downloadName(p: string, kind: 'file' | 'folder', containerName: string): string {
  const base = p === '/' ? `${containerName}-rootfs` : path.basename(p);
  return kind === 'folder' ? `${base}.tar` : base;
}
