import * as Dialog from '@radix-ui/react-dialog';
import { CornerDownLeft, Search, type LucideIcon } from 'lucide-react';
import { Suspense, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState, type InputHTMLAttributes, type KeyboardEvent, type ReactNode } from 'react';
import { useEngineNames, useShowsEngines } from '../data/scope';
import { ShortcutKeys } from '../keymap/Kbd';
import { KEYMAP, keymapPlatform } from '../keymap/keymap';
import { chordMatches, parseSequence } from '../keymap/keys';
import { useNavigation } from '../stores/navigation-store';
import { actionsFor, type PaletteAction } from './palette-actions';
import { commandById } from './palette-commands';
import { searchPalette, type PaletteEntry, type PaletteHit } from './palette-index';
import { KIND, optionId, ResultRow } from './PaletteRow';
import { closePalette, closePaletteDialog, noteRecent, usePalette, useRecent } from './palette-store';
import { DialogLoadBoundary, lazyChunk } from '../shell/chunk-load';
import { toast } from '../stores/toast-store';
import { usePaletteEntries } from './use-palette-entries';
import '../components/dialog.css';
import './palette.css';

const PaletteDialogs = lazyChunk(() => import('./PaletteDialogs').then((m) => ({ default: m.PaletteDialogs })));

/**
 * Made when the palette first counts results, not when this module loads: a page's first Intl object costs 20–40 ms
 * in a fresh renderer (ICU loads its data), which the first screen would pay for a palette not yet opened.
 */
let counts: Intl.NumberFormat | null = null;
const formatCount = (n: number) => (counts ??= new Intl.NumberFormat()).format(n);

/** Rows drawn: a dozen fit the window; more is scrolling through a search that should be narrowed instead. */
const LIMIT = 30;
/**
 * Rows drawn in the keystroke's own frame: the ones in view (the list is back at its top after each keystroke). The
 * rest follow in a deferred render right after, which a next keystroke interrupts; until then the rows below the
 * fold still show the previous results (palette-5000: 30 rows in one go cost a frame on broad queries).
 */
const FIRST_ROWS = 12;

function dialogFailed(err: Error) {
  closePaletteDialog();
  toast.error('The dialog could not open', err.message);
}

/** The palette (Ctrl/⌘+K, F1), the dialogs it opens, mounted once in App. */
export function CommandPalette() {
  const open = usePalette((s) => s.open);
  const dialog = usePalette((s) => s.dialog);
  return (
    <>
      {open && <PaletteWindow />}
      {dialog && (
        <DialogLoadBoundary onFailed={dialogFailed}>
          <Suspense fallback={null}>
            <PaletteDialogs dialog={dialog} />
          </Suspense>
        </DialogLoadBoundary>
      )}
    </>
  );
}

/** Runs what was picked after the palette has closed, so a dialog it opens takes the focus the palette gives back. */
function runAfterClose(key: string, run: () => void) {
  noteRecent(key);
  closePalette();
  run();
}

