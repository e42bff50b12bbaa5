import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BerthError } from '../../preload/contract/errors';
import { hostPathError } from '../errors';
import type { FileStamp, HistoryEntry, SaveResult, StackFile } from '../../preload/contract/stacks';
import { formatLimit, STACK_FILE_MAX_BYTES } from '../../preload/contract/limits';

/**
 * The stack files on disk: read with a stamp, written atomically, never over a version the editor did not start
 * from, and with the replaced version kept in a history. No compose knowledge here.
 */

const HISTORY_KEEP = 50;

export const sha256 = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** The file with its stamp; stamp null (and text '') when it does not exist. */
export async function readStamped(file: string): Promise<StackFile> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { path: file, text: '', stamp: null };
    throw fileError(err, file, 'read');
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new BerthError('INVALID_INPUT', `${file} is not a file.`);
    if (st.size > STACK_FILE_MAX_BYTES) throw new BerthError('INVALID_INPUT', `${file} is ${formatLimit(st.size)}; stack files over ${formatLimit(STACK_FILE_MAX_BYTES)} are not opened.`);
    const data = await handle.readFile();
    return { path: file, text: data.toString('utf8'), stamp: { mtimeMs: st.mtimeMs, size: data.length, sha256: sha256(data) } };
  } finally {
    await handle.close();
  }
}

/**
 * Whether the file on disk is still the one `expected` describes. Equal content counts as unchanged even when the
 * mtime moved (a `touch`, a checkout of the same text); different size or hash is a change.
 */
export function sameVersion(expected: FileStamp | null, now: FileStamp | null): boolean {
  if (expected === null || now === null) return expected === now;
  return expected.size === now.size && expected.sha256 === now.sha256;
}

/**
 * Writes `text` to `file` so a crash at any moment leaves the old file or the new one, never a partial one: a temp
 * file in the same folder (same filesystem, so the rename is atomic), fsync, rename over the old one, fsync of the
 * folder. The old file's mode is kept; a new file gets 0644 minus the umask.
 */
export async function writeAtomic(file: string, text: string): Promise<FileStamp> {
  // A compose file that is a symlink (into a dotfiles repo, say) is written through: replacing the link with a
  // plain file would silently fork the user's file.
  const target = await linkTarget(file);
  const dir = path.dirname(target);
  let mode = 0o644;
  try {
    mode = (await fs.stat(target)).mode & 0o7777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw fileError(err, file, 'save');
  }
  const tmp = path.join(dir, `${tempPrefix(target)}${randomBytes(4).toString('hex')}.tmp`);
  const data = Buffer.from(text, 'utf8');
  let handle: fs.FileHandle | null = null;
  writing.add(tmp);
  try {
    handle = await fs.open(tmp, 'wx', mode);
    await handle.writeFile(data);
    await handle.chmod(mode); // open's mode is masked by the umask; the old file's mode is what the user set
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(tmp, target);
  } catch (err) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw fileError(err, file, 'save');
  } finally {
    writing.delete(tmp);
  }
  await syncDir(dir);
  const st = await fs.stat(target);
  return { mtimeMs: st.mtimeMs, size: data.length, sha256: sha256(data) };
}

/** Temp files this process is writing now: never cleaned from under a save. */
const writing = new Set<string>();
/** A temp file older than this is left over from a save that was interrupted (a crash, a power cut). */
const STALE_TEMP_MS = 60_000;
const tempPrefix = (file: string) => `.${path.basename(file)}.berth-`;

/** The file a path names, through any symlinks; the path itself when it (or its link's target) does not exist yet. */
async function linkTarget(file: string): Promise<string> {
  try {
    return await fs.realpath(file);
  } catch {
    // A dangling link: create its target, as an editor would.
    const link = await fs.readlink(file).catch(() => null);
    return link === null ? file : path.resolve(path.dirname(file), link);
  }
}

/**
 * Removes the temp files that interrupted saves of `file` left beside it (`.<name>.berth-<hex>.tmp`), except ones
 * being written now or in the last minute (another Berth may be saving). Best effort: a folder that cannot be
 * listed or a file that cannot be removed is left as it is.
 */
