/**
 * Natural order for names: case-insensitive, numbers by value ("web-2" before "web-10"), exactly as
 * `new Intl.Collator('en', { numeric: true, sensitivity: 'base' }).compare` orders them, without creating the collator
 * for the names that need none.
 *
 * Why: a page's first Intl object costs 20–40 ms in a fresh renderer (ICU loads its data), and the containers list
 * sorts before its first screen. The names it sorts (container, image, compose project and service names, statuses)
 * are printable ASCII, by Docker's rules; for those this compares directly, with the collator's order of ASCII
 * (its root order: punctuation, then symbols, then numbers, then letters). A string with anything else in it goes to
 * the collator itself, made on first need. The order is 'en' whatever the user's locale, so a name sorts the same on
 * every machine (locale rules such as Estonian "z" after "s" are for words, not for identifiers).
 */

/** Printable ASCII that is not a digit or a letter, in the collator's order (all distinct at the base level). */
const PUNCTUATION_ORDER = ' _-,;:!?.\'"()[]{}@*/\\&#%`^+<=>|~$';
const DIGIT = PUNCTUATION_ORDER.length + 1;

/** Rank of each ASCII code at the base level; 0: not ranked here (the collator decides). */
const RANK = new Uint8Array(128);
for (let i = 0; i < PUNCTUATION_ORDER.length; i++) RANK[PUNCTUATION_ORDER.charCodeAt(i)] = i + 1;
for (let c = 48; c <= 57; c++) RANK[c] = DIGIT;
for (let k = 0; k < 26; k++) RANK[97 + k] = RANK[65 + k] = DIGIT + 1 + k;

const isDigit = (code: number) => code >= 48 && code <= 57;
const rankOf = (code: number) => (code < 128 ? RANK[code]! : 0);

let collator: Intl.Collator | null = null;
const collatorCompare = (a: string, b: string) =>
  (collator ??= new Intl.Collator('en', { numeric: true, sensitivity: 'base' })).compare(a, b);

/** Whether every character of `s` from `from` on is ranked here. */
function rankedFrom(s: string, from: number): boolean {
  for (let i = from; i < s.length; i++) if (rankOf(s.charCodeAt(i)) === 0) return false;
  return true;
}

/** Negative, zero or positive, as `a` sorts before, with or after `b`. */
export function compareNatural(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const ra = rankOf(a.charCodeAt(i));
    const rb = rankOf(b.charCodeAt(j));
    if (ra === 0 || rb === 0) return collatorCompare(a, b);
    if (ra === DIGIT && rb === DIGIT) {
      // Two numbers: by value. Leading zeros do not count ("01" is "1"), so the longer number is the larger one,
      // and numbers of one length compare digit by digit.
      let si = i;
      while (si < n && a.charCodeAt(si) === 48) si++;
      let sj = j;
      while (sj < m && b.charCodeAt(sj) === 48) sj++;
      let ei = si;
      while (ei < n && isDigit(a.charCodeAt(ei))) ei++;
      let ej = sj;
      while (ej < m && isDigit(b.charCodeAt(ej))) ej++;
      if (ei - si !== ej - sj) return ei - si < ej - sj ? -1 : 1;
      for (let k = 0; k < ei - si; k++) {
        const d = a.charCodeAt(si + k) - b.charCodeAt(sj + k);
        if (d !== 0) return d < 0 ? -1 : 1;
      }
      i = ei;
      j = ej;
      continue;
    }
    if (ra !== rb) return ra < rb ? -1 : 1;
    i++;
    j++;
  }
  // One is a prefix of the other (at the base level): the shorter first, if the rest is ranked here at all.
  if (i < n) return rankedFrom(a, i) ? 1 : collatorCompare(a, b);
  if (j < m) return rankedFrom(b, j) ? -1 : collatorCompare(a, b);
  return 0;
}
