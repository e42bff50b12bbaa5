import { z } from 'zod';
import { method, stream } from './define';
import { containerRef, empty, engineId } from './common';
import { containerName, runSpecSchema, type RunSpec } from './run-spec';
import { BULK_ACTIONS, BULK_MAX, KILL_SIGNALS } from './container-constants';

export { BULK_ACTIONS, BULK_MAX, BULK_VERBS, KILL_SIGNALS, type BulkAction, type KillSignal } from './container-constants';

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
  /** The engine's human status, e.g. "Up 3 minutes (healthy)", as it was when read: its age goes stale. */
  status: string;
  /** ms since epoch when the status began (start or exit), from the status's age when read; null when it has none. */
  statusSince: number | null;
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

const killSignal = z.enum(KILL_SIGNALS);

export const containersContract = {
  /** A snapshot of every container, then deltas driven by engine events; a new snapshot after each resync. */
  watch: stream<ContainersMessage>()(z.strictObject({ engineId: engineId.optional() }), { jsonMessages: true }),
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
  /** The plans of several containers at once (bulk removal shows them all before anything goes). */
  planRemovals: method<ContainerRemovalPlan[]>()(
    z.strictObject({ engineId: engineId.optional(), ids: z.array(containerRef).min(1).max(BULK_MAX) }),
  ),
  pause: method<void>()(target),
  unpause: method<void>()(target),
  kill: method<void>()(target.extend({ signal: killSignal.default('SIGKILL') })),
  rename: method<void>()(target.extend({ name: containerName.min(1, 'a name is needed') })),
  /** One action on many containers, each through the lifecycle controller, a few at a time; one result per id. */
  bulk: method<BulkResult[]>()(
    z.strictObject({
      engineId: engineId.optional(),
      action: z.enum(BULK_ACTIONS),
      ids: z.array(containerRef).min(1).max(BULK_MAX),
      force: z.boolean().default(false),
      removeVolumes: z.boolean().default(false),
      signal: killSignal.default('SIGKILL'),
      timeoutSeconds: z.number().int().min(0).max(3600).optional(),
    }),
  ),
  /** Creates (and starts, unless `start` is false) a container from a run spec; the new container's id. */
  run: method<{ id: string; name: string }>()(
    z.strictObject({ engineId: engineId.optional(), spec: runSpecSchema, start: z.boolean().default(true) }),
  ),
  /** The run spec that re-creates this container (for duplicate / edit): what differs from its image's defaults. */
  runSpecOf: method<RunSpec>()(target),
  /** The `docker run` command and the compose service for a spec, for the dialog's live preview. */
  previewRun: method<RunExport>()(z.strictObject({ spec: runSpecSchema, maskSecrets: z.boolean().default(false) })),
  /** The same for an existing container (copy as `docker run` / as compose). */
  exportRun: method<RunExport>()(target),
  /** Choices for the run dialog: local images (repo:tag), networks and volumes. */
  runChoices: method<RunChoices>()(z.strictObject({ engineId: engineId.optional() })),
  /**
   * Replaces a container by one made from `spec`: the old one is renamed aside and stopped, the new one created
   * (and started if the old one ran), and only then the old one removed. On any failure the old one is put back.
   */
  recreate: method<{ id: string; name: string }>()(
    target.extend({ spec: runSpecSchema, keepAnonymousVolumes: z.boolean().default(true) }),
  ),
};

export interface RunExport {
  /** A `docker run …` line, shell-quoted for POSIX shells. */
  command: string;
  /** A compose file fragment (`services: <name>: …`) that runs the same container. */
  compose: string;
}

export interface RunChoices {
  images: string[];
  networks: string[];
  volumes: string[];
}

export interface BulkResult {
  id: string;
  name: string;
  ok: boolean;
  /** The reason, written for a person, when it failed. */
  error?: { code: string; message: string };
}

export interface ContainerRemovalPlan {
  container: {
    id: string;
    name: string;
    state: ContainerState;
    image: string;
    /** Set when compose manages it (its labels name a project). */
    compose?: { project: string; service: string };
  };
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
export type { RunSpec, RunSpecInput, PortSpec, MountSpec, HealthcheckSpec } from './run-spec';
