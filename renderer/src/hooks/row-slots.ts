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
 *
 * With `reuseAbove` false, rows that come in above every row that stays (a scroll up, at rest) take new slots: a
 * freed slot's element is below them among the list's children, and React moves an element up only by moving every
 * element it passes (see `stepToward`); a new element is one insertion.
 */
export function assignSlots(prev: RowSlots, keys: readonly string[], focused: string | null = null, reuseAbove = true): Map<string, number> {
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
  // Above the first row that stays (there is one: some rows kept their slots), new slots when not reusing.
  let above = !reuseAbove && next.size > 0;
  for (const key of keys) {
    if (next.has(key)) {
      above = false;
      continue;
    }
    next.set(key, !above && f < free.length ? free[f++]! : ++top);
  }
  return next;
}

/**
 * The order to render a list's children in, one step from `dom` (their keys in the order of the last commit) toward
 * `target` (the order they should have: the rows' order, for screen readers and the Tab key), moving at most `moves`
 * elements that are already there; new keys go straight to their place.
 *
 * React keeps the children it finds in order and moves the others: going through the new order, a child whose old
 * place is before that of a child it kept is moved (taken out and put back, which makes the browser style and lay it
 * out anew). After a fling drawn with recycled rows, the rows' elements stand in a rotated order, and rendering the
 * rows' order at once moved ~40 of 45 rows in one task (34 ms of CPU at the fling's end in list-5000). So while a list
 * is flung its children keep their places (`moves` 0: recycled rows change in place, no element moves), and once it
 * rests they are put in order a few per render: each step takes the first `moves` of the children React would move to
 * the place React would put them, and React then moves exactly those.
 */
export function stepToward(dom: readonly string[], target: readonly string[], moves: number): readonly string[] {
  // Without allocating, as a scroll frame mostly finds it: the children already in order (at rest), or the same
  // children to keep where they are (flung: the recycled rows are the same elements).
  if (sameOrder(dom, target)) return target;
  if (moves === 0 && dom.length === target.length && target.every((key) => dom.includes(key))) return dom;
  const inTarget = new Set(target);
  const at = new Map<string, number>();
  for (const key of dom) if (inTarget.has(key)) at.set(key, at.size);
  // What React would do to go from `dom` to `target`: the children it keeps, in order, and the ones it moves.
  const moved = new Set<string>();
  let last = -1;
  for (const key of target) {
    const i = at.get(key);
    if (i === undefined) continue;
    if (i < last) moved.add(key);
    else last = i;
  }
  // The children placed this step: new ones, and the first `moves` React would move; each goes before the next kept
  // child that follows it in `target` (where React inserts it), or last.
  const before = new Map<string, string[]>();
  const atEnd: string[] = [];
  const placed = new Set<string>();
  let budget = moves;
  let waiting: string[] = [];
  for (const key of target) {
    const isNew = !at.has(key);
    if (isNew || (moved.has(key) && budget > 0)) {
      if (!isNew) budget--;
      placed.add(key);
      waiting.push(key);
    } else if (!moved.has(key)) {
      if (waiting.length) before.set(key, waiting);
      waiting = [];
    }
  }
  atEnd.push(...waiting);
  const order: string[] = [];
  for (const key of at.keys()) {
    if (placed.has(key)) continue;
    const ahead = before.get(key);
    if (ahead) order.push(...ahead);
    order.push(key);
  }
  order.push(...atEnd);
  return order;
}

/** Whether two lists hold the same keys in the same order. */
export function sameOrder(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
