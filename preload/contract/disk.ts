import { z } from 'zod';
import { method } from './define';
import { engineId } from './common';
import type { PruneResult } from './volumes';

/** Disk usage (`docker system df`) and planned prunes. */

export const DISK_KINDS = ['images', 'containers', 'volumes', 'buildCache'] as const;
export type DiskKind = (typeof DISK_KINDS)[number];

export interface DiskKindUsage {
  kind: DiskKind;
  /** How many objects of this kind. */
  total: number;
  /** In use (images used by a container, running containers, volumes mounted, cache in use). */
  active: number;
  /** Bytes, as `docker system df` counts them. */
  size: number;
  reclaimable: number;
}

export interface DiskUsage {
  engineId: string;
  kinds: DiskKindUsage[];
  /** ms since epoch */
  measuredAt: number;
}

export interface PruneItem {
  /** What prune acts on: an image/container id, a volume name, a cache record id. */
  id: string;
  label: string;
  /** Bytes freed, when known. */
  size: number | null;
  detail?: string;
}

export interface DiskPrunePlan {
  kind: DiskKind;
  items: PruneItem[];
  totalBytes: number;
}

export interface SystemPrunePlan {
  /** One plan per kind that system prune touches. Volumes only when asked. */
  plans: DiskPrunePlan[];
  /** Unused user networks (no size). */
  networks: PruneItem[];
  totalBytes: number;
}

const kind = z.enum(DISK_KINDS);
const itemId = z.string().min(1).max(256).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:-]*$/, 'not an object id');

export const diskContract = {
  usage: method<DiskUsage>()(z.strictObject({ engineId: engineId.optional() })),
  /**
   * What a prune of one kind removes: stopped containers; dangling images (all unused with `allImages`); unused
   * volumes; build cache not in use.
   */
  planPrune: method<DiskPrunePlan>()(
    z.strictObject({ engineId: engineId.optional(), kind, allImages: z.boolean().default(false) }),
  ),
  /** Removes the previewed items (never more than the plan showed); build cache is pruned whole. */
  prune: method<PruneResult>()(
    z.strictObject({ engineId: engineId.optional(), kind, ids: z.array(itemId).min(1).max(5000) }),
  ),
  planSystemPrune: method<SystemPrunePlan>()(
    z.strictObject({ engineId: engineId.optional(), volumes: z.boolean().default(false) }),
  ),
  /** Runs the plan kind by kind: containers first (so their images and volumes become unused), then the rest. */
  systemPrune: method<PruneResult>()(
    z.strictObject({
      engineId: engineId.optional(),
      containers: z.array(itemId).max(5000).default([]),
      images: z.array(itemId).max(5000).default([]),
      volumes: z.array(itemId).max(5000).default([]),
      networks: z.array(itemId).max(5000).default([]),
      buildCache: z.boolean().default(false),
    }),
  ),
};
