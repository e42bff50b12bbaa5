import type { ComposeRef, ContainerHealth, ContainerState, ContainerSummary, PortBinding } from '../../preload/contract/containers';
import { STATUS_AGE } from '../../preload/contract/container-constants';

/** The fields of one GET /containers/json entry that Berth reads. */
export interface RawContainer {
  Id: string;
  Names?: string[];
  Image?: string;
  ImageID?: string;
  Command?: string;
  Created?: number;
  State?: string;
  Status?: string;
  Ports?: { IP?: string; PrivatePort: number; PublicPort?: number; Type?: string }[];
  Labels?: Record<string, string> | null;
  NetworkSettings?: { Networks?: Record<string, unknown> | null } | null;
}

const STATES: readonly ContainerState[] = ['created', 'running', 'paused', 'restarting', 'removing', 'exited', 'dead'];

/** The list endpoint has no health field; the status text carries it: "Up 2 minutes (healthy)". */
export function healthFromStatus(status: string): ContainerHealth {
  if (/\(healthy\)/.test(status)) return 'healthy';
  if (/\(unhealthy\)/.test(status)) return 'unhealthy';
  if (/\(health: starting\)/.test(status)) return 'starting';
  return null;
}

const SECOND = 1000;
const AGE_UNITS: Record<string, number> = {
  second: SECOND,
  minute: 60 * SECOND,
  hour: 3600 * SECOND,
  day: 86_400 * SECOND,
  week: 7 * 86_400 * SECOND,
  month: 30 * 86_400 * SECOND,
  year: 365 * 86_400 * SECOND,
};

/**
 * How long ago the status began, read back from the words go-units' HumanDuration wrote ("Less than a second",
 * "About a minute", "6 minutes", "About an hour", "3 days", …), in ms; null when the status names no age. The list
 * endpoint has no start or finish time, and its status text is only true when it is read: kept as text, a
 * container listed one second after it started says "Up Less than a second" for as long as Berth runs.
 */
export function statusAgeMs(status: string): number | null {
  const phrase = STATUS_AGE.exec(status)?.[2];
  if (!phrase) return null;
  if (phrase === 'Less than a second') return 0;
  if (phrase === 'About a minute') return AGE_UNITS.minute!;
  if (phrase === 'About an hour') return AGE_UNITS.hour!;
  const m = /^(\d+) (second|minute|hour|day|week|month|year)s?$/.exec(phrase);
  return m ? Number(m[1]) * AGE_UNITS[m[2]!]! : null;
}

export function composeRefOf(labels: Record<string, string>): ComposeRef | null {
  const project = labels['com.docker.compose.project'];
  const service = labels['com.docker.compose.service'];
  if (!project || !service) return null;
  const ref: ComposeRef = { project, service };
  const n = Number(labels['com.docker.compose.container-number']);
  if (Number.isInteger(n) && n > 0) ref.number = n;
  const wd = labels['com.docker.compose.project.working_dir'];
  if (wd) ref.workingDir = wd;
  const files = labels['com.docker.compose.project.config_files'];
  if (files) ref.configFiles = files.split(',').filter(Boolean);
  return ref;
}

/**
 * The engine lists a port published on both 0.0.0.0 and :: twice; one row per (host port, container port, proto)
 * is what a person wants to see, preferring the IPv4 address for the link.
 */
export function dedupePorts(ports: RawContainer['Ports']): PortBinding[] {
  const out = new Map<string, PortBinding>();
  for (const p of ports ?? []) {
    const type = p.Type === 'udp' || p.Type === 'sctp' ? p.Type : 'tcp';
    const key = `${p.PublicPort ?? ''}/${p.PrivatePort}/${type}`;
    const binding: PortBinding = { privatePort: p.PrivatePort, type };
    if (p.PublicPort) binding.publicPort = p.PublicPort;
    if (p.IP) binding.ip = p.IP;
    const existing = out.get(key);
    if (!existing || (existing.ip?.includes(':') && !binding.ip?.includes(':'))) out.set(key, binding);
  }
  return [...out.values()].sort((a, b) => (a.publicPort ?? 0) - (b.publicPort ?? 0) || a.privatePort - b.privatePort);
}

/** One list entry as Berth shows it; `readAt` is when the engine wrote its status text (the list call). */
export function toContainerSummary(engineId: string, raw: RawContainer, readAt = Date.now()): ContainerSummary {
  const labels = raw.Labels ?? {};
  const state = (STATES as readonly string[]).includes(raw.State ?? '') ? (raw.State as ContainerState) : 'dead';
  const status = raw.Status ?? '';
  const age = statusAgeMs(status);
  return {
    engineId,
    id: raw.Id,
    name: (raw.Names?.[0] ?? raw.Id.slice(0, 12)).replace(/^\//, ''),
    image: raw.Image ?? '',
    imageId: raw.ImageID ?? '',
    command: raw.Command ?? '',
    created: (raw.Created ?? 0) * 1000,
    state,
    status,
    statusSince: age === null ? null : readAt - age,
    health: healthFromStatus(status),
    ports: dedupePorts(raw.Ports),
    labels,
    compose: composeRefOf(labels),
    networks: Object.keys(raw.NetworkSettings?.Networks ?? {}),
  };
}
