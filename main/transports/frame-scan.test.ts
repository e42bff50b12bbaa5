import { encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { inputBoundsProblem } from '../rpc/input-bounds';
import { scanFrame } from './frame-scan';

const limits = { depth: 32, values: 100_008 };

describe('scanFrame: a MessagePack frame read for its shape, not built', () => {
  it('passes what the clients send, and reports t and id', () => {
    const frames = [
      { t: 'call', id: 7, path: 'containers.stop', input: { id: 'web', timeoutSeconds: 3 } },
      { t: 'sub', id: 70_000, path: 'logs.follow', input: { containerIds: ['a', 'b'], tail: 'all', since: 1.5, until: null, neg: -3 } },
      { t: 'unsub', id: 4_000_000_000 },
      { t: 'call', id: 1, path: 'terminal.write', input: { sessionId: 'ab', data: new Uint8Array(70_000) } },
      { t: 'call', id: 2, path: 'stacks.save', input: { text: 'x'.repeat(70_000), big: 2 ** 40, f: 0.5, m: new Map([['k', [true, false]]]) } },
    ];
    for (const f of frames) {
      expect(scanFrame(encode(f), limits)).toEqual({ t: f.t, id: f.id, path: f.path ?? null, inputBytes: expect.any(Number), problem: null });
    }
  });

  it("measures the input as the router measures the decoded input, so a limit refuses the same inputs on the wire", () => {
    const inputs: unknown[] = [
      { id: 'web', timeoutSeconds: 3 },
      { containerIds: ['a', 'b'], tail: 'all', since: 1.5, until: null, neg: -3, on: true },
      { sessionId: 'ab', data: new Uint8Array(70_000) },
      { text: 'ü'.repeat(70_000), big: 2 ** 40, nested: [{ k: ['x', 'yz'] }, [], {}] },
      'just a string',
      [1, [2, [3]]],
    ];
    for (const input of inputs) {
      const { inputBytes } = scanFrame(encode({ t: 'call', id: 1, path: 'p', input }), limits);
      // The router's own count: the smallest limit it refuses the input at is one under its size.
      expect(inputBoundsProblem(input, inputBytes)).toBeNull();
      expect(inputBoundsProblem(input, inputBytes - 1)).toMatch(/larger than/);
    }
    // the envelope does not count, in any order
    expect(scanFrame(encode({ input: 'abc', path: 'a.long.path.name', t: 'call', id: 9 }), limits).inputBytes).toBe(3);
    expect(scanFrame(encode({ t: 'unsub', id: 9 }), limits).inputBytes).toBe(0);
  });

  it('refuses nesting past the limit by the header bytes alone, and still reports the id to answer', () => {
    const head = Buffer.from(encode({ t: 'call', id: 900, path: 'x' }));
    head[0] = 0x84;
    const frame = (levels: number) => Buffer.concat([head, Buffer.from(encode('input')), Buffer.alloc(levels, 0x91), Buffer.from([0x90])]);
    expect(scanFrame(frame(31), limits).problem).toBeNull();
    expect(scanFrame(frame(32), limits)).toMatchObject({ t: 'call', id: 900, path: 'x', problem: 'nested more than 32 levels deep' });
    expect(scanFrame(frame(1_000_000), limits)).toMatchObject({ id: 900, problem: expect.stringMatching(/nested/) });
  });

  it('refuses a __proto__ key, too many values, lying counts, extensions, truncation and trailing bytes', () => {
    const proto = Buffer.concat([Buffer.from([0x82, 0xa2]), Buffer.from('id'), Buffer.from([0x05, 0xa9]), Buffer.from('__proto__'), Buffer.from([0xc0])]);
    expect(scanFrame(proto, limits)).toMatchObject({ t: null, id: 5, path: null, problem: 'a key named "__proto__"' });
    // "__proto__" as a value is just a string
    expect(scanFrame(encode({ id: 1, v: '__proto__' }), limits).problem).toBeNull();
    expect(scanFrame(encode({ id: 1, v: new Array(200_000).fill(0) }), limits).problem).toMatch(/more than 100,008 values/);
    // ...refused by the array's header: an unreadable 10th entry is never reached
    const walked = Buffer.from(encode({ id: 1, v: new Array(200_000).fill(0) }));
    walked[walked.indexOf(Buffer.from([0xdd, 0x00, 0x03, 0x0d, 0x40])) + 5 + 10] = 0xc1;
    expect(scanFrame(walked, limits).problem).toMatch(/more than 100,008 values/);
    // an array32 header claiming 4 billion entries in a 10-byte frame
    expect(scanFrame(Buffer.from([0xdd, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0]), limits).problem).toBe('truncated message');
    expect(scanFrame(Buffer.from([0xd4, 0x01, 0x00]), limits).problem).toMatch(/unsupported MessagePack type 0xd4/);
    expect(scanFrame(Buffer.from([0xc1]), limits).problem).toMatch(/unsupported/);
    expect(scanFrame(encode({ id: 1, s: 'abcdef' }).subarray(0, -2), limits).problem).toBe('truncated message');
    expect(scanFrame(Buffer.from([0xcb, 0, 0]), limits).problem).toBe('truncated message');
    expect(scanFrame(Buffer.concat([encode({ id: 1 }), Buffer.from([0])]), limits).problem).toBe('extra bytes after the message');
    expect(scanFrame(Buffer.alloc(0), limits).problem).toBe('truncated message');
  });
});
