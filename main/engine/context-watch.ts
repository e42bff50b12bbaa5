import { existsSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

/**
 * Calls `onChange` (debounced) when docker contexts are created or removed after Berth started: `docker context
 * create` writes `contexts/meta/<digest>/meta.json` under the docker config folder, `rm` deletes that folder.
 *
 * Why a file watch and not a re-list on window focus or on a timer: focus exists only in the Electron window (not
 * in `berth serve`, and not for a user who types `docker context create` in a terminal beside Berth), and a timer
 * costs idle CPU for something that happens a few times a year. An inotify/FSEvents watch costs nothing until the
 * folder changes. Until the folder exists (no context ever created) it is looked for every `pollMs`, then watched.
 */
export function watchContexts(configDir: string, onChange: () => void, opts: { debounceMs?: number; pollMs?: number } = {}): () => void {
  const metaDir = path.join(configDir, 'contexts', 'meta');
  const debounceMs = opts.debounceMs ?? 300;
  let watcher: FSWatcher | null = null;
  let debounce: NodeJS.Timeout | null = null;
  let poll: NodeJS.Timeout | null = null;
  let stopped = false;
  const changed = () => {
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(() => {
      debounce = null;
      if (!stopped) onChange();
    }, debounceMs);
    debounce.unref?.();
  };
  const start = () => {
    if (stopped || watcher) return;
    if (!existsSync(metaDir)) {
      poll ??= setInterval(() => {
        if (!existsSync(metaDir)) return;
        clearInterval(poll!);
        poll = null;
        start();
        changed(); // contexts may have been written into the new folder before the watch began
      }, opts.pollMs ?? 10_000);
      poll.unref?.();
      return;
    }
    try {
      // recursive: meta.json is written inside a new digest folder, after the folder itself appears.
      watcher = watch(metaDir, { recursive: true, persistent: false }, changed);
    } catch {
      return;
    }
    watcher.on('error', () => {
      // the folder was deleted (or replaced): look for it again
      watcher?.close();
      watcher = null;
      changed();
      start();
    });
  };
  start();
  return () => {
    stopped = true;
    watcher?.close();
    if (debounce) clearTimeout(debounce);
    if (poll) clearInterval(poll);
  };
}
