import { chordMatches, parseSequence, type Chord, type KeyInput, type Platform } from './keys';

export interface Candidate<Id extends string> {
  id: Id;
  sequences: readonly (readonly Chord[])[];
}

export type Resolution<Id extends string> = { kind: 'run'; id: Id } | { kind: 'wait' } | { kind: 'none' };

export const compileSequences = (keys: readonly string[]) => keys.map(parseSequence);

/**
 * What the keys pressed so far (`pending`, then `e`) mean among the candidates: a whole sequence (run it), the start
 * of one (wait for the next key: `g` of `g i`), or nothing. A whole match wins over a longer one it starts.
 */
export function resolveKeys<Id extends string>(
  candidates: readonly Candidate<Id>[],
  pending: readonly KeyInput[],
  e: KeyInput,
  platform: Platform,
): Resolution<Id> {
  const pressed = [...pending, e];
  let waits = false;
  for (const c of candidates) {
    for (const seq of c.sequences) {
      if (seq.length < pressed.length) continue;
      if (!pressed.every((k, i) => chordMatches(seq[i]!, k, platform))) continue;
      if (seq.length === pressed.length) return { kind: 'run', id: c.id };
      waits = true;
    }
  }
  return waits ? { kind: 'wait' } : { kind: 'none' };
}

/** A modifier pressed on its own (Shift before `?`) neither completes nor breaks a sequence. */
export const isModifierOnly = (key: string) => key === 'Shift' || key === 'Control' || key === 'Alt' || key === 'Meta' || key === 'CapsLock';
