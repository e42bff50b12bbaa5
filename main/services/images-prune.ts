import type { ImagePruneResult, ImageSummary, PrunePlan } from '../../preload/contract/images';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';
import type { LifecycleController } from './lifecycle';
import { locks } from './locks';
import { uniqueSize } from './image-unique-size';
import { mapLimited } from './map-limited';
import { pruneEach } from './prune';
import { splitKeyValue } from '../../preload/contract/key-value';

import type { AreaInputs } from '../../preload/contract';
import type { ImagesService } from './images';

/**
 * `images.planPrune` and `images.prune`: what would go with the bytes it would really free, then exactly those images
 * removed one by one through `ImagesService.remove` (`pruneEach`, as volumes, networks and disk do), never the
 * engine's blanket prune, which could take an image that turned dangling since the preview.
 */
export class ImagePrunes {
  constructor(
    private readonly engines: EngineRegistry,
    private readonly lifecycle: LifecycleController,
    private readonly images: ImagesService,
  ) {}

  /** What a prune would remove: top-level images no container uses (untagged ones only, unless `all`). */
  async planPrune(input: AreaInputs<'images'>['planPrune']): Promise<PrunePlan> {
    const { chosen, unique } = await this.choose(input);
    return {
      all: input.all,
      images: chosen.map((i) => ({ id: i.id, repoTags: i.repoTags, size: i.size, created: i.created })),
      bytes: chosen.reduce((n, i) => n + (unique.get(i.id) ?? 0), 0),
    };
  }

  /** The images the plan lists now, each through the images' own removal (its in-use check and its lock). */
  async prune(input: AreaInputs<'images'>['prune']): Promise<ImagePruneResult> {
    const engine = this.engines.get(input.engineId);
    return this.lifecycle.run(locks.prune(engine.id, 'images'), input.all ? 'prune unused images' : 'prune dangling images', async () => {
      const { chosen, unique } = await this.choose(input);
      const tags = new Map(chosen.map((i) => [i.id, i.repoTags]));
      const result = await pruneEach(
        chosen.map((i) => i.id),
        (id) => this.images.remove({ engineId: input.engineId, id, force: false }),
        (id) => unique.get(id) ?? 0,
      );
      return { deleted: result.removed, untagged: result.removed.flatMap((id) => tags.get(id) ?? []), reclaimed: result.reclaimedBytes };
    }, { kind: 'prune' });
  }

  /** The images a prune takes and the bytes each would really free (layers no kept image shares). */
  private async choose(input: AreaInputs<'images'>['planPrune']): Promise<{ chosen: ImageSummary[]; unique: Map<string, number> }> {
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
    const { key: labelKey, value: labelValue } = input.label ? splitKeyValue(input.label) : { key: null, value: null };
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
    return { chosen, unique };
  }
}
