import { describe, expect, it } from 'vitest';
import { assignSlots } from './row-slots';

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

  it('returns the same slots for the same rows', () => {
    const prev = assignSlots(new Map(), ['a', 'b']);
    expect(slots(assignSlots(prev, ['a', 'b']))).toEqual(slots(prev));
  });
});
