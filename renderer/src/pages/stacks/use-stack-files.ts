import { useCallback, useRef, useState } from 'react';
import type { SaveResult, StackDocument, StackFile } from '../../../../preload/contract';
import { berth } from '../../api';
import type { EditorMarker } from '../../components/CodeEditor';
import { errorMessage } from '../../format/error-message';
import { toast } from '../../stores/toast-store';

/** One open file: what is on disk as the editor last knew it (`base`), and the editor's text. */
export interface OpenFile {
  base: StackFile;
  text: string;
}

export interface Conflict {
  path: string;
  mine: string;
  disk: StackFile;
  reason: Extract<SaveResult, { ok: false }>['reason'];
}

export const isDirty = (f: OpenFile | undefined) => !!f && f.text !== f.base.text;

/**
 * The files of one stack view (compose file, .env, Dockerfiles): buffers, saves through main's conflict check, the
 * conflict to resolve, and the compose file's markers (so `up` can refuse to run a file with errors).
 */
export function useStackFiles(doc: StackDocument | null) {
  const [files, setFiles] = useState<ReadonlyMap<string, OpenFile>>(new Map());
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [markers, setMarkers] = useState<EditorMarker[]>([]);
  const filesRef = useRef(files);
  filesRef.current = files;
  const [forDoc, setForDoc] = useState<StackDocument | null>(null);

  // A (re)loaded document resets the buffers of its compose file and .env.
  if (doc !== forDoc) {
    setForDoc(doc);
    const next = new Map<string, OpenFile>();
    if (doc) {
      next.set(doc.compose.path, { base: doc.compose, text: doc.compose.text });
      next.set(doc.env.path, { base: doc.env, text: doc.env.text });
    }
    setFiles(next);
    filesRef.current = next;
    setMarkers([]);
  }

  const put = useCallback((path: string, f: OpenFile) => {
    setFiles((cur) => new Map(cur).set(path, f));
  }, []);

  const edit = useCallback((path: string, text: string) => {
    setFiles((cur) => {
      const f = cur.get(path);
      return f && f.text !== text ? new Map(cur).set(path, { ...f, text }) : cur;
    });
  }, []);

  /** Loads another file of the stack (a Dockerfile) unless it is open already. */
  const load = useCallback(
    async (path: string) => {
      if (filesRef.current.has(path)) return;
      try {
        const base = await berth.stacks.readFile({ path });
        put(path, { base, text: base.text });
      } catch (e) {
        toast.error(`Could not open ${path}`, errorMessage(e));
      }
    },
    [put],
  );

  /** Saves one file; true when it is on disk. A conflict opens the conflict dialog instead. */
  const save = useCallback(
    async (path: string, force = false): Promise<boolean> => {
      const f = filesRef.current.get(path);
      if (!f) return false;
      const text = f.text;
      try {
        const r = await berth.stacks.save({ path, text, expected: f.base.stamp, force });
        if (!r.ok) {
          setConflict({ path, mine: text, disk: r.disk, reason: r.reason });
          return false;
        }
        setFiles((cur) => {
          const now = cur.get(path);
          return new Map(cur).set(path, { base: { path, text, stamp: r.stamp }, text: now?.text ?? text });
        });
        setConflict(null);
        return true;
      } catch (e) {
        toast.error(`Could not save ${path}`, errorMessage(e));
        return false;
      }
    },
    [],
  );

  /** Saves every changed file; true when all are on disk. */
  const saveAll = useCallback(async () => {
    for (const [path, f] of filesRef.current) if (isDirty(f) && !(await save(path))) return false;
    return true;
  }, [save]);

  /** The conflict's "take the disk version": the editor gets the file as it is now. */
  const takeDisk = useCallback(() => {
    if (!conflict) return;
    put(conflict.path, { base: conflict.disk, text: conflict.disk.text });
    setConflict(null);
  }, [conflict, put]);

  return { files, edit, load, save, saveAll, conflict, setConflict, takeDisk, markers, setMarkers };
}

export type StackFiles = ReturnType<typeof useStackFiles>;
