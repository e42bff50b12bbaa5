import { z } from 'zod';
import { method, stream } from './define';
import { engineId } from './common';
import { containerPath, type FileContent, type FileDownloadMessage, type FolderListing } from './container-details';

/** Volumes: list, create, inspect, planned removal and prune, browsing, backup / restore / clone. */

export interface VolumeUser {
  id: string;
  name: string;
  running: boolean;
  /** Where the volume is mounted in that container. */
  destination: string;
}

export interface VolumeSummary {
  engineId: string;
  name: string;
  driver: string;
  mountpoint: string;
  scope: string;
  /** ms since epoch; null when the engine does not say. */
  created: number | null;
  labels: Record<string, string>;
  options: Record<string, string>;
  /** A 64-hex name: made by a container's VOLUME, not named by anyone. */
  anonymous: boolean;
  /** `com.docker.compose.project`, when compose made it. */
  composeProject: string | null;
  /** Containers (running or not) that mount it. */
  usedBy: VolumeUser[];
}

export type VolumesMessage = { type: 'snapshot'; engineId: string; volumes: VolumeSummary[] };

/** Sizes the engine reports through `/system/df` (local driver only; -1 / missing means it does not know). */
export interface VolumeSizes {
  /** Name → bytes. Missing names have no reported size. */
  sizes: Record<string, number>;
  /** ms since epoch when measured. */
  measuredAt: number;
}

export interface VolumeInspection {
  summary: VolumeSummary;
  raw: Record<string, unknown>;
}

export interface VolumeRemovalPlan {
  name: string;
  /** Bytes, when the engine reports it. */
  size: number | null;
  /** Non-empty: removal is refused until these containers are removed. */
  usedBy: VolumeUser[];
  /** Mountpoint on the engine's host: the data that goes. */
  mountpoint: string;
}

export interface VolumePrunePlan {
  /** Exactly what prune would remove now: volumes no container (running or not) uses. */
  volumes: { name: string; size: number | null; anonymous: boolean; composeProject: string | null }[];
  totalBytes: number;
}

export interface PruneResult {
  removed: string[];
  failed: { name: string; message: string }[];
  reclaimedBytes: number;
}

/** The image helper containers run from: it needs `sh` and `tar`. */
export interface HelperImageInfo {
  /** The image the user chose in Settings, if any. */
  configured: string | null;
  /** What will be used: the configured one when present, else a local busybox/alpine; null when none is present. */
  effective: string | null;
  /** Local images that look suitable (busybox, alpine), to pick from. */
  candidates: string[];
  /** Why `effective` is null, written for a person. */
  problem: string | null;
}

export type VolumeTransferMessage =
  | { type: 'progress'; phase: 'reading' | 'writing'; bytes: number }
  | { type: 'done'; bytes: number; path?: string; volume?: string };

/** A volume name as `docker volume create` accepts it. */
export const volumeName = z
  .string()
  .min(2, 'a volume name has at least 2 characters')
  .max(255)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/, 'letters, digits, "_", "." and "-", starting with a letter or digit');

/** An image reference (repo[:tag] or id), bounded. */
export const imageRef = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:/@-]*$/, 'not an image reference');

const labelMap = z
  .record(z.string().min(1).max(256), z.string().max(4096))
  .refine((m) => Object.keys(m).length <= 100, 'at most 100 entries');

/** An absolute host path (the machine Berth's main process runs on). */
export const hostPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(p), 'an absolute path')
  .refine((p) => !p.includes('\0'), 'no NUL characters');

const target = z.strictObject({ engineId: engineId.optional(), name: volumeName });
const fileTarget = target.extend({ path: containerPath });

export const volumesContract = {
  /** Every volume with its users; a new snapshot when a volume or container event changes it. */
  watch: stream<VolumesMessage>()(z.strictObject({ engineId: engineId.optional() }), { jsonMessages: true }),
  list: method<VolumeSummary[]>()(z.strictObject({ engineId: engineId.optional() })),
  /** Sizes from `/system/df` (can take a while on a big engine, so it is asked for separately). */
  sizes: method<VolumeSizes>()(z.strictObject({ engineId: engineId.optional() })),
  create: method<VolumeSummary>()(
    z.strictObject({
      engineId: engineId.optional(),
      name: volumeName,
      driver: z.string().min(1).max(128).default('local'),
      options: labelMap.default({}),
      labels: labelMap.default({}),
    }),
  ),
  inspect: method<VolumeInspection>()(target),
  planRemoval: method<VolumeRemovalPlan>()(target),
  /** Refused (CONFLICT, with the container names) while any container uses it. */
  remove: method<void>()(target),
  planPrune: method<VolumePrunePlan>()(z.strictObject({ engineId: engineId.optional() })),
  /** Removes exactly the previewed volumes that are still unused (never more than the plan showed). */
  prune: method<PruneResult>()(
    z.strictObject({ engineId: engineId.optional(), names: z.array(volumeName).min(1).max(1000) }),
  ),
  files: {
    /** A folder of the volume (paths are relative to the volume root, written as absolute: "/", "/sub"). */
    list: method<FolderListing>()(fileTarget),
    read: method<FileContent>()(fileTarget),
    download: stream<FileDownloadMessage>()(fileTarget),
  },
  /** Writes `<folder>/<fileName>` (.tar.gz) on the host running Berth; a failed or cancelled backup leaves no file. */
  backup: stream<VolumeTransferMessage>()(
    target.extend({
      folder: hostPath,
      fileName: z
        .string()
        .min(1)
        .max(255)
        .regex(/^[^/\\\0]+\.(tar\.gz|tgz)$/, 'a file name ending in .tar.gz'),
      overwrite: z.boolean().default(false),
    }),
  ),
  /**
   * Restores a .tar.gz (or .tar) into a volume: created when missing; an existing one must be empty unless
   * `overwrite` (then its contents are deleted first).
   */
  restore: stream<VolumeTransferMessage>()(
    target.extend({ file: hostPath, overwrite: z.boolean().default(false), labels: labelMap.default({}) }),
  ),
  /** Copies a volume's files into a new (or empty) volume. */
  clone: stream<VolumeTransferMessage>()(
    target.extend({ target: volumeName, overwrite: z.boolean().default(false), labels: labelMap.default({}) }),
  ),
  helperImage: method<HelperImageInfo>()(z.strictObject({ engineId: engineId.optional() })),
  /** Null clears the choice (back to the automatic pick). Never pulls. */
  setHelperImage: method<HelperImageInfo>()(
    z.strictObject({ engineId: engineId.optional(), image: imageRef.nullable() }),
  ),
  /** The folder backups go to by default (the user's home on the host running Berth). */
  defaultBackupFolder: method<string>()(z.strictObject({})),
};
