import path from 'node:path/posix';
import type Docker from 'dockerode';
import type { AreaImplementation, AreaInputs } from '../../preload/contract';
import type { FileContent, FileDownloadMessage, FolderListing } from '../../preload/contract/container-details';
import { BerthError } from '../../preload/contract/errors';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';
import type { ContainerFilesService } from './container-details-files';
import type { VolumeHelpers } from './volumes-helper';

type Inputs = AreaInputs<'volumes'>['files'];
type Implementation = AreaImplementation<'volumes'>['files'];
type VolumeRef = Pick<Inputs['list'], 'engineId' | 'name'>;

/** Where helpers mount the volume being browsed or backed up. */
export const VOLUME_ROOT = '/volume';
/** A browsing helper nobody asked anything of for this long is removed. */
export const BROWSE_IDLE_MS = 30_000;

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

/**
 * `volumes.files.*`: browsing a volume through one read-only helper per volume, kept while the user clicks around,
 * removed when idle, before the volume is removed, and when Berth closes. The listing, reading and download are the
 * container file service's, said in the volume's terms.
 */
export class VolumeBrowser implements Implementation {
  private readonly browsing = new Map<string, BrowseSession>();

  constructor(
    private readonly engines: EngineRegistry,
    private readonly helpers: VolumeHelpers,
    private readonly files: ContainerFilesService,
  ) {}

  async list(t: Inputs['list']): Promise<FolderListing> {
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

  async read(t: Inputs['read']): Promise<FileContent> {
    const c = await this.browser(t);
    const content = await this.files.read({ engineId: t.engineId, id: c.id, path: helperPath(t.path) }).catch(inVolumeTerms);
    return { ...content, path: volumePath(content.path) };
  }

  async download(t: Inputs['download'], emit: (m: FileDownloadMessage) => void, signal: AbortSignal): Promise<void> {
    const c = await this.browser(t);
    const inner = helperPath(t.path);
    await this.files.download({ engineId: t.engineId, id: c.id, path: inner }, (m) => {
      // The volume's root downloads as "<volume>.tar", not as the helper's folder name.
      if (m.type === 'start' && inner === VOLUME_ROOT) emit({ ...m, fileName: `${t.name}.tar` });
      else emit(m);
    }, signal).catch(inVolumeTerms);
  }

  /** Removes the volume's browsing helper, if any (before the volume is removed). */
  async stop(t: VolumeRef): Promise<void> {
    const key = this.key(t);
    const session = this.browsing.get(key);
    if (!session) return;
    this.browsing.delete(key);
    clearTimeout(session.timer);
    const c = await session.container.catch(() => null);
    if (c) await this.helpers.remove(c);
  }

  /** Removes every browsing helper (backend shutdown). */
  async close(): Promise<void> {
    await Promise.all([...this.browsing.keys()].map((key) => {
      const [engineId, ...rest] = key.split('/');
      return this.stop({ engineId, name: rest.join('/') });
    }));
  }

  private key(t: VolumeRef): string {
    return `${this.engines.get(t.engineId).id}/${t.name}`;
  }

  private async browser(t: VolumeRef): Promise<Docker.Container> {
    const key = this.key(t);
    const existing = this.browsing.get(key);
    if (existing) {
      existing.timer.refresh();
      return existing.container;
    }
    // A clear "no such volume" rather than a helper that silently creates it.
    await this.engines.get(t.engineId).api.getVolume(t.name).inspect().catch((err: unknown) => {
      throw toBerthError(err, `read volume "${t.name}"`);
    });
    const container = this.helpers.create(t.engineId, [{ volume: t.name, target: VOLUME_ROOT, readOnly: true }]);
    const session: BrowseSession = { container, timer: setTimeout(() => void this.stop(t), BROWSE_IDLE_MS) };
    this.browsing.set(key, session);
    container.catch(() => this.browsing.get(key) === session && this.browsing.delete(key));
    return container;
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