export async function removeStaleTemps(file: string): Promise<string[]> {
  const target = await linkTarget(file);
  const dir = path.dirname(target);
  const prefix = tempPrefix(target);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const removed: string[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !/^[0-9a-f]{8}\.tmp$/.test(name.slice(prefix.length))) continue;
    const tmp = path.join(dir, name);
    if (writing.has(tmp)) continue;
    const st = await fs.lstat(tmp).catch(() => null);
    if (!st?.isFile() || Date.now() - st.mtimeMs < STALE_TEMP_MS) continue;
    if (await fs.rm(tmp).then(() => true, () => false)) removed.push(tmp);
  }
  return removed;
}

async function syncDir(dir: string): Promise<void> {
  // Makes the rename itself durable. Some filesystems refuse fsync on a folder; the data is already synced then.
  const h = await fs.open(dir, 'r').catch(() => null);
  await h?.sync().catch(() => undefined);
  await h?.close();
}

/** Previous versions of files, one folder per file (named by the hash of its path), newest last on disk. */
export class FileHistory {
  constructor(private readonly root: string) {}

  private folder(file: string): string {
    return path.join(this.root, sha256(file).slice(0, 24));
  }

  /** Keeps `text` as a previous version of `file`; the id of the entry. */
  async keep(file: string, text: string): Promise<string> {
    const folder = this.folder(file);
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    await fs.writeFile(path.join(folder, 'path.txt'), file, { mode: 0o600 });
    const id = `${Date.now().toString(36).padStart(9, '0')}-${sha256(text).slice(0, 8)}`;
    await fs.writeFile(path.join(folder, `${id}.txt`), text, { mode: 0o600 });
    const all = await this.ids(file);
    for (const old of all.slice(0, Math.max(0, all.length - HISTORY_KEEP))) await fs.rm(path.join(folder, `${old}.txt`), { force: true });
    return id;
  }

  async list(file: string): Promise<HistoryEntry[]> {
    const folder = this.folder(file);
    const ids = await this.ids(file);
    const entries = await Promise.all(
      ids.map(async (id) => {
        const st = await fs.stat(path.join(folder, `${id}.txt`));
        return { id, savedAt: parseInt(id.split('-')[0]!, 36), size: st.size };
      }),
    );
    return entries.reverse();
  }

  async read(file: string, id: string): Promise<string> {
    if (!/^[0-9a-z]+-[0-9a-f]{8}$/.test(id)) throw new BerthError('INVALID_INPUT', `No version "${id}".`);
    try {
      return await fs.readFile(path.join(this.folder(file), `${id}.txt`), 'utf8');
    } catch {
      throw new BerthError('NOT_FOUND', `That version of ${path.basename(file)} is no longer in the history.`);
    }
  }

  private async ids(file: string): Promise<string[]> {
    const names = await fs.readdir(this.folder(file)).catch(() => [] as string[]);
    return names.filter((n) => n.endsWith('.txt') && n !== 'path.txt').map((n) => n.slice(0, -4)).sort();
  }
}

/**
 * Saves with conflict detection: when the file on disk is not the version `expected` describes (changed, deleted,
 * or created meanwhile), nothing is written and the disk version comes back for the UI to show as a diff. `force`
 * writes anyway. The version being replaced goes to the history first.
 */
export async function saveStackFile(
  history: FileHistory,
  input: { path: string; text: string; expected: FileStamp | null; force: boolean },
): Promise<SaveResult> {
  const disk = await readStamped(input.path);
  if (!input.force && !sameVersion(input.expected, disk.stamp)) {
    const reason = disk.stamp === null ? 'deleted' : input.expected === null ? 'created' : 'changed';
    return { ok: false, reason, disk };
  }
  if (disk.stamp === null) {
    const parent = await fs.stat(path.dirname(input.path)).catch(() => null);
    if (!parent?.isDirectory()) throw new BerthError('NOT_FOUND', `The folder ${path.dirname(input.path)} no longer exists; it may have been moved or deleted.`);
  }
  const historyId = disk.stamp !== null && disk.text !== input.text ? await history.keep(input.path, disk.text) : null;
  const stamp = await writeAtomic(input.path, input.text);
  return { ok: true, stamp, historyId };
}

export function fileError(err: unknown, file: string, verb: 'read' | 'save'): BerthError {
  return hostPathError(err, verb, file, { diskFull: 'The file on disk is unchanged.' });
}
