import { z } from 'zod';
import { method, stream } from './define';
import { containerRef, empty, engineId } from './common';

export type ContainerState = 'created' | 'running' | 'paused' | 'restarting' | 'removing' | 'exited' | 'dead';
export type ContainerHealth = 'healthy' | 'unhealthy' | 'starting' | null;

export interface PortBinding {
  privatePort: number;
  publicPort?: number;
  /** Host address the port is published on ('0.0.0.0', '::', '127.0.0.1', …). */
  ip?: string;
  type: 'tcp' | 'udp' | 'sctp';
}

export interface ComposeRef {
  project: string;
  service: string;
  /** Container number within the service (`web-1`, `web-2`). */
  number?: number;
  workingDir?: string;
  configFiles?: string[];
}

export interface ContainerSummary {
  engineId: string;
  id: string;
  /** Without the leading slash. */
  name: string;
  image: string;
  imageId: string;
  command: string;
  /** ms since epoch */
  created: number;
  state: ContainerState;
  /** The engine's human status, e.g. "Up 3 minutes (healthy)". */
  status: string;
  health: ContainerHealth;
  ports: PortBinding[];
  labels: Record<string, string>;
  compose: ComposeRef | null;
  networks: string[];
}

export type ContainersMessage =
  | { type: 'snapshot'; engineId: string; containers: ContainerSummary[] }
  | { type: 'delta'; engineId: string; upserts: ContainerSummary[]; removes: string[] };

const target = z.strictObject({ engineId: engineId.optional(), id: containerRef });

export const containersContract = {
  /** A snapshot of every container, then deltas driven by engine events; a new snapshot after each resync. */
  watch: stream<ContainersMessage>()(z.strictObject({ engineId: engineId.optional() })),
  list: method<ContainerSummary[]>()(z.strictObject({ engineId: engineId.optional() })),
  start: method<void>()(target),
  stop: method<void>()(
    target.extend({ timeoutSeconds: z.number().int().min(0).max(3600).optional() }),
  ),
  restart: method<void>()(
    target.extend({ timeoutSeconds: z.number().int().min(0).max(3600).optional() }),
  ),
  remove: method<void>()(
    target.extend({ force: z.boolean().default(false), removeVolumes: z.boolean().default(false) }),
  ),
  /** What removing this container loses, for the confirmation dialog. */
  planRemoval: method<ContainerRemovalPlan>()(target),
};

export interface ContainerRemovalPlan {
  container: { id: string; name: string; state: ContainerState; image: string };
  /** True when it is running and must be force-removed (stopped first). */
  running: boolean;
  /** Anonymous volumes that go only when removeVolumes is chosen. */
  anonymousVolumes: string[];
  /** Named volumes and bind mounts, which are kept. */
  keptMounts: { type: 'volume' | 'bind'; name: string; destination: string }[];
  /** The writable layer (files changed inside the container) is always lost. */
  writableLayerLost: true;
}

export { empty };
