import { decode, encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import type { StatsSample, StatsUpdate } from './stats';
import { statsPacking } from './stats-pack';

const id = (n: number) => n.toString(16).padStart(64, 'a');
const input = { engineId: 'local', containerIds: [id(1), id(2)], backgroundIds: [id(3)] };
const lean = (n: number, time: number): StatsSample => ({
  containerId: id(n),
  time,
  cpuPercent: 0.123456789,
  onlineCpus: 2,
  memory: { usage: 331_776, limit: 25_276_157_952, percent: (331_776 / 25_276_157_952) * 100 },
});
/** Through MessagePack and back, as the socket carries it. */
const wire = (v: unknown) => decode(encode(v));

describe('stats rounds packed for web mode', () => {
  it('a round of list readings, counter readings and stopped containers comes back the same', () => {
    const round: StatsUpdate[] = [
      lean(1, 1_796_525_324_001),
      { ...lean(2, 1_796_525_324_007), cpuPercent: null, net: { rxBytes: 1200, txBytes: 34 }, blockIo: { read: 4096, write: 0 }, pids: 3 },
      { containerId: id(3), time: 1_796_525_323_990, stopped: true },
      { containerId: id(1), time: 1_796_525_324_100, stopped: true, gone: true },
    ];
    expect(statsPacking.unpack(wire(statsPacking.pack(round, input)), input)).toEqual(round);
  });

  it('is a quarter of the plain message for a round of 100 list readings', () => {
    const ids = Array.from({ length: 100 }, (_, i) => id(i + 10));
    const round = ids.map((cid, i) => ({ ...lean(0, 1_796_525_324_001 + (i % 7)), containerId: cid }));
    const packed = encode(statsPacking.pack(round, { containerIds: ids })).byteLength;
    const plain = encode(round).byteLength;
    expect(packed).toBeLessThan(plain / 4);
    expect(statsPacking.unpack(wire(statsPacking.pack(round, { containerIds: ids })), { containerIds: ids })).toEqual(round);
  });

  it('a container the input does not name travels by its id; times that are not whole numbers travel whole', () => {
    const round: StatsUpdate[] = [{ ...lean(9, 1_796_525_324_001.5) }, lean(1, 1_796_525_324_002)];
    const packed = statsPacking.pack(round, input) as [number, unknown[][]];
    expect(packed[0]).toBe(0);
    expect(packed[1][0]![0]).toBe(id(9));
    expect(packed[1][1]![0]).toBe(0);
    expect(statsPacking.unpack(wire(packed), input)).toEqual(round);
  });

  it('packing never throws, whatever input a client sent with the stream', () => {
    for (const odd of [undefined, null, 42, 'x', { containerIds: 'nope' }, { containerIds: [1, null, {}] }]) {
      const round = [lean(1, 1000)];
      expect(statsPacking.unpack(wire(statsPacking.pack(round, odd)), odd)).toEqual(round);
    }
  });

  it('unpacking refuses what packing does not make', () => {
    for (const bad of [null, [], [1], ['x', []], [0, [[0]]], [0, [[5, 0, 1]]], [0, [[0, 0, 'x', 2, 1, 1, 1]]], [0, [[0, 0, 1, 2, 1, 1, 1, 9]]], [0, [[0, 0, 1, 2, 1, 1, 1, 'a', 1, 1, 1, 1]]]]) {
      expect(() => statsPacking.unpack(bad, input), JSON.stringify(bad)).toThrow();
    }
  });
});
