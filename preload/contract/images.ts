import { z } from 'zod';
import { method, stream } from './define';
import { absolutePath, engineId } from './common';
import { imageRefProblem } from './image-ref';
import type { BuildStepReport } from './dockerfiles';

export interface ImageSummary {
  engineId: string;
  /** Full id, `sha256:…`. */
  id: string;
  /** `repo:tag` names; empty for a dangling image. */
  repoTags: string[];
  repoDigests: string[];
  /** Bytes, shared layers counted in full (what `docker images` shows). */
  size: number;
  /** ms since epoch */
  created: number;
  labels: Record<string, string>;
  dangling: boolean;
}

/** An image's inspect answer, as the engine gave it, and the names of its secret-looking env values (the UI masks them). */
export interface ImageInspection {
  raw: Record<string, unknown>;
  secretEnvNames: string[];
}

export type ImagesMessage = { type: 'snapshot'; engineId: string; images: ImageSummary[] };

/** One layer's progress in a pull or a push. */
export interface LayerProgress {
  id: string;
  phase: 'waiting' | 'downloading' | 'verifying' | 'extracting' | 'pushing' | 'done' | 'exists';
  /** Bytes done and total of the current phase (0 when the engine did not say). */
  current: number;
  total: number;
  /** 0..1 for this layer: download is the first half of a pull, extract the second. */
  fraction: number;
}

export type TransferMessage =
  | {
      type: 'progress';
      layers: LayerProgress[];
      /** 0..100, weighted by layer size where known. */
      percent: number;
      /** Bytes transferred so far and the total known so far. */
      bytes: { current: number; total: number };
      status: string;
    }
  | { type: 'log'; line: string }
  | { type: 'done'; ref: string; id: string | null; digest: string | null; status: string }
  | OperationMessage;

/** First on a pull, push or build stream: its id in `operations.watch`, so the caller can tell its own operation there. */
export type OperationMessage = { type: 'operation'; id: number };

export type BuildMessage =
  | { type: 'context'; bytes: number; files: number; warning: string | null }
  | { type: 'log'; text: string }
  | { type: 'step'; step: number; total: number; instruction: string }
  /** At the end (success or failure): each step's time, cache hit or miss, and bytes added. */
  | { type: 'steps'; steps: BuildStepReport[] }
  | { type: 'done'; id: string; tags: string[] }
  | OperationMessage;

export interface ImageLayer {
  /** The layer's image id, or null for layers that came from a registry (`<missing>`). */
  id: string | null;
  createdBy: string;
  /** ms since epoch */
  created: number;
  size: number;
  /** A metadata-only step (ENV, CMD, LABEL…) that added no files. */
  empty: boolean;
  tags: string[];
  comment: string;
}

export interface ImageUser {
  id: string;
  name: string;
  state: string;
}

export interface ImageRemovalPlan {
  image: { id: string; repoTags: string[]; size: number };
  /** Tags that go. Removing one tag of several only untags. */
  untags: string[];
  /** True when the image itself (its layers) is deleted, not just a tag. */
  deletesImage: boolean;
  /** Containers created from it; they block removal unless forced (running ones even then). */
  containers: ImageUser[];
}

export interface ImagesDiskUse {
  engineId: string;
  /** Bytes on disk, shared layers once; null where the engine cannot measure its images alone. */
  bytes: number | null;
}

export interface PrunePlan {
  all: boolean;
  images: { id: string; repoTags: string[]; size: number; created: number }[];
  /** Bytes that go, counting layers shared with kept images once and only when no kept image uses them. */
  bytes: number;
}

export interface ImagePruneResult {
  /** Top-level image ids that were deleted. */
  deleted: string[];
  /** Tags that were removed. */
  untagged: string[];
  reclaimed: number;
}

/**
 * An image copied from one engine to another (`images.copyToEngine`): the operation's id, the bytes streamed so far
 * (of about `totalBytes`, the image's size on the source: the archive is close to it), then what the target loaded.
 */
export type CopyImageMessage =
  | { type: 'operation'; id: number }
  | { type: 'progress'; bytes: number; totalBytes: number | null }
  | { type: 'done'; loaded: string[]; bytes: number };

