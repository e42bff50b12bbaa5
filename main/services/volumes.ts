import path from 'node:path/posix';
import os from 'node:os';
import type Docker from 'dockerode';
import type { FileContent, FileDownloadMessage, FolderListing } from '../../preload/contract/container-details';
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
import { HELPER_LABEL, type VolumeHelpers } from './volumes-helper';
import { watchEngineList } from './volumes-watch';

interface Target {
  engineId?: string | undefined;
  name: string;
}

const ANONYMOUS = /^[0-9a-f]{64}$/;
const COMPOSE_PROJECT = 'com.docker.compose.project';
/** Where helpers mount the volume being browsed or backed up. */
export const VOLUME_ROOT = '/volume';
/** A browsing helper nobody asked anything of for this long is removed. */
export const BROWSE_IDLE_MS = 30_000;

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
  const created = v.CreatedAt ? Date.parse(v.CreatedAt) : NaN;
  const labels = v.Labels ?? {};
  return {
    engineId,
    name: v.Name,
    driver: v.Driver,
    mountpoint: v.Mountpoint,
    scope: v.Scope ?? 'local',
    created: Number.isFinite(created) ? created : null,
    labels,
    options: v.Options ?? {},
    anonymous: ANONYMOUS.test(v.Name),
    composeProject: labels[COMPOSE_PROJECT] ?? null,
    usedBy: users,
  };
}

/** A path inside the volume ("/", "/a/b") as a path inside the helper, never above the volume's root. */
export function helperPath(volumePath: string): string {
  const normal = path.normalize(`/${volumePath}`);
  return normal === '/' ? VOLUME_ROOT : `${VOLUME_ROOT}${normal}`;
}

/** The helper's path back as the volume's ("/volume/a" → "/a"). */
export function volumePath(p: string): string {
  if (p === VOLUME_ROOT) return '/';
  return p.startsWith(`${VOLUME_ROOT}/`) ? p.slice(VOLUME_ROOT.length) : p;
}

interface BrowseSession {
  container: Promise<Docker.Container>;
  timer: NodeJS.Timeout;
}

export class VolumesService {
  private readonly browsing = new Map<string, BrowseSession>();

  constructor(
    private readonly engines: EngineRegistry,
    readonly helpers: VolumeHelpers,
    private readonly files: ContainerFilesService,
  ) {}

  async list(input: { engineId?: string | undefined }): Promise<VolumeSummary[]> {
    const engine = this.engines.get(input.engineId);
    try {
      const [volumes, containers] = await Promise.all([engine.api.listVolumes(), engine.api.listContainers({ all: true })]);
      const users = usersByVolume(containers);
      return (volumes.Volumes ?? []).map((v) => toVolumeSummary(engine.id, v as RawVolume, users.get(v.Name) ?? [])).sort((a, b) => a.name.localeCompare(b.name));
    } catch (err) {
      throw toBerthError(err, 'list volumes');
    }
  }

  watch(input: { engineId?: string | undefined }, emit: (m: VolumesMessage) => void, signal: AbortSignal): Promise<void> {
    const engine = this.engines.get(input.engineId);
    return watchEngineList(
      engine,
      (e) => e.Type === 'volume' || (e.Type === 'container' && (e.Action === 'create' || e.Action === 'destroy')),
      async () => ({ type: 'snapshot' as const, engineId: engine.id, volumes: await this.list(input) }),
      emit,
      signal,
    );
  }

