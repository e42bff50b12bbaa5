import os from 'node:os';
import type Docker from 'dockerode';
import type { AreaImplementation, AreaInputs, EngineInput } from '../../preload/contract';
import { BerthError } from '../../preload/contract/errors';
import type {
  HelperImageInfo,
  PruneResult,
  VolumeInspection,
  VolumePrunePlan,
  VolumeRemovalPlan,
  VolumeSizes,
  VolumeSummary,
  VolumeUser,
  VolumesMessage,
} from '../../preload/contract/volumes';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';
import type { ContainerFilesService } from './container-details-files';
import { systemDf } from './disk-usage';
import type { LifecycleController } from './lifecycle';
import { locks } from './locks';
import { pruneEach } from './prune';
import { VolumeBrowser } from './volumes-browse';
import { HELPER_LABEL, type VolumeHelpers } from './volumes-helper';
import { LIST_COALESCE_MS, PerEngine, SnapshotList } from './live-list';
import { engineTime } from './container-details-parse';

type Inputs = AreaInputs<'volumes'>;
/** One volume by name. */
type Target = Inputs['inspect'];

const ANONYMOUS = /^[0-9a-f]{64}$/;
const COMPOSE_PROJECT = 'com.docker.compose.project';

interface RawVolume {
  Name: string;
  Driver: string;
  Mountpoint: string;
  Scope?: string;
  CreatedAt?: string;
  Labels?: Record<string, string> | null;
  Options?: Record<string, string> | null;
}

