import type { ImageSummary, ImagesMessage } from '../../preload/contract/images';
import type { EngineConnection } from '../engine/connection';
import { SnapshotList } from './live-list';

/** Image events that change the list (`push` and `save` do not). */
const LIST_ACTIONS = new Set(['pull', 'tag', 'untag', 'delete', 'import', 'load', 'create', 'prune']);

interface RawImage {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Size: number;
  Created: number;
  Labels?: Record<string, string> | null;
}

export function toImageSummary(engineId: string, raw: RawImage): ImageSummary {
  const repoTags = (raw.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
  return {
    engineId,
    id: raw.Id,
    repoTags,
    repoDigests: (raw.RepoDigests ?? []).filter((d) => d !== '<none>@<none>'),
    size: raw.Size,
    created: raw.Created * 1000,
    labels: raw.Labels ?? {},
    dangling: repoTags.length === 0,
  };
}

export type ImageList = SnapshotList<ImageSummary, ImagesMessage>;

/**
 * One engine's top-level images (what `docker images` lists) as a live list (live-list.ts): read whole on every
 * (re)connection and after image events, coalesced so a pull of ten tags costs one list call.
 */
export function imageList(engine: EngineConnection, coalesceMs = 60): ImageList {
  return new SnapshotList(engine, {
    read: async (docker) => ((await docker.listImages()) as unknown as RawImage[]).map((r) => toImageSummary(engine.id, r)),
    relevant: (ev) => ev.Type === 'image' && LIST_ACTIONS.has(ev.Action ?? ev.status ?? ''),
    message: (engineId, images) => ({ type: 'snapshot', engineId, images }),
    coalesceMs,
  });
}
