import type { ComposeRef, ContainerHealth, ContainerState, ContainerSummary, PortBinding } from '../../preload/contract/containers';

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

export function toContainerSummary(engineId: string, raw: RawContainer): ContainerSummary {
  const labels = raw.Labels ?? {};
  const state = (STATES as readonly string[]).includes(raw.State ?? '') ? (raw.State as ContainerState) : 'dead';
  const status = raw.Status ?? '';
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
    health: healthFromStatus(status),
    ports: dedupePorts(raw.Ports),
    labels,
    compose: composeRefOf(labels),
    networks: Object.keys(raw.NetworkSettings?.Networks ?? {}),
  };
}
