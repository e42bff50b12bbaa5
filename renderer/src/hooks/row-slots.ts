/**
 * Row recycling for a virtual list: each drawn row gets a slot, and a row that leaves the view gives its slot to a
 * row that comes in. The slot is the row's React key, so React updates the leaving row's elements in place for the
 * new one (its texts and attributes) instead of taking one row's elements away and making another's: a filter key
 * that replaces every row in view, or a scroll, then changes the page's DOM far less.
 *
 * A row keeps its slot while it stays drawn. The focused row's slot is never given to another row (a button that has
 * the keyboard's focus must not become another container's button under it); the row leaves as before.
 */

/** The slot of each drawn row, by row key. */
export type RowSlots = ReadonlyMap<string, number>;

/**
 * The slots for `keys` (the rows drawn now, in order): the ones in `prev` keep theirs; the others take, in order,
 * the lowest slots freed by rows no longer drawn, but not `focused`'s; then new slots after every slot in `prev`.
 */
export function assignSlots(prev: RowSlots, keys: readonly string[], focused: string | null = null): Map<string, number> {
  const next = new Map<string, number>();
  const taken = new Set<number>();
  let top = -1;
  for (const slot of prev.values()) top = Math.max(top, slot);
  for (const key of keys) {
    const slot = prev.get(key);
    if (slot === undefined) continue;
    next.set(key, slot);
    taken.add(slot);
  }
  if (next.size === keys.length) return next;
  const pinned = focused === null || next.has(focused) ? undefined : prev.get(focused);
  const free: number[] = [];
  for (const slot of prev.values()) if (!taken.has(slot) && slot !== pinned) free.push(slot);
  free.sort((a, b) => a - b);
  let f = 0;
  for (const key of keys) {
    if (next.has(key)) continue;
    next.set(key, f < free.length ? free[f++]! : ++top);
  }
  return next;
}
