import type { StackFile } from '../../../preload/contract';

/** One open file: what is on disk as the editor last knew it (`base`), and the editor's text. */
export interface OpenFile {
  base: StackFile;
  text: string;
}

export const isDirty = (f: OpenFile | undefined) => !!f && f.text !== f.base.text;

/**
 * The editor buffers of open files, kept outside React so that what a save sends is always the editor's latest text.
 *
 * A React state read from a ref set at render time lags the editor: the editor reports each keystroke at once, but
 * React renders it a task later, and on a busy page Ctrl+S can come in between. The save then wrote the file without
 * the last keys (and the tab stayed dirty). Here every edit lands before the call returns; React reads the buffers
 * through `subscribe`/`snapshot` (useSyncExternalStore).
 */
export class FileBuffers {
  private files: ReadonlyMap<string, OpenFile> = new Map();
  private readonly listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): ReadonlyMap<string, OpenFile> => this.files;

  get(path: string): OpenFile | undefined {
    return this.files.get(path);
  }

  has(path: string): boolean {
    return this.files.has(path);
  }

  /** Replaces every buffer; `notify: false` while React renders (it reads the snapshot in that render anyway). */
  reset(files: readonly StackFile[], notify = true): void {
    this.set(new Map(files.map((f) => [f.path, { base: f, text: f.text }])), notify);
  }

  /** Opens (or replaces) one file with its text as on disk, under `path` (the file's own path unless given). */
  open(file: StackFile, path = file.path): void {
    this.set(new Map(this.files).set(path, { base: file, text: file.text }));
  }

  /** The editor's text of an open file; a file that is not open is left alone. */
  edit(path: string, text: string): void {
    const f = this.files.get(path);
    if (f && f.text !== text) this.set(new Map(this.files).set(path, { ...f, text }));
  }

  /**
   * `text` is now on disk as `stamp`. The buffer keeps what was typed while the save was under way: it stays dirty
   * when that differs from what was saved.
   */
  saved(path: string, text: string, stamp: StackFile['stamp']): void {
    const now = this.files.get(path);
    this.set(new Map(this.files).set(path, { base: { path, text, stamp }, text: now?.text ?? text }));
  }

  private set(next: ReadonlyMap<string, OpenFile>, notify = true): void {
    this.files = next;
    if (notify) for (const l of this.listeners) l();
  }
}
