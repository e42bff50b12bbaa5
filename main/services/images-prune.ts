import type { PrunePlan, ImagePruneResult } from '../../preload/contract/images';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';
import type { ContainersService } from './containers';
import type { LifecycleController } from './lifecycle';
import { locks } from './locks';
import { uniqueSize } from './image-unique-size';
import { mapLimited } from './map-limited';

import type { AreaInputs } from '../../preload/contract';
import type { ImagesService } from './images';

/** `images.planPrune` and `images.prune`: what would go with the bytes it would really free, then the engine's prune under the images' prune lock. */
export class ImagePrunes {
  constructor(
    private readonly engines: EngineRegistry,
    private readonly lifecycle: LifecycleController,
    private readonly images: ImagesService,
    private readonly containers: ContainersService,
  ) {}

  /** What a prune would remove: top-level images no container uses (untagged ones only, unless `all`). */
  async planPrune(input: AreaInputs<'images'>['planPrune']): Promise<PrunePlan> {
    const api = this.engines.get(input.engineId).api;
    let df: { Images?: { Id: string; Size: number; SharedSize: number; Containers: number }[] };
    let containers: { ImageID: string }[];
    try {
      [df, containers] = await Promise.all([
        api.df() as Promise<typeof df>,
        api.listContainers({ all: true }) as unknown as Promise<{ ImageID: string }[]>,
      ]);
    } catch (err) {
      throw toBerthError(err, 'work out what a prune removes');
    }
    const images = await this.images.store(input.engineId).reloadNow();
    const used = new Set(containers.map((c) => c.ImageID));
    const unique = new Map((df.Images ?? []).map((i) => [i.Id, Math.max(0, i.Size - Math.max(0, i.SharedSize))]));
    const sizeOf = new Map((df.Images ?? []).map((i) => [i.Id, i.Size]));
    const [labelKey, labelValue] = input.label ? splitLabel(input.label) : [null, null];
    const chosen = images.filter(
      (i) =>
        !used.has(i.id) &&
        (input.all || i.dangling) &&
        (labelKey === null || (labelKey in i.labels && (labelValue === null || i.labels[labelKey] === labelValue))),
    );
    // Docker 26's /system/df says SharedSize = Size for images whose own top layers no other image has: read as is,
    // a prune would free nothing. Then the unique bytes come from the layer chains instead.
    if (chosen.some((i) => (sizeOf.get(i.id) ?? 0) > 0 && unique.get(i.id) === 0)) {
      const layered = await mapLimited(images, 8, async (i) => ({
        id: i.id,
        size: sizeOf.get(i.id) ?? i.size,
        layers: ((await api.getImage(i.id).inspect().catch(() => null))?.RootFS?.Layers ?? []) as string[],
      }));
      const chosenIds = new Set(chosen.map((i) => i.id));
      const others = layered.filter((l) => !chosenIds.has(l.id));
      for (const l of layered) if (chosenIds.has(l.id)) unique.set(l.id, uniqueSize(l, others));
    }
    return {
      all: input.all,
      images: chosen.map((i) => ({ id: i.id, repoTags: i.repoTags, size: i.size, created: i.created })),
      bytes: chosen.reduce((n, i) => n + (unique.get(i.id) ?? 0), 0),
    };
  }

  async prune(input: AreaInputs<'images'>['prune']): Promise<ImagePruneResult> {
    const engine = this.engines.get(input.engineId);
    const filters: Record<string, string[]> = { dangling: [input.all ? 'false' : 'true'] };
    if (input.label) filters.label = [input.label];
    return this.lifecycle.run(locks.prune(engine.id, 'images'), input.all ? 'prune unused images' : 'prune dangling images', async () => {
      let res: { ImagesDeleted?: { Untagged?: string; Deleted?: string }[] | null; SpaceReclaimed?: number };
      try {
        res = (await engine.api.pruneImages({ filters })) as typeof res;
      } catch (err) {
        throw toBerthError(err, 'prune images');
      }
      this.images.store(input.engineId).refresh();
      const deleted = (res.ImagesDeleted ?? []).flatMap((d) => (d.Deleted ? [d.Deleted] : []));
      const untagged = (res.ImagesDeleted ?? []).flatMap((d) => (d.Untagged ? [d.Untagged] : []));
      return { deleted, untagged, reclaimed: res.SpaceReclaimed ?? 0 };
    }, { kind: 'prune' });
  }
}

function splitLabel(label: string): [string, string | null] {
  const eq = label.indexOf('=');
  return eq === -1 ? [label, null] : [label.slice(0, eq), label.slice(eq + 1)];
}