function PaletteWindow() {
  const subject = usePalette((s) => s.subject);
  const entries = usePaletteEntries();
  // The object whose actions are shown, kept current: a container that stops while its actions are open says so.
  const live = subject ? (entries.find((e) => e.key === subject.key) ?? subject) : null;
  return (
    <Dialog.Root open onOpenChange={(o) => !o && closePalette()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay palette-overlay" />
        <Dialog.Content
          className="dialog palette"
          data-testid="command-palette"
          aria-describedby={undefined}
          onEscapeKeyDown={(e) => {
            // Escape from an object's actions goes back to the results; from the results it closes.
            if (usePalette.getState().subject) {
              e.preventDefault();
              usePalette.setState({ subject: null });
            }
          }}
        >
          <Dialog.Title className="visually-hidden">Command palette</Dialog.Title>
          {live ? <ActionStage subject={live} /> : <SearchStage entries={entries} />}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function useActiveIndex(keys: readonly string[]) {
  const [activeKey, setActiveKey] = useState<string | null>(null);
  // The highlighted row follows its key while results change under it (live updates), else the first row.
  const index = activeKey === null ? 0 : Math.max(0, keys.indexOf(activeKey));
  const move = (delta: number) => {
    if (keys.length === 0) return;
    setActiveKey(keys[(index + delta + keys.length) % keys.length]!);
  };
  const shown = keys.length ? Math.min(index, keys.length - 1) : -1;
  /** The list keys both stages share (arrows wrap; pages move by ten and stop at the ends): true when `key` was one. */
  const moveByKey = (key: string): boolean => {
    if (key === 'ArrowDown') move(1);
    else if (key === 'ArrowUp') move(-1);
    else if (key === 'PageDown') move(Math.min(10, Math.max(1, keys.length - 1 - shown)));
    else if (key === 'PageUp') move(-Math.min(10, shown));
    else return false;
    return true;
  };
  return { index: shown, move, moveByKey, reset: () => setActiveKey(null), setActiveKey };
}

/**
 * Scrolls the list just enough to show the highlighted row. Not scrollIntoView, and no reading of the list's scroll
 * position when the first row is highlighted (every keystroke): both lay the page out at once, which cost more than
 * the search itself in palette-5000. `scrolled` is where the list's own scroll events last left it.
 */
function keepInView(list: HTMLElement | null, index: number, scrolled: number) {
  if (!list) return;
  if (index <= 0) {
    if (scrolled !== 0) list.scrollTop = 0;
    return;
  }
  const row = list.querySelectorAll<HTMLElement>('[role="option"]')[index];
  if (!row) return;
  const top = row.offsetTop - list.offsetTop;
  if (top < list.scrollTop) list.scrollTop = top;
  else if (top + row.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = top + row.offsetHeight - list.clientHeight;
}

/** The palette's one field, a combobox over the list below it: its icon, and a word at its end (a count, a kind). */
function PaletteInput({ icon: Icon, aside, className, ...input }: { icon: LucideIcon; aside: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className={`palette-input-row${className ? ` ${className}` : ''}`}>
      <Icon size={16} aria-hidden className="palette-input-icon" />
      <input className="palette-input" autoFocus role="combobox" aria-expanded {...input} />
      <span className="palette-count" aria-hidden>
        {aside}
      </span>
    </div>
  );
}


function SearchStage({ entries }: { entries: readonly PaletteEntry[] }) {
  const query = usePalette((s) => s.query);
  const recent = useRecent((s) => s.keys);
  const names = useEngineNames();
  const showsEngines = useShowsEngines(null);
  const preferEngine = useNavigation((s) => s.engineId ?? s.scope);
  const { hits, total } = useMemo(() => searchPalette(entries, query, recent, LIMIT, preferEngine), [entries, query, recent, preferEngine]);
  const keys = useMemo(() => hits.map((h) => h.entry.key), [hits]);
  const later = useDeferredValue(hits);
  const shownHits = useMemo(
    () => (later === hits ? hits : hits.flatMap((hit, i) => (i < FIRST_ROWS ? [hit] : later[i] ? [later[i]] : []))),
    [hits, later],
  );
  const active = useActiveIndex(keys);
  const listRef = useRef<HTMLUListElement>(null);
  const activeHit = active.index >= 0 ? hits[active.index] : undefined;

  const scrolled = useRef(0);
  useEffect(() => keepInView(listRef.current, active.index, scrolled.current), [active.index, hits]);

  const hitsRef = useRef(hits);
  hitsRef.current = hits;
  // Stable, so a row whose hit did not change is not drawn again on a keystroke.
  const onPick = useCallback((key: string) => pickRef.current(hitsRef.current.find((h) => h.entry.key === key), 'actions'), []);
  const pick = (hit: PaletteHit | undefined, mode: 'default' | 'actions') => {
    if (!hit) return;
    const { entry } = hit;
    if (entry.commandId) {
      const command = commandById(entry.commandId);
      if (command) runAfterClose(entry.key, command.run);
      return;
    }
    if (entry.object && mode === 'actions') usePalette.setState({ subject: entry });
  };

  const pickRef = useRef(pick);
  pickRef.current = pick;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const handled = (() => {
      if (active.moveByKey(e.key)) return true;
      switch (e.key) {
        case 'Enter':
          pick(activeHit, 'actions');
          return true;
        case 'Tab':
          if (e.shiftKey || !activeHit?.entry.object) return false;
          pick(activeHit, 'actions');
          return true;
        case 'ArrowRight': {
          const input = e.currentTarget;
          if (input.selectionStart !== input.value.length || !activeHit?.entry.object) return false;
          pick(activeHit, 'actions');
          return true;
        }
        default:
          return false;
      }
    })();
    if (handled) e.preventDefault();
  };

  const count = query.trim() ? `${formatCount(total)} result${total === 1 ? '' : 's'}${total > hits.length ? `, first ${hits.length} shown` : ''}` : '';
  return (
    <>
      <PaletteInput
        icon={Search}
        aside={count}
        aria-controls="palette-listbox"
        aria-autocomplete="list"
        aria-activedescendant={activeHit ? optionId(activeHit.entry.key) : undefined}
        aria-label="Search containers, images, volumes, networks, stacks, engines and commands"
        placeholder="Find a container, image, volume, network, stack or command…"
        spellCheck={false}
        autoComplete="off"
        value={query}
        onChange={(e) => {
          usePalette.setState({ query: e.target.value });
          active.reset();
        }}
        onKeyDown={onKeyDown}
      />
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="palette-status">
        {query.trim() ? (total === 0 ? 'No results' : count) : `${hits.length} recent items and commands`}
      </p>
      <ul
        ref={listRef}
        onScroll={(e) => (scrolled.current = e.currentTarget.scrollTop)}
        id="palette-listbox"
        className="palette-list"
        role="listbox" aria-label="Results" data-query={query} data-count={total} data-entries={entries.length}>
        {!query.trim() && hits.length > 0 && (
          <li role="presentation" className="palette-heading">
            {recent.length > 0 ? 'Recent, then commands' : 'Commands'}
          </li>
        )}
        {shownHits.map((hit, i) => (
          <ResultRow
            // By position, not by entry: a keystroke that changes the results updates the rows' text in place
            // instead of removing 30 rows and building 30 (each with two SVG icons) again.
            key={i}
            hit={hit}
            active={i === active.index}
            engineName={showsEngines && hit.entry.engineId ? (names.get(hit.entry.engineId) ?? hit.entry.engineId) : null}
            onPick={onPick}
            onHover={active.setActiveKey}
          />
        ))}
        {query.trim() && hits.length === 0 && (
          <li role="presentation" className="palette-empty">
            Nothing matches “{query.trim()}”.
          </li>
        )}
      </ul>
      {SEARCH_FOOTER}
    </>
  );
}

const SEARCH_FOOTER = <PaletteFooter enter="actions / run" last={<><kbd className="key-cap">Esc</kbd> close</>} />;

/** Whether a key press is an action's own key (`s` for stop): the same keys the list rows answer to. */
function actionForKey(actions: readonly PaletteAction[], e: KeyboardEvent): PaletteAction | undefined {
  return actions.find((a) => a.shortcut && !a.disabled && KEYMAP[a.shortcut].keys.some((spec) => {
    const seq = parseSequence(spec);
    return seq.length === 1 && chordMatches(seq[0]!, e, keymapPlatform());
  }));
}

function ActionStage({ subject }: { subject: PaletteEntry }) {
  const actions = useMemo(() => (subject.object ? actionsFor(subject.object) : []), [subject]);
  const keys = useMemo(() => actions.map((a) => a.id), [actions]);
  const active = useActiveIndex(keys);
  const kind = KIND[subject.kind];
  const Icon = kind.icon;

  const run = (a: PaletteAction | undefined) => {
    if (!a || a.disabled) return;
    runAfterClose(subject.key, a.run);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const handled = (() => {
      if (active.moveByKey(e.key)) return true;
      switch (e.key) {
        case 'Enter':
          run(actions[active.index]);
          return true;
        case 'Backspace':
        case 'ArrowLeft':
          usePalette.setState({ subject: null });
          return true;
        default: {
          const a = actionForKey(actions, e);
          if (!a) return e.key.length === 1; // other letters type nothing here: the actions are not filtered
          run(a);
          return true;
        }
      }
    })();
    if (handled) e.preventDefault();
  };

  const activeAction = active.index >= 0 ? actions[active.index] : undefined;
  return (
    <>
      <PaletteInput
        className="palette-subject"
        icon={Icon}
        aside={kind.label}
        readOnly
        aria-controls="palette-actions"
        aria-activedescendant={activeAction ? `palette-action-${activeAction.id}` : undefined}
        aria-label={`Actions for ${kind.label.toLowerCase()} ${subject.title}`}
        value=""
        placeholder={subject.title}
        title={subject.detail}
        onKeyDown={onKeyDown}
      />
      <p className="visually-hidden" role="status" aria-live="polite">
        {`${actions.length} actions for ${subject.title}. Press an action's key, or use the arrows and Enter. Backspace goes back.`}
      </p>
      <ul id="palette-actions" className="palette-list" role="listbox" aria-label={`Actions for ${subject.title}`} data-subject={subject.key}>
        {actions.map((a, i) => (
          <li
            key={a.id}
            id={`palette-action-${a.id}`}
            role="option"
            aria-selected={i === active.index}
            aria-disabled={a.disabled ? true : undefined}
            className={`palette-option palette-action${i === active.index ? ' active' : ''}${a.danger ? ' danger' : ''}${a.disabled ? ' disabled' : ''}`}
            data-action={a.id}
            onMouseMove={() => active.setActiveKey(a.id)}
            onClick={() => run(a)}
          >
            <span className="palette-option-text">
              <span className="palette-option-title">{a.label}</span>
              {a.disabled && <span className="palette-option-detail">{a.disabled}</span>}
            </span>
            {a.shortcut && <ShortcutKeys id={a.shortcut} />}
          </li>
        ))}
      </ul>
      <PaletteFooter enter="run" extra="a letter runs its action" last={<><kbd className="key-cap">⌫</kbd> back</>} />
    </>
  );
}

/** The key hints under the palette's list: move, what Enter does here, then the step's own keys. */
function PaletteFooter({ enter, extra, last }: { enter: string; extra?: string; last: ReactNode }) {
  return (
    <footer className="palette-footer" aria-hidden>
      <span>
        <kbd className="key-cap">↑</kbd>
        <kbd className="key-cap">↓</kbd> move
      </span>
      <span>
        <kbd className="key-cap">
          <CornerDownLeft size={11} />
        </kbd>{' '}
        {enter}
      </span>
      {extra && <span>{extra}</span>}
      <span>{last}</span>
    </footer>
  );
}
