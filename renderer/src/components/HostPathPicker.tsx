import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowUp, File, FileSymlink, Folder, FolderOpen, FolderSymlink, House, LoaderCircle, CircleHelp } from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { HostEntry, HostListing } from '../../../preload/contract';
import { berth } from '../api';
import { formatBytes } from '../format/bytes';
import { errorMessage } from '../format/error-message';
import { formatRelativeTime } from '../format/relative-time';
import { DialogFrame } from './DialogFrame';
import { breadcrumbs, choice, joinPath, nameMatcher, startCandidates, type PickMode } from './host-path';
import './host-picker.css';

export type { PickMode } from './host-path';

export interface HostPathPickerProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  /** What may be chosen. */
  mode: PickMode;
  /** Globs ("compose.y?ml", "Dockerfile*", "*.tar"): other files are dimmed (still choosable in file modes). */
  filter?: readonly string[] | undefined;
  /** Says what the filter keeps, e.g. "Compose files". */
  filterLabel?: string | undefined;
  /** The field's value: the picker starts there (or in its folder, with its name selected), else at home. */
  value?: string | undefined;
  /** Relative values resolve against this folder (a Dockerfile in its build context). */
  base?: string | undefined;
  /** Where to start when the field is empty (else home). */
  startIn?: string | undefined;
  /** "Save to": choose a folder and type a file name (prefilled from the value's name, else this). */
  saveName?: string | undefined;
  title?: string | undefined;
  onSelect(path: string): void;
}

const ROW = 26;

const ICONS = { dir: Folder, 'symlink-dir': FolderSymlink, file: File, 'symlink-file': FileSymlink, other: CircleHelp } as const;
const isDir = (e: HostEntry) => e.kind === 'dir' || e.kind === 'symlink-dir';

/**
 * A file browser of the machine Berth's main process runs on (`host.listDir`), for path fields: breadcrumb, an
 * editable path box, Home and Up, folders first, a "Show hidden files" toggle, and a Select button enabled only for
 * something the mode allows. Keys in the list: ↑/↓/Home/End/PgUp/PgDn move, Enter opens a folder or chooses a file,
 * Backspace or Alt+↑ goes up, a letter jumps to the next name starting with it.
 */
