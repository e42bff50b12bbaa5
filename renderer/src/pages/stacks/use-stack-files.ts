import { useCallback, useState, useSyncExternalStore } from 'react';
import type { SaveResult, StackDocument } from '../../../../preload/contract';
import { berth } from '../../api';
import type { EditorMarker } from '../../components/CodeEditor';
import { FileBuffers, isDirty, type OpenFile } from '../../components/file-buffers';
import { errorMessage } from '../../format/error-message';
import { toast } from '../../stores/toast-store';

export { isDirty, type OpenFile };

export interface Conflict {
  path: string;
  mine: string;
  disk: OpenFile['base'];
  reason: Extract<SaveResult, { ok: false }>['reason'];
}

/**
 * The files of one stack view (compose file, .env, Dockerfiles): buffers, saves through main's conflict check, the
 * conflict to resolve, and the compose file's markers (so `up` can refuse to run a file with errors). The buffers
 * live outside React (FileBuffers), so a save right after a keystroke sends that keystroke too.
 */
export function useStackFiles(doc: StackDocument | null) {
  const [buffers] = useState(() => new FileBuffers());
  const files = useSyncExternalStore(buffers.subscribe, buffers.snapshot);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [markers, setMarkers] = useState<EditorMarker[]>([]);
  const [forDoc, setForDoc] = useState<StackDocument | null>(null);

  // A (re)loaded document resets the buffers of its compose file and .env (silently: this render reads them).
  if (doc !== forDoc) {
    setForDoc(doc);
    buffers.reset(doc ? [doc.compose, doc.env] : [], false);
    setMarkers([]);
  }

  const edit = useCallback((path: string, text: string) => buffers.edit(path, text), [buffers]);

  /** Loads another file of the stack (a Dockerfile) unless it is open already. */
  const load = useCallback(
    async (path: string) => {
      if (buffers.has(path)) return;
      try {
        const base = await berth.stacks.readFile({ path });
        if (!buffers.has(path)) buffers.open(base);
      } catch (e) {
        toast.error(`Could not open ${path}`, errorMessage(e));
      }
    },
    [buffers],
  );

  /** Saves one file; true when it is on disk. A conflict opens the conflict dialog instead. */
  const save = useCallback(
    async (path: string, force = false): Promise<boolean> => {
      const f = buffers.get(path);
      if (!f) return false;
      const text = f.text;
      try {
        const r = await berth.stacks.save({ path, text, expected: f.base.stamp, force });
        if (!r.ok) {
          setConflict({ path, mine: text, disk: r.disk, reason: r.reason });
          return false;
        }
        buffers.saved(path, text, r.stamp);
        setConflict(null);
        return true;
      } catch (e) {
        toast.error(`Could not save ${path}`, errorMessage(e));
        return false;
      }
    },
    [buffers],
  );

  /** Saves every changed file; true when all are on disk. */
  const saveAll = useCallback(async () => {
    for (const [path, f] of buffers.snapshot()) if (isDirty(f) && !(await save(path))) return false;
    return true;
  }, [buffers, save]);

  /** The conflict's "take the disk version": the editor gets the file as it is now. */
  const takeDisk = useCallback(() => {
    if (!conflict) return;
    buffers.open(conflict.disk, conflict.path);
    setConflict(null);
  }, [conflict, buffers]);

  return { files, edit, load, save, saveAll, conflict, setConflict, takeDisk, markers, setMarkers };
}

export type StackFiles = ReturnType<typeof useStackFiles>;