  async sizes(input: { engineId?: string | undefined }): Promise<VolumeSizes> {
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

  async create(input: Target & { driver: string; options: Record<string, string>; labels: Record<string, string> }): Promise<VolumeSummary> {
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

  async remove(t: Target): Promise<void> {
    const users = await this.users(t);
    if (users.length > 0) throw inUse(t.name, users);
    await this.stopBrowsing(t);
    try {
      await this.engines.get(t.engineId).api.getVolume(t.name).remove();
    } catch (err) {
      throw toBerthError(err, `remove volume "${t.name}"`);
    }
  }

  async planPrune(input: { engineId?: string | undefined }): Promise<VolumePrunePlan> {
    const [volumes, sizes] = await Promise.all([this.list(input), this.sizes(input).catch(() => null)]);
    const unused = volumes
      .filter((v) => v.usedBy.length === 0)
      .map((v) => ({ name: v.name, size: sizes?.sizes[v.name] ?? null, anonymous: v.anonymous, composeProject: v.composeProject }));
    return { volumes: unused, totalBytes: unused.reduce((sum, v) => sum + (v.size ?? 0), 0) };
  }

  /** One by one, each checked unused again right before it goes, so nothing outside the preview is touched. */
  async prune(input: { engineId?: string | undefined; names: string[] }): Promise<PruneResult> {
    const sizes = await this.sizes(input).catch(() => null);
    const result: PruneResult = { removed: [], failed: [], reclaimedBytes: 0 };
    for (const name of input.names) {
      try {
        await this.remove({ engineId: input.engineId, name });
        result.removed.push(name);
        result.reclaimedBytes += sizes?.sizes[name] ?? 0;
      } catch (err) {
        result.failed.push({ name, message: toBerthError(err).message });
      }
    }
    return result;
  }

  helperImage(input: { engineId?: string | undefined }): Promise<HelperImageInfo> {
    return this.helpers.imageInfo(input.engineId);
  }

  setHelperImage(input: { engineId?: string | undefined; image: string | null }): Promise<HelperImageInfo> {
    return this.helpers.setImage(input.engineId, input.image);
  }

  defaultBackupFolder(): Promise<string> {
    return Promise.resolve(os.homedir());
  }

  // Browsing: one read-only helper per volume, kept while the user clicks around, removed when idle.

  private key(t: Target): string {
    return `${this.engines.get(t.engineId).id}/${t.name}`;
  }

  private async browser(t: Target): Promise<Docker.Container> {
    const key = this.key(t);
    const existing = this.browsing.get(key);
    if (existing) {
      existing.timer.refresh();
      return existing.container;
    }
    await this.raw(t); // a clear "no such volume" rather than a helper that silently creates it
    const container = this.helpers.create(t.engineId, [{ volume: t.name, target: VOLUME_ROOT, readOnly: true }]);
    const session: BrowseSession = { container, timer: setTimeout(() => void this.stopBrowsing(t), BROWSE_IDLE_MS) };
    this.browsing.set(key, session);
    container.catch(() => this.browsing.get(key) === session && this.browsing.delete(key));
    return container;
  }

  private async stopBrowsing(t: Target): Promise<void> {
    const key = this.key(t);
    const session = this.browsing.get(key);
    if (!session) return;
    this.browsing.delete(key);
    clearTimeout(session.timer);
    const c = await session.container.catch(() => null);
    if (c) await this.helpers.remove(c);
  }

  async listFiles(t: Target & { path: string }): Promise<FolderListing> {
    const c = await this.browser(t);
    const listing = await this.files.list({ engineId: t.engineId, id: c.id, path: helperPath(t.path) }).catch(inVolumeTerms);
    const out: FolderListing = {
      path: volumePath(listing.path),
      entries: listing.entries.map((e) => ({ ...e, path: volumePath(e.path) })),
      truncated: listing.truncated,
    };
    if (listing.linkedFrom) out.linkedFrom = volumePath(listing.linkedFrom);
    return out;
  }

  async readFile(t: Target & { path: string }): Promise<FileContent> {
    const c = await this.browser(t);
    const content = await this.files.read({ engineId: t.engineId, id: c.id, path: helperPath(t.path) }).catch(inVolumeTerms);
    return { ...content, path: volumePath(content.path) };
  }

  async downloadFile(t: Target & { path: string }, emit: (m: FileDownloadMessage) => void, signal: AbortSignal): Promise<void> {
    const c = await this.browser(t);
    const inner = helperPath(t.path);
    await this.files.download({ engineId: t.engineId, id: c.id, path: inner }, (m) => {
      // The volume's root downloads as "<volume>.tar", not as the helper's folder name.
      if (m.type === 'start' && inner === VOLUME_ROOT) emit({ ...m, fileName: `${t.name}.tar` });
      else emit(m);
    }, signal).catch(inVolumeTerms);
  }

  /** Removes every browsing helper (backend shutdown). */
  async close(): Promise<void> {
    await Promise.all([...this.browsing.keys()].map((key) => {
      const [engineId, ...rest] = key.split('/');
      return this.stopBrowsing({ engineId, name: rest.join('/') });
    }));
  }
}

/** The file service speaks of the helper's paths and "this container": say it in the volume's terms. */
function inVolumeTerms(err: unknown): never {
  const e = toBerthError(err);
  throw new BerthError(
    e.code,
    e.message.replaceAll(`"${VOLUME_ROOT}/`, '"/').replaceAll(`"${VOLUME_ROOT}"`, '"/"').replaceAll('this container', 'this volume'),
    e.details,
  );
}

export function inUse(name: string, users: VolumeUser[]): BerthError {
  const names = users.map((u) => u.name);
  const shown = names.slice(0, 5).join(', ') + (names.length > 5 ? ` and ${names.length - 5} more` : '');
  return new BerthError('CONFLICT', `Volume "${name}" is used by ${names.length === 1 ? 'container' : 'containers'} ${shown}; remove ${names.length === 1 ? 'it' : 'them'} first.`, {
    inUse: true,
    containers: names,
  });
}
