import { describe, expect, it } from 'vitest';
import { decodeLine, MAX_LINE_BYTES, MultiplexedLogDecoder, parseTimestamp, RawLogDecoder, STDERR, STDOUT } from './logs-decode';

const enc = new TextEncoder();
const TS = '2024-05-01T12:34:56.123456789Z';
const T0 = Date.UTC(2024, 4, 1, 12, 34, 56) + 123.456;

function frame(stream: 1 | 2, payload: Uint8Array | string): Uint8Array {
  const body = typeof payload === 'string' ? enc.encode(payload) : payload;
  const out = new Uint8Array(8 + body.length);
  out[0] = stream;
  new DataView(out.buffer).setUint32(4, body.length);
  out.set(body, 8);
  return out;
}

function join(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function collect() {
  const lines: { stream: number; time: number; text: string }[] = [];
  return { lines, sink: (stream: number, time: number, text: string) => lines.push({ stream, time, text }) };
}

type Sink = ReturnType<typeof collect>['sink'];

/** What a decoder makes of `all` pushed as two chunks cut at `cut`, then ended. */
function decodeCutAt(Decoder: new (sink: Sink) => { push(chunk: Uint8Array): void; end(): void }, all: Uint8Array, cut: number) {
  const { lines, sink } = collect();
  const d = new Decoder(sink);
  d.push(all.subarray(0, cut));
  d.push(all.subarray(cut));
  d.end();
  return lines;
}

describe('parseTimestamp', () => {
  it('reads the engine format to the microsecond', () => {
    expect(parseTimestamp(TS)).toBeCloseTo(T0, 3);
    expect(parseTimestamp('2024-05-01T12:34:56Z')).toBe(Date.UTC(2024, 4, 1, 12, 34, 56));
    expect(parseTimestamp('2024-05-01T12:34:56.5Z')).toBe(Date.UTC(2024, 4, 1, 12, 34, 56) + 500);
  });
  it('is NaN for something else', () => {
    expect(parseTimestamp('hello')).toBeNaN();
  });
});

describe('MultiplexedLogDecoder', () => {
  it('separates stdout and stderr and strips timestamps', () => {
    const { lines, sink } = collect();
    const d = new MultiplexedLogDecoder(sink);
    d.push(join(frame(1, `${TS} out one\n`), frame(2, `${TS} err one\n`)));
    expect(lines).toEqual([
      { stream: STDOUT, time: expect.closeTo(T0, 3), text: 'out one' },
      { stream: STDERR, time: expect.closeTo(T0, 3), text: 'err one' },
    ]);
  });

  it('handles frames and headers split across chunks at every byte', () => {
    const all = join(frame(1, `${TS} alpha\n`), frame(2, `${TS} beta\n${TS.replace('56.', '57.')} x`), frame(2, `${TS} gamma\n`));
    for (let cut = 1; cut < all.length; cut++) {
      const lines = decodeCutAt(MultiplexedLogDecoder, all, cut);
      expect(lines.map((l) => [l.stream, l.text])).toEqual([
        [STDOUT, 'alpha'],
        [STDERR, 'beta'],
        // the second message had no timestamp at its own line start; its text stays
        [STDERR, `${TS.replace('56.', '57.')} xgamma`],
      ]);
    }
  });

  it('delivers one byte at a time', () => {
    const all = join(frame(1, `${TS} a\n`), frame(1, `${TS} b\n`));
    const { lines, sink } = collect();
    const d = new MultiplexedLogDecoder(sink);
    for (const b of all) d.push(Uint8Array.of(b));
    expect(lines.map((l) => l.text)).toEqual(['a', 'b']);
  });

  it('joins a long line the engine sent as several messages, timed by its first', () => {
    const { lines, sink } = collect();
    const d = new MultiplexedLogDecoder(sink);
    d.push(frame(1, `${TS} ${'x'.repeat(16384)}`));
    d.push(frame(1, `2024-05-01T12:34:59.000000000Z ${'y'.repeat(100)}\n`));
    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toBe('x'.repeat(16384) + 'y'.repeat(100));
    expect(lines[0]!.time).toBeCloseTo(T0, 3);
  });

  it('keeps a stream line open while the other stream interleaves', () => {
    const { lines, sink } = collect();
    const d = new MultiplexedLogDecoder(sink);
    d.push(frame(1, `${TS} part`));
    d.push(frame(2, `${TS} err\n`));
    d.push(frame(1, `${TS} ial\n`));
    expect(lines.map((l) => l.text)).toEqual(['err', 'partial']);
  });

  it('flushes an unterminated last line on end, and empty lines stay lines', () => {
    const { lines, sink } = collect();
    const d = new MultiplexedLogDecoder(sink);
    d.push(frame(1, `${TS} \n`));
    d.push(frame(1, `${TS} tail`));
    d.end();
    expect(lines.map((l) => l.text)).toEqual(['', 'tail']);
  });

  it('replaces invalid UTF-8 and shows control bytes, keeping ESC and tab', () => {
    const { lines, sink } = collect();
    const d = new MultiplexedLogDecoder(sink);
    d.push(frame(1, join(enc.encode(`${TS} `), Uint8Array.of(0xff, 0xfe, 0x41, 0x00, 0x07, 0x09, 0x1b, 0x5b, 0x6d, 0x0d, 0x0a))));
    expect(lines[0]!.text).toBe('\uFFFD\uFFFDA\u2400\u2407\t\x1b[m');
  });

  it('shows C1 controls and bidirectional overrides instead of obeying them', () => {
    const { lines, sink } = collect();
    const d = new MultiplexedLogDecoder(sink);
    // "ok" NEL "user" RLO "exe.txt" PDI — a right-to-left override would show the end of the line reversed.
    d.push(frame(1, join(enc.encode(`${TS} ok\u0085user\u202eexe.txt\u2069 done ✓ مرحبا\n`))));
    expect(lines[0]!.text).toBe('ok\uFFFDuser\uFFFDexe.txt\uFFFD done ✓ مرحبا');
  });

  it('keeps a UTF-8 character split between two messages whole', () => {
    const { lines, sink } = collect();
    const d = new MultiplexedLogDecoder(sink);
    const euro = enc.encode('€'); // 3 bytes
    d.push(frame(1, join(enc.encode(`${TS} `), euro.subarray(0, 1))));
    d.push(frame(1, join(enc.encode(`${TS} `), euro.subarray(1), enc.encode('\n'))));
    expect(lines[0]!.text).toBe('€');
  });

  it('cuts a line that never ends at MAX_LINE_BYTES', () => {
    const { lines, sink } = collect();
    const d = new MultiplexedLogDecoder(sink);
    const big = new Uint8Array(MAX_LINE_BYTES + 10).fill(0x61);
    d.push(frame(1, join(enc.encode(`${TS} `), big)));
    d.end();
    expect(lines.map((l) => l.text.length)).toEqual([MAX_LINE_BYTES, 10]);
  });
});

describe('RawLogDecoder (TTY)', () => {
  it('splits lines across chunks and strips each line’s timestamp', () => {
    const all = enc.encode(`${TS} \x1b[31mred\x1b[0m\r\n${TS} second\n${TS} third`);
    for (let cut = 1; cut < all.length; cut++) {
      const lines = decodeCutAt(RawLogDecoder, all, cut);
      expect(lines.map((l) => [l.stream, l.text])).toEqual([
        [STDOUT, '\x1b[31mred\x1b[0m'],
        [STDOUT, 'second'],
        [STDOUT, 'third'],
      ]);
      expect(lines[0]!.time).toBeCloseTo(T0, 3);
    }
  });

  it('a line without timestamp keeps its text and has no time', () => {
    const { lines, sink } = collect();
    const d = new RawLogDecoder(sink);
    d.push(enc.encode('plain\n'));
    expect(lines[0]!.text).toBe('plain');
    expect(lines[0]!.time).toBeNaN();
  });
});

describe('decodeLine', () => {
  it('drops one trailing CR only', () => {
    expect(decodeLine(enc.encode('a\r'))).toBe('a');
    expect(decodeLine(enc.encode('a\rb'))).toBe('a\u240db');
  });
});
