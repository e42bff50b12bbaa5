import { z } from 'zod';
import { method } from './define';

/**
 * The machine Berth's main process runs on, as far as path fields need it: listing a folder so a "Browse…" button
 * can offer a host file browser instead of a typed path. Read only: names, kinds, sizes and times — never contents.
 * (Berth can already bind-mount any host folder, so listing names is no new power.)
 */

export const HOST_ENTRY_KINDS = ['dir', 'file', 'symlink-dir', 'symlink-file', 'other'] as const;
export type HostEntryKind = (typeof HOST_ENTRY_KINDS)[number];

export interface HostEntry {
  name: string;
  /** symlink-dir / symlink-file: a link whose target is a folder / a file; a dangling link or a device is 'other'. */
  kind: HostEntryKind;
  /** Bytes, for files (and links to files). */
  size?: number;
  /** ms since epoch. */
  modified?: number;
}

export interface HostListing {
  /** Absolute, resolved (no `.`/`..`, no trailing slash except `/`). Symlinks in it are kept as the user went. */
  path: string;
  /** The folder above, or null at the root (`/`, or a drive on Windows). */
  parent: string | null;
  /** The user's home folder, for the Home button. */
  home: string;
  /** Folders (and links to folders) first, then by name. */
  entries: HostEntry[];
  /** The folder held more than `HOST_LIST_LIMIT` entries; the rest are left out. */
  truncated: boolean;
}

export const HOST_LIST_LIMIT = 5000;

/** An absolute path as typed: `..`, `.` and trailing slashes are resolved by main, NUL and relative paths refused. */
export const listablePath = z
  .string()
  .min(1, 'a path is needed')
  .max(4096)
  .refine((p) => p.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(p), 'an absolute path (starting with /)')
  .refine((p) => !p.includes('\0'), 'no NUL characters');

export const hostContract = {
  /** One folder's entries; without `path`, the user's home folder. Hidden (dot) entries only with `showHidden`. */
  listDir: method<HostListing>()(z.strictObject({ path: listablePath.optional(), showHidden: z.boolean().default(false) })),
};
