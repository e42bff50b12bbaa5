import type { AreaImplementation, AreaInputs, EngineInput } from '../../preload/contract';
import type { DiskKind, DiskPrunePlan, DiskUsage, PruneItem, SystemPrunePlan } from '../../preload/contract/disk';
import type { PruneResult } from '../../preload/contract/volumes';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';
import { diskKinds, systemDf, type RawDiskUsage } from './disk-usage';
import type { ContainersService } from './containers';
import type { ImagesService } from './images';
import type { NetworksService } from './networks';
import { addPruneResults, pruneEach } from './prune';
import type { VolumesService } from './volumes';
import { HELPER_LABEL } from './volumes-helper';

type Inputs = AreaInputs<'disk'>;

const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

/**
 * Disk usage from GET /system/df, and prunes that are planned first: each plan lists exactly what goes, and the prune
 * removes those items one by one (never the engine's blanket prune, which could take something created since the
 * preview). Build cache is the exception: the engine only prunes it whole.
 */
export class DiskService implements AreaImplementation<'disk'> {
  constructor(
    private readonly engines: EngineRegistry,
    private readonly containers: ContainersService,
    private readonly images: ImagesService,
    private readonly volumes: VolumesService,
    private readonly networks: NetworksService,
  ) {}

  private async df(engineId?: string): Promise<RawDiskUsage> {
    try {
      return await systemDf(this.engines.get(engineId).api);
    } catch (err) {
      throw toBerthError(err, 'measure disk usage');
    }
  }

  async usage(input: EngineInput): Promise<DiskUsage> {
    const df = await this.df(input.engineId);
    return { engineId: this.engines.get(input.engineId).id, kinds: diskKinds(df), measuredAt: Date.now() };
  }

  async planPrune(input: EngineInput & { kind: DiskKind; allImages?: boolean }): Promise<DiskPrunePlan> {
    const df = await this.df(input.engineId);
    let items: PruneItem[];
    switch (input.kind) {
      case 'containers':
        items = (df.Containers ?? [])
          .filter((c) => c.State !== 'running' && c.State !== 'paused' && c.State !== 'restarting')
          .map((c) => ({ id: c.Id, label: (c.Names?.[0] ?? c.Id).replace(/^\//, ''), size: c.SizeRw ?? 0, detail: `${c.State} · ${c.Image ?? ''}` }));
        break;
      case 'images':
        items = (df.Images ?? [])
          .filter((i) => i.Containers === 0 && (input.allImages || (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>').length === 0))
          .map((i) => {
            const tags = (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
            return { id: i.Id, label: tags[0] ?? `<none> ${shortId(i.Id)}`, size: Math.max(0, i.Size - Math.max(0, i.SharedSize)), detail: tags.length > 1 ? `${tags.length} tags` : shortId(i.Id) };
          });
        break;
      case 'volumes':
        items = (await this.volumes.planPrune(input)).volumes.map((v) => ({ id: v.name, label: v.name, size: v.size, detail: v.composeProject ? `compose project ${v.composeProject}` : v.anonymous ? 'anonymous' : 'named' }));
        break;
      case 'buildCache':
        items = (df.BuildCache ?? [])
          .filter((b) => !b.InUse && !b.Shared)
          .map((b) => ({ id: b.ID, label: b.Description || b.ID.slice(0, 12), size: b.Size, detail: b.Type ?? '' }));
        break;
    }
    return { kind: input.kind, items, totalBytes: items.reduce((s, i) => s + (i.size ?? 0), 0) };
  }

  async prune(input: Inputs['prune']): Promise<PruneResult> {
    const engine = this.engines.get(input.engineId);
    const api = engine.api;
    if (input.kind === 'volumes') return this.volumes.prune({ engineId: input.engineId, names: input.ids });
    if (input.kind === 'buildCache') {
      try {
        const r = (await api.pruneBuilder()) as { SpaceReclaimed?: number; CachesDeleted?: string[] | null };
        return { removed: r.CachesDeleted ?? [], failed: [], reclaimedBytes: r.SpaceReclaimed ?? 0 };
      } catch (err) {
        throw toBerthError(err, 'prune the build cache');
      }
    }
    const plan = await this.planPrune({ engineId: input.engineId, kind: input.kind, allImages: true });
    const sizes = new Map(plan.items.map((i) => [i.id, i.size ?? 0]));
    const { engineId, kind } = input;
    // Each removal is the owning service's, with its checks and its lock: never in the middle of a stop, a tag or a remove.
    const remove = async (id: string) => {
      // Only what is still prunable now: a container started since the preview, an image used since, stays.
      if (!sizes.has(id)) throw new Error('it is in use now (it was not when the preview was made), so it was kept.');
      if (kind === 'images') return this.images.remove({ engineId, id, force: false });
      if ((await api.getContainer(id).inspect()).Config.Labels?.[HELPER_LABEL]) throw new Error('it is a Berth helper at work.');
      // Without force: a container started since the preview is refused by the engine and reported, not stopped.
      return this.containers.remove({ engineId, id, force: false, removeVolumes: false });
    };
    return pruneEach(input.ids, remove, (id) => sizes.get(id) ?? 0);
  }

  async planSystemPrune(input: Inputs['planSystemPrune']): Promise<SystemPrunePlan> {
    const kinds: DiskKind[] = ['containers', 'images', 'buildCache', ...(input.volumes ? (['volumes'] as const) : [])];
    const plans = await Promise.all(kinds.map((kind) => this.planPrune({ engineId: input.engineId, kind })));
    const networks = (await this.networks.planPrune(input)).networks.map((n) => ({ id: n.id, label: n.name, size: null, detail: n.driver }));
    return { plans, networks, totalBytes: plans.reduce((s, p) => s + p.totalBytes, 0) };
  }

  async systemPrune(input: Inputs['systemPrune']): Promise<PruneResult> {
    const results: PruneResult[] = [];
    if (input.containers.length) results.push(await this.prune({ engineId: input.engineId, kind: 'containers', ids: input.containers }));
    if (input.networks.length) results.push(await this.networks.prune({ engineId: input.engineId, ids: input.networks }));
    if (input.volumes.length) results.push(await this.prune({ engineId: input.engineId, kind: 'volumes', ids: input.volumes }));
    if (input.images.length) results.push(await this.prune({ engineId: input.engineId, kind: 'images', ids: input.images }));
    if (input.buildCache) results.push(await this.prune({ engineId: input.engineId, kind: 'buildCache', ids: ['all'] }));
    return addPruneResults(results);
  }
}
