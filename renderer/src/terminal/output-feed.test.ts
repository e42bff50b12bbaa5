import { describe, expect, it } from 'vitest';
import { OutputFeed } from './output-feed';

function harness(opts: { floodBytes?: number; holdMs?: number; maxBytes?: number } = {}) {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const writes: { data: number[]; done: () => void }[] = [];
  const consumed: string[][] = [];
  const feed = new OutputFeed<string>({
    write: (data, done) => writes.push({ data: [...data], done }),
    consumed: (items) => consumed.push(items.map((i) => i.tag)),
    windowMs: 100,
    floodBytes: opts.floodBytes ?? 1000,
    holdMs: opts.holdMs ?? 50,
    maxBytes: opts.maxBytes ?? 1 << 20,
    now: () => now,
    setTimer: (fn, ms) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return t;
    },
    clearTimer: (t) => timers.splice(timers.indexOf(t as (typeof timers)[number]), 1),
  });
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.filter((x) => x.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
  };
  return { feed, writes, consumed, timers, advance };
}

const bytes = (n: number, v = 1) => new Uint8Array(n).fill(v);

/** A feed in a flood: 200 bytes over floodBytes 100 were pushed and written (holdMs 50). */
function flooded() {
  const h = harness({ floodBytes: 100, holdMs: 50 });
  h.feed.push(bytes(200), 'a');
  h.writes[0]!.done();
  return h;
}

describe('OutputFeed', () => {
  it('writes a chunk at once when idle (an echo is not held back)', () => {
    const h = harness();
    h.feed.push(bytes(2), 'a');
    expect(h.writes.map((w) => w.data)).toEqual([[1, 1]]);
  });

  it('queues what arrives during a write and hands it over as one write, bytes in order, tags reported', () => {
    const h = harness();
    h.feed.push(Uint8Array.of(1), 'a');
    h.feed.push(Uint8Array.of(2), 'a');
    h.feed.push(Uint8Array.of(3), 'b');
    expect(h.writes).toHaveLength(1);
    h.writes[0]!.done();
    expect(h.consumed).toEqual([['a']]);
    expect(h.writes[1]!.data).toEqual([2, 3]);
    h.writes[1]!.done();
    expect(h.consumed).toEqual([['a'], ['a', 'b']]);
  });

  it('during a flood, spaces writes holdMs apart and gathers what came meanwhile', () => {
    const h = flooded();
    h.advance(10);
    h.feed.push(bytes(10), 'a');
    h.feed.push(bytes(10), 'a');
    expect(h.writes).toHaveLength(1);
    h.advance(39);
    expect(h.writes).toHaveLength(1);
    h.advance(1);
    expect(h.writes).toHaveLength(2);
    expect(h.writes[1]!.data).toHaveLength(20);
  });

  it('writes at once again after the flood has passed', () => {
    const h = flooded();
    h.advance(250);
    h.feed.push(bytes(1), 'a');
    expect(h.writes).toHaveLength(2);
  });

  it('caps one write at maxBytes (but never splits a chunk)', () => {
    const h = harness({ maxBytes: 10 });
    h.feed.push(bytes(4), 'a');
    for (let i = 0; i < 4; i++) h.feed.push(bytes(4), 'a');
    h.writes[0]!.done();
    expect(h.writes[1]!.data).toHaveLength(8);
    h.writes[1]!.done();
    expect(h.writes[2]!.data).toHaveLength(8);
  });

  it('drops what is queued when disposed, and reports nothing after', () => {
    const h = harness();
    h.feed.push(bytes(1), 'a');
    h.feed.push(bytes(1), 'a');
    h.feed.dispose();
    h.writes[0]!.done();
    expect(h.writes).toHaveLength(1);
    expect(h.consumed).toEqual([]);
  });
});
