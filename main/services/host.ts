import type { AreaImplementation } from '../../preload/contract';
import { lstat, opendir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HOST_LIST_LIMIT, type HostEntry, type HostEntryKind, type HostListing } from '../../preload/contract/host';
import { hostPathError } from '../errors';
import { isDirKind, isHidden, sortAndCap } from './host-listing';
import { mapLimited } from './map-limited';

/** Names read from one folder at most (memory bound for huge folders); past it the listing is truncated too. */
const MAX_NAMES_READ = 200_000;
/** Stats in flight at once (libuv's pool is small; a 5,000-entry folder must not queue 5,000 at once). */
const STAT_CONCURRENCY = 32;

/**
 * Lists host folders for the path pickers. Read only: names, kinds, sizes and times, never file contents. A symlink
 * is classed by what it points at (one `stat`, which fails with ELOOP on a loop → 'other'); it is never walked.
 */
export class HostService implements AreaImplementation<'host'> {
  constructor(private readonly limit = HOST_LIST_LIMIT) {}

  async listDir(input: { path?: string | undefined; showHidden: boolean }): Promise<HostListing> {
    const home = os.homedir();
    const dir = path.resolve(input.path ?? home);
    const raw: { name: string; kind: HostEntryKind; link: boolean }[] = [];
    let cut = false;
    try {
      const st = await stat(dir);
      if (!st.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
      const handle = await opendir(dir, { bufferSize: 256 });
      for await (const d of handle) {
        if (!input.showHidden && isHidden(d.name)) continue;
        if (raw.length >= MAX_NAMES_READ) {
          cut = true;
          break; // leaving the loop closes the handle
        }
        raw.push({ name: d.name, kind: d.isDirectory() ? 'dir' : d.isFile() ? 'file' : 'other', link: d.isSymbolicLink() });
      }
    } catch (err) {
      throw hostPathError(err, 'list the folder', dir);
    }
    // Links are classed by their target before sorting (folders first); `link` marks them here.
    await mapLimited(
      raw.filter((r) => r.link),
      STAT_CONCURRENCY,
      async (r) => {
        const target = await stat(path.join(dir, r.name)).catch(() => null);
        r.kind = target?.isDirectory() ? 'symlink-dir' : target?.isFile() ? 'symlink-file' : 'other';
      },
    );
    const { entries: kept, truncated } = sortAndCap(raw, this.limit);
    const entries: HostEntry[] = await mapLimited(kept, STAT_CONCURRENCY, async (r) => {
      const entry: HostEntry = { name: r.name, kind: r.kind };
      const full = path.join(dir, r.name);
      // Size and time of what the user would pick: the target for links to files, the entry itself otherwise.
      const st: Stats | null = await (r.kind === 'symlink-file' ? stat(full) : lstat(full)).catch(() => null);
      if (st) {
        if (!isDirKind(r.kind) && st.isFile()) entry.size = st.size;
        entry.modified = Math.round(st.mtimeMs);
      }
      return entry;
    });
    return { path: dir, parent: path.dirname(dir) === dir ? null : path.dirname(dir), home, entries, truncated: truncated || cut };
  }
}