export function HostPathPicker(props: HostPathPickerProps) {
  const { open, onOpenChange, mode, filter, filterLabel, value, base, startIn, saveName, onSelect } = props;
  const [listing, setListing] = useState<HostListing | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [showHidden, setShowHidden] = useState(false);
  const [active, setActive] = useState(-1);
  const [typed, setTyped] = useState('');
  const [name, setName] = useState<string | null>(null);
  const request = useRef(0);
  /** The request that was in flight when the user last typed into the path field: its answer leaves the field be. */
  const typedDuring = useRef(-1);
  const listRef = useRef<HTMLDivElement>(null);
  const matches = useMemo(() => nameMatcher(filter), [filter]);
  const saving = saveName !== undefined;

  /** Lists the first folder of `paths` that can be listed (home last); selects `highlight` in it. */
  const go = useCallback(
    async (paths: (string | undefined)[], highlight: string | null, hidden: boolean) => {
      const id = ++request.current;
      setLoading(true);
      let lastError: unknown = null;
      for (const path of paths) {
        try {
          const r = await berth.host.listDir(path === undefined ? { showHidden: hidden } : { path, showHidden: hidden });
          if (id !== request.current) return;
          setListing(r);
          // What the user typed while this folder was loading stays: on a busy machine the first listing can answer
          // after a path was typed, and put the home folder back in its place.
          if (typedDuring.current !== id) setTyped(r.path);
          // A value that is a file, or gone, opens its folder quietly; only falling back to home says why.
          setError(path === undefined && paths.length > 1 && lastError ? `${errorMessage(lastError)} Showing your home folder instead.` : null);
          const at = highlight ? r.entries.findIndex((e) => e.name === highlight) : -1;
          setActive(at);
          setLoading(false);
          return;
        } catch (e) {
          lastError = e;
        }
      }
      if (id !== request.current) return;
      setError(errorMessage(lastError));
      setLoading(false);
    },
    [],
  );

  const [shown, setShown] = useState(false);
  if (open !== shown) {
    setShown(open);
    if (open) {
      setListing(null);
      setError(null);
      setActive(-1);
      const start = startCandidates(value ?? '', base);
      setName(saving ? (start.highlight ?? saveName ?? '') : null);
    }
  }
  useEffect(() => {
    if (!open) return;
    const start = startCandidates(value ?? '', base);
    if (start.paths.length === 0 && startIn) start.paths.push(startIn);
    void go([...start.paths, undefined], start.highlight, showHidden);
    // Only on opening: later navigation is the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const entries = listing?.entries ?? [];
  const cwd = listing?.path ?? null;
  const activeEntry = active >= 0 ? (entries[active] ?? null) : null;
  const chosen = cwd ? choice(mode, cwd, activeEntry ? { name: activeEntry.name, isDir: isDir(activeEntry) } : null, saving ? name : undefined) : null;

  const enter = (path: string) => void go([path], null, showHidden);
  const up = () => listing?.parent && void go([listing.parent], listing.path.slice(listing.path.lastIndexOf('/') + 1), showHidden);
  const pick = (path: string | null) => {
    if (!path) return;
    onSelect(path);
    onOpenChange(false);
  };
  const activate = (i: number) => {
    const e = entries[i];
    if (!e || !cwd) return;
    if (isDir(e)) enter(joinPath(cwd, e.name));
    else if (saving) setName(e.name);
    else if (mode !== 'folder') pick(joinPath(cwd, e.name));
  };

  const virtualizer = useVirtualizer({ count: entries.length, getScrollElement: () => listRef.current, estimateSize: () => ROW, overscan: 12 });
  const moveTo = (i: number) => {
    if (entries.length === 0) return;
    const next = Math.max(0, Math.min(entries.length - 1, i));
    setActive(next);
    if (saving && !isDir(entries[next]!)) setName(entries[next]!.name);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };
  const onListKey = (e: KeyboardEvent) => {
    const page = Math.max(1, Math.floor((listRef.current?.clientHeight ?? ROW * 10) / ROW) - 1);
    const keys: Record<string, (() => void) | undefined> = {
      ArrowDown: () => moveTo(active + 1),
      ArrowUp: () => (e.altKey ? up() : moveTo(active < 0 ? 0 : active - 1)),
      Home: () => moveTo(0),
      End: () => moveTo(entries.length - 1),
      PageDown: () => moveTo(active + page),
      PageUp: () => moveTo(active - page),
      Enter: active >= 0 ? () => activate(active) : undefined,
      Backspace: up,
    };
    const handled = () => {
      e.preventDefault();
      e.stopPropagation();
    };
    const action = keys[e.key];
    if (action) {
      handled();
      action();
    } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey && /\S/.test(e.key)) {
      const k = e.key.toLowerCase();
      const n = entries.length;
      for (let step = 1; step <= n; step++) {
        const i = (active + step + n) % n;
        if (entries[i]!.name.toLowerCase().startsWith(k)) {
          handled();
          moveTo(i);
          break;
        }
      }
    }
  };

  const title = props.title ?? (saving ? 'Save to' : mode === 'folder' ? 'Choose a folder' : mode === 'file' ? 'Choose a file' : 'Choose a file or folder');
  const selectLabel = saving ? 'Save here' : mode === 'folder' ? 'Select folder' : mode === 'file' ? 'Select file' : 'Select';
  const now = Date.now();
  const rowId = (i: number) => `host-pick-row-${i}`;

  return (
    <DialogFrame
      open={open}
      onOpenChange={onOpenChange}
      title={title}
      size="xl"
      className="host-picker"
      bodyClassName="host-picker-body"
      testId="host-picker"
      confirm={{ label: selectLabel, disabled: !chosen || loading }}
      onConfirm={() => pick(chosen)}
      actions={
        <label className="inline-check host-picker-hidden">
          <input
            type="checkbox"
            checked={showHidden}
            onChange={(e) => {
              setShowHidden(e.target.checked);
              if (cwd) void go([cwd], activeEntry?.name ?? null, e.target.checked);
            }}
          />{' '}
          Show hidden files
        </label>
      }
    >
      <div className="host-picker-bar">
        <button type="button" className="icon-btn" aria-label="Home folder" title={listing ? `Home (${listing.home})` : 'Home'} onClick={() => void go([listing?.home], null, showHidden)}>
          <House size={15} />
        </button>
        <button type="button" className="icon-btn" aria-label="Up one folder" title="Up one folder (Backspace)" disabled={!listing?.parent} onClick={up}>
          <ArrowUp size={15} />
        </button>
        <nav className="host-picker-crumbs" aria-label="Current folder">
          {cwd &&
            breadcrumbs(cwd).map((c, i, all) => (
              <Crumb key={c.path} last={i === all.length - 1} onClick={() => enter(c.path)}>
                {c.label}
              </Crumb>
            ))}
        </nav>
        {loading && <LoaderCircle size={14} className="spin host-picker-spinner" aria-label="Loading" />}
      </div>
      <form
        className="host-picker-path"
        onSubmit={(e) => {
          e.preventDefault();
          e.stopPropagation();
          if (typed.trim()) void go([typed.trim()], null, showHidden);
        }}
      >
        <input className="input mono" aria-label="Go to path" value={typed} spellCheck={false} onChange={(e) => {
            typedDuring.current = request.current;
            setTyped(e.target.value);
          }} placeholder="/path/to/folder" />
        <button type="submit" className="btn">
          Go
        </button>
      </form>
      <div
        ref={listRef}
        className="host-picker-list"
        role="listbox"
        tabIndex={0}
        aria-label={cwd ? `Entries of ${cwd}` : 'Entries'}
        aria-activedescendant={active >= 0 ? rowId(active) : undefined}
        onKeyDown={onListKey}
      >
        {listing && entries.length === 0 && <p className="host-picker-empty">{showHidden ? 'This folder is empty.' : 'Nothing here (hidden files are not shown).'}</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((v) => {
            const e = entries[v.index]!;
            const dir = isDir(e);
            const Icon = dir && v.index === active ? FolderOpen : ICONS[e.kind];
            const dim = !dir && (mode === 'folder' || !matches(e.name));
            return (
              <div
                key={v.key}
                id={rowId(v.index)}
                role="option"
                aria-selected={v.index === active}
                data-testid="host-entry"
                data-name={e.name}
                data-kind={e.kind}
                className={`host-picker-row${v.index === active ? ' active' : ''}${dim ? ' dim' : ''}`}
                style={{ transform: `translateY(${v.start}px)`, height: ROW }}
                onClick={() => moveTo(v.index)}
                onDoubleClick={() => activate(v.index)}
                title={e.kind.startsWith('symlink') ? `${e.name} (link)` : e.name}
              >
                <Icon size={15} className={dir ? 'host-picker-icon dir' : 'host-picker-icon'} />
                <span className="host-picker-name">{e.name}</span>
                <span className="host-picker-size">{e.size !== undefined ? formatBytes(e.size) : ''}</span>
                <span className="host-picker-time">{e.modified !== undefined ? formatRelativeTime(e.modified, now, 'short') : ''}</span>
              </div>
            );
          })}
        </div>
      </div>
      <div className="host-picker-foot">
        {saving ? (
          <label className="host-picker-save">
            <span>File name</span>
            <input className="input mono" aria-label="File name" value={name ?? ''} spellCheck={false} onChange={(e) => setName(e.target.value)} />
          </label>
        ) : null}
        <p className="host-picker-choice" aria-live="polite">
          {chosen ? (
            <>
              <span className="muted-label">{saving ? 'Saves to' : 'Selected'}</span> <span className="mono">{chosen}</span>
            </>
          ) : (
            <span className="muted-label">{mode === 'file' ? 'Choose a file' : 'Choose a folder'}{filterLabel ? ` · ${filterLabel} are shown brighter` : ''}</span>
          )}
        </p>
        {listing?.truncated && <p className="field-hint">Only the first {entries.length.toLocaleString()} entries are shown; type a path to go further.</p>}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </DialogFrame>
  );
}

function Crumb({ last, onClick, children }: { last: boolean; onClick(): void; children: ReactNode }) {
  return (
    <>
      <button type="button" className={`host-picker-crumb${last ? ' current' : ''}`} aria-current={last ? 'location' : undefined} onClick={onClick}>
        {children}
      </button>
      {!last && children !== '/' && <span className="host-picker-sep">/</span>}
    </>
  );
}