/** Which containers mount which volume (Mounts of /containers/json), helpers left out. */
export function usersByVolume(containers: Docker.ContainerInfo[]): Map<string, VolumeUser[]> {
  const map = new Map<string, VolumeUser[]>();
  for (const c of containers) {
    if (c.Labels?.[HELPER_LABEL]) continue;
    for (const m of c.Mounts ?? []) {
      if (m.Type !== 'volume' || !m.Name) continue;
      const list = map.get(m.Name) ?? [];
      list.push({ id: c.Id, name: (c.Names?.[0] ?? c.Id).replace(/^\//, ''), running: c.State === 'running', destination: m.Destination });
      map.set(m.Name, list);
    }
  }
  return map;
}

export function toVolumeSummary(engineId: string, v: RawVolume, users: VolumeUser[]): VolumeSummary {
  const labels = v.Labels ?? {};
  return {
    engineId,
    name: v.Name,
    driver: v.Driver,
    mountpoint: v.Mountpoint,
    scope: v.Scope ?? 'local',
    created: engineTime(v.CreatedAt),
    labels,
    options: v.Options ?? {},
    anonymous: ANONYMOUS.test(v.Name),
    composeProject: labels[COMPOSE_PROJECT] ?? null,
    usedBy: users,
  };
}

/**
 * Container events that change what a volume's row says about a container using it (running or not, its name). Only
 * a user's own events re-read the list: with thousands of containers, reading them all for every start and stop
 * elsewhere would cost more than the list is worth.
 */
const USER_CHANGES = new Set(['start', 'die', 'pause', 'unpause', 'rename']);

/** The ids of the containers using any volume of a list, kept for the list they were read from. */
class UserIds {
  private from: readonly VolumeSummary[] | null = null;
  private ids = new Set<string>();

  of(volumes: readonly VolumeSummary[]): ReadonlySet<string> {
    if (volumes !== this.from) {
      this.from = volumes;
      this.ids = new Set(volumes.flatMap((v) => v.usedBy.map((u) => u.id)));
    }
    return this.ids;
  }
}

/**
 * The `volumes` area but its transfers (`volumes-transfer.ts`): list and watch, create, inspect, planned removal and
 * prune, the helper image; browsing is `files` (`volumes-browse.ts`). Removal takes the volume's lock, so it waits for
 * a backup, restore or clone of the same volume to finish.
 */
export class VolumesService implements Omit<AreaImplementation<'volumes'>, 'backup' | 'restore' | 'clone'> {
  readonly files: VolumeBrowser;
  /** Each engine's live volume list, made when first watched. */
  private readonly lists: PerEngine<SnapshotList<VolumeSummary, VolumesMessage>>;

  constructor(
    private readonly engines: EngineRegistry,
    readonly helpers: VolumeHelpers,
    containerFiles: ContainerFilesService,
    private readonly lifecycle: LifecycleController,
  ) {
    this.files = new VolumeBrowser(engines, helpers, containerFiles);
    this.lists = new PerEngine(engines, (engine) => {
      const users = new UserIds();
      const list: SnapshotList<VolumeSummary, VolumesMessage> = new SnapshotList<VolumeSummary, VolumesMessage>(engine, {
        read: () => this.list({ engineId: engine.id }),
        relevant: (e) =>
          e.Type === 'volume' ||
          (e.Type === 'container' &&
            (e.Action === 'create' || e.Action === 'destroy' || (USER_CHANGES.has(e.Action ?? '') && users.of(list.list()).has(e.Actor?.ID ?? '')))),
        message: (engineId, volumes) => ({ type: 'snapshot', engineId, volumes }),
        coalesceMs: LIST_COALESCE_MS,
      });
      return list.start();
    });
  }

  async list(input: EngineInput): Promise<VolumeSummary[]> {
    const engine = this.engines.get(input.engineId);
    try {
      const [volumes, containers] = await Promise.all([engine.api.listVolumes(), engine.api.listContainers({ all: true })]);
      const users = usersByVolume(containers);
      return (volumes.Volumes ?? []).map((v) => toVolumeSummary(engine.id, v as RawVolume, users.get(v.Name) ?? [])).sort((a, b) => a.name.localeCompare(b.name));
    } catch (err) {
      throw toBerthError(err, 'list volumes');
    }
  }

  watch(input: EngineInput, emit: (m: VolumesMessage) => void, signal: AbortSignal): Promise<void> {
    return this.lists.get(input.engineId).stream(emit, signal);
  }

  async sizes(input: EngineInput): Promise<VolumeSizes> {
    const api = this.engines.get(input.engineId).api;
    try {
      const df = await systemDf(api);
      const sizes: Record<string, number> = {};
      for (const v of df.Volumes ?? []) if (v.UsageData && v.UsageData.Size >= 0) sizes[v.Name] = v.UsageData.Size;
      return { sizes, measuredAt: Date.now() };
    } catch (err) {
      throw toBerthError(err, 'measure volume sizes');
    }
  }

  async create(input: Inputs['create']): Promise<VolumeSummary> {
    const engine = this.engines.get(input.engineId);
    // The engine answers an existing name with that volume (create is idempotent): say it is taken instead.
    const existing = await engine.api.getVolume(input.name).inspect().catch(() => null);
    if (existing) throw new BerthError('CONFLICT', `A volume named "${input.name}" already exists.`, { exists: true });
    try {
      await engine.api.createVolume({ Name: input.name, Driver: input.driver, DriverOpts: input.options, Labels: input.labels });
      const v = (await engine.api.getVolume(input.name).inspect()) as unknown as RawVolume;
      return toVolumeSummary(engine.id, v, []);
    } catch (err) {
      throw toBerthError(err, `create volume "${input.name}"`);
    }
  }

  private async raw(t: Target): Promise<RawVolume & Record<string, unknown>> {
    try {
      return (await this.engines.get(t.engineId).api.getVolume(t.name).inspect()) as unknown as RawVolume & Record<string, unknown>;
    } catch (err) {
      throw toBerthError(err, `read volume "${t.name}"`);
    }
  }

  async users(t: Target): Promise<VolumeUser[]> {
    const api = this.engines.get(t.engineId).api;
    const containers = await api.listContainers({ all: true, filters: { volume: [t.name] } }).catch((err: unknown) => {
      throw toBerthError(err, `find the containers using "${t.name}"`);
    });
    return usersByVolume(containers).get(t.name) ?? [];
  }

  async inspect(t: Target): Promise<VolumeInspection> {
    const [raw, users] = await Promise.all([this.raw(t), this.users(t)]);
    return { summary: toVolumeSummary(this.engines.get(t.engineId).id, raw, users), raw };
  }

  async planRemoval(t: Target): Promise<VolumeRemovalPlan> {
    const [raw, users, sizes] = await Promise.all([this.raw(t), this.users(t), this.sizes(t).catch(() => null)]);
    return { name: raw.Name, size: sizes?.sizes[raw.Name] ?? null, usedBy: users, mountpoint: raw.Mountpoint };
  }

  /** After any transfer of the same volume: checked unused when its turn comes, not before. */
  async remove(t: Target): Promise<void> {
    const engine = this.engines.get(t.engineId);
    await this.lifecycle.run(locks.volume(engine.id, t.name), `remove volume ${t.name}`, async () => {
      const users = await this.users(t);
      if (users.length > 0) throw inUse(t.name, users);
      await this.files.stop(t);
      try {
        await engine.api.getVolume(t.name).remove();
      } catch (err) {
        throw toBerthError(err, `remove volume "${t.name}"`);
      }
    });
  }

  async planPrune(input: EngineInput): Promise<VolumePrunePlan> {
    const [volumes, sizes] = await Promise.all([this.list(input), this.sizes(input).catch(() => null)]);
    const unused = volumes
      .filter((v) => v.usedBy.length === 0)
      .map((v) => ({ name: v.name, size: sizes?.sizes[v.name] ?? null, anonymous: v.anonymous, composeProject: v.composeProject }));
    return { volumes: unused, totalBytes: unused.reduce((sum, v) => sum + (v.size ?? 0), 0) };
  }

  /** One by one, each checked unused again right before it goes, so nothing outside the preview is touched. */
  async prune(input: Inputs['prune']): Promise<PruneResult> {
    const sizes = await this.sizes(input).catch(() => null);
    return pruneEach(input.names, (name) => this.remove({ engineId: input.engineId, name }), (name) => sizes?.sizes[name] ?? 0);
  }

  helperImage(input: EngineInput): Promise<HelperImageInfo> {
    return this.helpers.imageInfo(input.engineId);
  }

  setHelperImage(input: Inputs['setHelperImage']): Promise<HelperImageInfo> {
    return this.helpers.setImage(input.engineId, input.image);
  }

  defaultBackupFolder(): Promise<string> {
    return Promise.resolve(os.homedir());
  }
}

export function inUse(name: string, users: VolumeUser[]): BerthError {
  const names = users.map((u) => u.name);
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
  return new BerthError('CONFLICT', `Volume "${name}" is used by ${names.length === 1 ? 'container' : 'containers'} ${shown}; remove ${names.length === 1 ? 'it' : 'them'} first.`, {
    inUse: true,
    containers: names,
  });
}
