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
  // Walked in place, not through an array of characters: a list row splits its name each time it shows another
  // container, and the arrays were a tenth of what scrolling 5,000 containers allocated.
  let chars = 0;
  for (let i = 0; i < name.length; i++, chars++) if (isPair(name, i)) i++;
  if (chars < from) return null;
  let cut = name.length;
  for (let n = 0; n < tail; n++) cut -= cut >= 2 && isPair(name, cut - 2) ? 2 : 1;
  return [name.slice(0, cut), name.slice(cut)];
}

/** Whether the code units at `i` and `i + 1` are one character (a surrogate pair). */
function isPair(s: string, i: number): boolean {
  const hi = s.charCodeAt(i);
  const lo = s.charCodeAt(i + 1);
  return hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff;
}
