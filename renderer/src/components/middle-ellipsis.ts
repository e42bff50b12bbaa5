/**
 * Names that give way in the middle: "berth-ci-runner-pool-…-web-1". Container, volume and network names often share
 * a long start (a compose project, a CI run) and differ at the end (the service, the number), so an ellipsis at the
 * end made a screen of rows read the same. The end of a long name stays whole; its start gives way.
 */

/** How many characters at the end of a long name stay whole. */
export const NAME_TAIL_CHARS = 10;
/** Names shorter than this are not split (at the narrowest name column they fit whole). */
export const SPLIT_FROM_CHARS = 20;

/**
 * A name split into the part that gives way and the end that stays, or null when it is short enough to show whole.
 * Split by characters (code points), so a character outside the BMP is never cut in two.
 */
export function nameParts(name: string, tail = NAME_TAIL_CHARS, from = SPLIT_FROM_CHARS): [head: string, tail: string] | null {
  if (name.length < from) return null; // fewer code units than `from`: fewer characters too
  const chars = Array.from(name);
  if (chars.length < from) return null;
  return [chars.slice(0, -tail).join(''), chars.slice(-tail).join('')];
}
