import { describe, expect, it } from 'vitest';
import { TerminalOutput } from './terminal-output';

function harness(opts: { maxBytes?: number; highWater?: number; lowWater?: number } = {}) {
  let now = 0;
  const timers: { at: number; fn: () => void; cancelled: boolean }[] = [];
  const sent: Uint8Array[] = [];
  const pauses: boolean[] = [];
  const out = new TerminalOutput({
    emit: (d) => sent.push(d),
    pause: (p) => pauses.push(p),
    intervalMs: 4,
    now: () => now,
    schedule: (fn, ms) => {
      const t = { at: now + ms, fn, cancelled: false };
      timers.push(t);
      return () => (t.cancelled = true);
    },
    ...opts,
  });
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.splice(0)) {
      if (t.cancelled) continue;
      if (t.at <= now) t.fn();
      else timers.push(t);
    }
  };
  return { out, sent, pauses, advance };
}

const bytes = (...v: number[]) => new Uint8Array(v);

describe('TerminalOutput', () => {
  it('sends the first chunk after a quiet spell on the next turn, and coalesces what follows within the interval', () => {
    const h = harness();
    h.out.push(bytes(1));
    expect(h.sent).toHaveLength(0);
    h.advance(0);
    expect(h.sent).toEqual([bytes(1)]);
    h.out.push(bytes(2));
    h.out.push(bytes(3));
    h.advance(1);
    expect(h.sent).toHaveLength(1);
    h.advance(3);
    expect(h.sent).toEqual([bytes(1), bytes(2, 3)]);
  });

  it('flushes at once when maxBytes are waiting, keeping the bytes intact (a split UTF-8 character stays split)', () => {
    const h = harness({ maxBytes: 4 });
    const euro = [0xe2, 0x82, 0xac];
    h.out.push(bytes(0x41, euro[0]!));
    h.out.push(bytes(euro[1]!, euro[2]!));
    expect(h.sent).toEqual([bytes(0x41, ...euro)]);
  });

  it('pauses the source above the high-water mark of unacknowledged bytes and resumes below the low one', () => {
    const h = harness({ maxBytes: 10, highWater: 25, lowWater: 10 });
    for (let i = 0; i < 3; i++) h.out.push(new Uint8Array(10));
    expect(h.out.pending).toBe(30);
    expect(h.pauses).toEqual([true]);
    h.out.ack(10);
    expect(h.pauses).toEqual([true]);
    h.out.ack(10);
    expect(h.pauses).toEqual([true, false]);
    h.out.ack(1000);
    expect(h.out.pending).toBe(0);
  });

  it('drops what is waiting when disposed', () => {
    const h = harness();
    h.out.push(bytes(1));
    h.out.dispose();
    h.advance(10);
    expect(h.sent).toHaveLength(0);
  });
});
