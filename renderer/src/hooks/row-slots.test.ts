import { describe, expect, it } from 'vitest';
import { assignSlots, stepToward } from './row-slots';

const slots = (m: ReadonlyMap<string, number>) => Object.fromEntries(m);

describe('assignSlots', () => {
  it('numbers the first rows in order', () => {
    expect(slots(assignSlots(new Map(), ['a', 'b', 'c']))).toEqual({ a: 0, b: 1, c: 2 });
  });

  it('keeps the slot of a row that stays, wherever it moved', () => {
    const prev = assignSlots(new Map(), ['a', 'b', 'c']);
    expect(slots(assignSlots(prev, ['c', 'b', 'a']))).toEqual({ a: 0, b: 1, c: 2 });
  });

  it('gives the slots of rows that left to the rows that came in (a scroll down by two)', () => {
    const prev = assignSlots(new Map(), ['a', 'b', 'c', 'd']);
    expect(slots(assignSlots(prev, ['c', 'd', 'e', 'f']))).toEqual({ c: 2, d: 3, e: 0, f: 1 });
  });

  it('a filter that replaces every row reuses every slot', () => {
    const prev = assignSlots(new Map(), ['a', 'b', 'c']);
    expect(slots(assignSlots(prev, ['x', 'y', 'z']))).toEqual({ x: 0, y: 1, z: 2 });
  });

  it('makes new slots after every slot in use when more rows are drawn', () => {
    const prev = new Map([
      ['a', 4],
      ['b', 1],
    ]);
    expect(slots(assignSlots(prev, ['a', 'x', 'y', 'z']))).toEqual({ a: 4, x: 1, y: 5, z: 6 });
  });

  it("never gives the focused row's slot to another row", () => {
    const prev = assignSlots(new Map(), ['a', 'b', 'c']);
    expect(slots(assignSlots(prev, ['x', 'y', 'z'], 'b'))).toEqual({ x: 0, y: 2, z: 3 });
    // A focused row that stays keeps its slot as any other.
    expect(slots(assignSlots(prev, ['b', 'y'], 'b'))).toEqual({ b: 1, y: 0 });
  });

  it('at rest, gives rows that come in above every row that stays new slots (a scroll up)', () => {
    const prev = assignSlots(new Map(), ['c', 'd', 'e', 'f']);
    expect(slots(assignSlots(prev, ['a', 'b', 'c', 'd'], null, false))).toEqual({ a: 4, b: 5, c: 0, d: 1 });
    // Below a row that stays they reuse freed slots as ever; with no row staying, every freed slot is reused.
    expect(slots(assignSlots(prev, ['b', 'c', 'x', 'd'], null, false))).toEqual({ b: 4, c: 0, x: 2, d: 1 });
    expect(slots(assignSlots(prev, ['x', 'y'], null, false))).toEqual({ x: 0, y: 1 });
  });

  it('returns the same slots for the same rows', () => {
    const prev = assignSlots(new Map(), ['a', 'b']);
    expect(slots(assignSlots(prev, ['a', 'b']))).toEqual(slots(prev));
  });
});

/** The children React moves (takes out and puts back) going from order `from` to `to`: its reconcileChildrenArray. */
function reactMoves(from: readonly string[], to: readonly string[]): number {
  const at = new Map(from.map((k, i) => [k, i]));
  let last = 0;
  let moves = 0;
  for (const key of to) {
    const i = at.get(key);
    if (i === undefined) continue; // a new child: an insertion
    if (i < last) moves++;
    else last = i;
  }
  return moves;
}

/** A seeded shuffle, so a failure can be run again. */
function shuffled(keys: string[], seed: number): string[] {
  const out = [...keys];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('stepToward', () => {
  const keys = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `k${from + i}`);

  it('keeps the children where they are with no moves, new ones at their place (a fling)', () => {
    expect(stepToward(['a', 'b', 'c'], ['x', 'a', 'b', 'c'], 0)).toEqual(['x', 'a', 'b', 'c']);
    // Out of order: React would keep c and move a and b; x goes after c, as in the target.
    expect(stepToward(['a', 'b', 'c'], ['c', 'x', 'a', 'b'], 0)).toEqual(['a', 'b', 'c', 'x']);
    expect(stepToward(['a', 'b', 'c'], ['b', 'c', 'y'], 0)).toEqual(['b', 'c', 'y']);
  });

  it('puts rows rotated by a fling back in order a few moves a step', () => {
    const rows = keys(45);
    const dom = [...rows.slice(13), ...rows.slice(0, 13)]; // the first 13 rows' elements are last
    let order: readonly string[] = dom;
    const steps: number[] = [];
    while (order.join() !== rows.join()) {
      const next = stepToward(order, rows, 8);
      steps.push(reactMoves(order, next));
      order = next;
    }
    // React would move the 32 elements before the rotation's seam: 8 a step, and never more.
    expect(steps).toEqual([8, 8, 8, 8]);
  });

  it('makes React move exactly the children it says, and gets there, whatever the order', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const target = keys(20 + (seed % 30));
      const dom = [...shuffled(target, seed).slice(seed % 5), ...keys(seed % 4, 100)]; // some gone, some new
      const total = reactMoves(dom, target);
      let order: readonly string[] = dom;
      let moves = 0;
      for (let step = 0; step < 20 && order.join() !== target.join(); step++) {
        const next = stepToward(order, target, 5);
        const m = reactMoves(order, next);
        expect(m, `seed ${seed} step ${step}`).toBeLessThanOrEqual(5);
        moves += m;
        order = next;
      }
      expect(order, `seed ${seed}`).toEqual(target);
      // Never more moves in all than rendering the target at once.
      expect(moves, `seed ${seed}`).toBeLessThanOrEqual(total);
    }
  });

  it('gives back the order it was given when nothing is to change (a scroll frame allocates no new one)', () => {
    const target = ['a', 'b', 'c'];
    expect(stepToward(['a', 'b', 'c'], target, 8)).toBe(target);
    const dom = ['c', 'a', 'b'];
    expect(stepToward(dom, target, 0)).toBe(dom);
  });
});
