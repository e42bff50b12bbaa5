import { z } from 'zod';
import { method, stream } from './define';
import { containerRef, engineId } from './common';
import type { ContainerState, PortBinding } from './containers';

/** The container detail's read-mostly views: inspect, processes, filesystem changes, and files via the archive API. */

export interface HealthCheckRun {
  /** ms since epoch */
  start: number;
  end: number;
  exitCode: number;
  output: string;
}

export interface ContainerHealthDetail {
  status: 'healthy' | 'unhealthy' | 'starting' | 'none';
  failingStreak: number;
  /** The engine keeps the last five checks; newest last. */
  log: HealthCheckRun[];
  /** The configured check (`CMD-SHELL curl …`), when the image or container has one. */
  test: string[] | null;
}

export interface MountDetail {
  type: string;
  /** Volume name for volumes, host path for binds. */
  source: string;
  destination: string;
  readOnly: boolean;
  name?: string;
  driver?: string;
}

export interface NetworkDetail {
  name: string;
  ipAddress: string;
  ipPrefixLen: number;
  ipv6Address: string;
  gateway: string;
  macAddress: string;
  aliases: string[];
}

export interface ContainerOverview {
  id: string;
  name: string;
  image: string;
  imageId: string;
  /** Entrypoint + command, as run. */
  command: string[];
  state: ContainerState;
  health: ContainerHealthDetail | null;
  /** ms since epoch; null when never started / not finished. */
  created: number;
  startedAt: number | null;
  finishedAt: number | null;
  restartCount: number;
  restartPolicy: string;
  /** Null while it has never exited. */
  exitCode: number | null;
  oomKilled: boolean;
  /** The engine's error when the last start failed. */
  error: string;
  pid: number;
  ports: PortBinding[];
  mounts: MountDetail[];
  networkMode: string;
  networks: NetworkDetail[];
  labels: Record<string, string>;
  hostname: string;
  user: string;
  workingDir: string;
  platform: string;
}

export interface ContainerInspection {
  overview: ContainerOverview;
  /** The engine's inspect answer, untouched (secrets included: the UI masks `secretEnvNames` until revealed). */
  raw: Record<string, unknown>;
  /** Names in Config.Env whose values look secret (see `isSecretName` in secrets.ts). */
  secretEnvNames: string[];
}

export interface ContainerProcesses {
  /** False for a stopped container: there is nothing to list. */
  running: boolean;
  titles: string[];
  processes: string[][];
}

export interface ContainerChanges {
  added: string[];
  changed: string[];
  deleted: string[];
  /** How many the engine reported; more than shown when `truncated`. */
  total: number;
  truncated: boolean;
}

export type FileKind = 'file' | 'directory' | 'symlink' | 'hardlink' | 'other';

export interface FileEntry {
  name: string;
  /** Absolute path inside the container. */
  path: string;
  kind: FileKind;
  size: number;
  /** Permission bits (0o755…), without the file-type bits. */
  mode: number;
  /** ms since epoch */
  modified: number;
  /** Where a symlink (or hard link) points. */
  linkTarget?: string;
}

export interface FolderListing {
  /** The folder listed (a symlinked folder is listed at its target; `linkedFrom` says so). */
  path: string;
  linkedFrom?: string;
  entries: FileEntry[];
  /** The folder's tree was too large to walk whole: some entries may be missing. */
  truncated: boolean;
}

export type FileContent =
  | { kind: 'text'; path: string; size: number; text: string }
  | { kind: 'binary'; path: string; size: number }
  | { kind: 'too-large'; path: string; size: number; limit: number };

export type FileDownloadMessage =
  /** First message: what is coming. A folder arrives as a tar archive. */
  | { type: 'start'; fileName: string; kind: 'file' | 'folder'; size: number | null }
  | { type: 'chunk'; data: Uint8Array };

import { FILE_UPLOAD_CHUNK, FILE_UPLOAD_LIMIT } from './file-limits';
export { FILE_DOWNLOAD_LIMIT, FILE_UPLOAD_CHUNK, FILE_UPLOAD_LIMIT, FILE_VIEW_LIMIT } from './file-limits';

/** An absolute path inside the container. */
export const containerPath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => p.startsWith('/'), 'an absolute path')
  .refine((p) => !p.includes('\0'), 'no NUL characters');

/** One file name (no slashes), as a folder entry. */
export const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((n) => !n.includes('/') && !n.includes('\0') && n !== '.' && n !== '..', 'a file name without slashes');

const target = z.strictObject({ engineId: engineId.optional(), id: containerRef });
const uploadId = z.string().regex(/^[a-f0-9]{32}$/, 'not an upload id');

export const containerDetailsContract = {
  /** Overview facts + the raw inspect JSON. */
  inspect: method<ContainerInspection>()(target),
  /** `docker top`. */
  top: method<ContainerProcesses>()(target),
  /** `docker diff`, grouped. */
  changes: method<ContainerChanges>()(target),
  files: {
    /** A folder's entries, through the engine's archive API (works without a shell and in stopped containers). */
    list: method<FolderListing>()(target.extend({ path: containerPath })),
    /** A file's text, up to FILE_VIEW_LIMIT; binary files are detected and not sent. */
    read: method<FileContent>()(target.extend({ path: containerPath })),
    /** A file's bytes, or a folder as a tar, in chunks; bounded by FILE_DOWNLOAD_LIMIT. */
    download: stream<FileDownloadMessage>()(target.extend({ path: containerPath })),
    /**
     * Upload a file into a folder: start (checks the folder, refuses to replace an existing file unless `overwrite`),
     * then chunks in order, then finish (resolves when the engine has the file). An upload idle for a minute is dropped.
     */
    uploadStart: method<{ uploadId: string }>()(
      target.extend({
        folder: containerPath,
        name: fileName,
        size: z.number().int().min(0).max(FILE_UPLOAD_LIMIT),
        overwrite: z.boolean().default(false),
      }),
    ),
    uploadChunk: method<void>()(
      z.strictObject({
        uploadId,
        data: z.instanceof(Uint8Array).refine((d) => d.byteLength > 0 && d.byteLength <= FILE_UPLOAD_CHUNK, 'a chunk of 1 B to 512 KiB'),
      }),
      { maxInputBytes: FILE_UPLOAD_CHUNK + 1024 },
    ),
    uploadFinish: method<void>()(z.strictObject({ uploadId })),
    uploadCancel: method<void>()(z.strictObject({ uploadId })),
  },
};
