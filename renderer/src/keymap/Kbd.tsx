import { Fragment } from 'react';
import { KEYMAP, keymapPlatform, type ShortcutId } from './keymap';
import { chordCaps, formatSequence, parseSequence } from './keys';
import './keymap.css';

/** One key sequence as key caps (`Ctrl` `K`, `g` then `i`), with the words a screen reader says instead. */
export function KeyCaps({ spec }: { spec: string }) {
  const platform = keymapPlatform();
  const chords = parseSequence(spec);
  return (
    <span className="key-seq" aria-label={formatSequence(spec, platform)}>
      {chords.map((c, i) => (
        <Fragment key={i}>
          {i > 0 && (
            <span className="key-then" aria-hidden>
              then
            </span>
          )}
          {chordCaps(c, platform).map((cap, j) => (
            <kbd key={j} className="key-cap" aria-hidden>
              {cap}
            </kbd>
          ))}
        </Fragment>
      ))}
    </span>
  );
}

/** The keys of a shortcut: the first only (menus, palette rows), or all of them with "or" between (the `?` sheet). */
export function ShortcutKeys({ id, all = false }: { id: ShortcutId; all?: boolean }) {
  const keys = all ? KEYMAP[id].keys : KEYMAP[id].keys.slice(0, 1);
  return (
    <span className="shortcut-keys">
      {keys.map((spec, i) => (
        <Fragment key={spec}>
          {i > 0 && <span className="key-or">or</span>}
          <KeyCaps spec={spec} />
        </Fragment>
      ))}
    </span>
  );
}