/** An image reference as the engine accepts it; the message says what is wrong. */
export const imageRefSchema = z
  .string()
  .max(512)
  .superRefine((value, ctx) => {
    const problem = imageRefProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** An image id (`sha256:…` or a short hex prefix) or a reference. */
export const imageIdOrRef = z
  .string()
  .min(1)
  .max(512)
  .superRefine((value, ctx) => {
    if (/^(sha256:)?[0-9a-f]{6,64}$/.test(value)) return;
    const problem = imageRefProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A file or folder on the main process's machine: absolute, so it never depends on the server's working folder. */
const hostPath = absolutePath;
const target = z.strictObject({ engineId: engineId.optional(), id: imageIdOrRef });
const labelFilter = z
  .string()
  .max(256)
  .regex(/^[^=\s]+(=[^\s]*)?$/, 'a label filter is key or key=value')
  .optional();

export const BUILD_ARG_MAX = 64;

export const imagesContract = {
  /** Every top-level image, then a new snapshot after each image event (coalesced). */
  watch: stream<ImagesMessage>()(z.strictObject({ engineId: engineId.optional() }), { jsonMessages: true }),
  history: method<ImageLayer[]>()(target),
  /** The engine's inspect answer for one image (config, env, entrypoint, labels, layers' digests, platform). */
  inspect: method<ImageInspection>()(target),
  tag: method<void>()(target.extend({ ref: imageRefSchema })),
  planRemoval: method<ImageRemovalPlan>()(target),
  /** Removes `id` (an id deletes every tag; a repo:tag of an image with several tags only untags it). */
  remove: method<void>()(target.extend({ force: z.boolean().default(false) })),
  /** Pulls with per-layer progress; cancelling aborts the engine request. Credentials come from the docker config. */
  pull: stream<TransferMessage>()(z.strictObject({ engineId: engineId.optional(), ref: imageRefSchema })),
  push: stream<TransferMessage>()(z.strictObject({ engineId: engineId.optional(), ref: imageRefSchema })),
  build: stream<BuildMessage>()(
    z.strictObject({
      engineId: engineId.optional(),
      /** The context folder on the machine Berth's main process runs on. */
      context: hostPath,
      /** Relative to the context; `Dockerfile` by default. */
      dockerfile: z.string().min(1).max(1024).default('Dockerfile'),
      tags: z.array(imageRefSchema).max(16).default([]),
      buildArgs: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a build arg name is letters, digits and _').max(128), z.string().max(8192)).default({}),
      target: z.string().max(128).regex(/^[A-Za-z0-9_.-]*$/, 'a stage name is letters, digits, "_", "." and "-"').default(''),
      noCache: z.boolean().default(false),
      pull: z.boolean().default(false),
      labels: z.record(z.string().min(1).max(256), z.string().max(1024)).default({}),
    }),
  ),
  /** The Dockerfile text of a context, for the build dialog's editor. */
  readDockerfile: method<{ path: string; text: string }>()(
    z.strictObject({ context: hostPath, dockerfile: z.string().min(1).max(1024).default('Dockerfile') }),
  ),
  /**
   * The bytes the engine's images take on disk, a layer several share counted once (`docker system df`'s Images
   * SIZE); `bytes: null` where the engine cannot measure images alone (API before 1.42, Podman).
   */
  diskUse: method<ImagesDiskUse>()(z.strictObject({ engineId: engineId.optional() })),
  planPrune: method<PrunePlan>()(z.strictObject({ engineId: engineId.optional(), all: z.boolean(), label: labelFilter })),
  prune: method<ImagePruneResult>()(z.strictObject({ engineId: engineId.optional(), all: z.boolean(), label: labelFilter })),
  /**
   * Writes `docker save` of the images to a tar file on the main process's machine. An existing file is replaced
   * only with `overwrite` (the UI sets it after asking); otherwise CONFLICT with `details.exists`.
   */
  save: method<{ path: string; bytes: number }>()(
    z.strictObject({ engineId: engineId.optional(), ids: z.array(imageIdOrRef).min(1).max(64), path: hostPath, overwrite: z.boolean().default(false) }),
  ),
  /** Loads images from a tar file (as written by `docker save`); the loaded references. */
  load: method<{ loaded: string[] }>()(z.strictObject({ engineId: engineId.optional(), path: hostPath })),
  /**
   * Copies an image from one engine to another: the source's `docker save` stream goes straight into the target's
   * `docker load` (no file, memory bounded by the streams' buffers), as an operation with progress in bytes;
   * cancelling aborts both engine requests. The target must be another engine, not a second route to the same daemon.
   */
  copyToEngine: stream<CopyImageMessage>()(z.strictObject({ engineId: engineId.optional(), id: imageIdOrRef, targetEngineId: engineId })),
};
