import { concatBytes } from '../../preload/contract/bytes';

/**
 * Turns the bytes of GET /containers/{id}/logs (timestamps=1) into lines. Pure: no engine, no timers.
 *
 * Non-TTY containers send a multiplexed stream: frames of an 8-byte header ([stream, 0, 0, 0, size as big-endian
 * uint32]) and `size` bytes of payload; each frame is one log message ("<RFC3339Nano timestamp> <text>"), and a line
 * longer than the engine's 16 KiB buffer comes as several messages without a newline. Frames and headers may be
 * split across chunks anywhere. TTY containers send the raw bytes (one stream) with a timestamp at each line start.
 *
 * Text is decoded as UTF-8 with U+FFFD for invalid bytes; control bytes other than tab and ESC (kept for ANSI
 * colours) become visible control pictures (␀, ␇, …) so binary output cannot break the view.
 */

export const STDOUT = 0;
export const STDERR = 1;
export type StreamNo = typeof STDOUT | typeof STDERR;

export type LineSink = (stream: StreamNo, time: number, text: string) => void;

/** A line without a newline is cut here (and continues as another line), so memory stays bounded. */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;

const NL = 0x0a;
const SPACE = 0x20;
const decoder = new TextDecoder('utf-8', { fatal: false });

// C0 controls except \t (09), \n (0a), ESC (1b); DEL; the C1 controls (U+0080–U+009F, no picture: shown as U+FFFD);
// and the bidirectional embeddings, overrides and isolates, which would reorder the rest of the line on screen
// (a log line must read as it was written: "Trojan Source"-style text is shown, not obeyed).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex
const HAS_CONTROL = /[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

/** Bytes of one line → display-safe text (no trailing CR, invalid UTF-8 → U+FFFD, controls → ␀-style symbols). */
export function decodeLine(bytes: Uint8Array): string {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0d) end--;
  const text = decoder.decode(end === bytes.length ? bytes : bytes.subarray(0, end));
  return HAS_CONTROL.test(text) ? text.replace(CONTROL, controlPicture) : text;
}

function controlPicture(c: string): string {
  const code = c.charCodeAt(0);
  if (code === 0x7f) return '\u2421';
  return code < 0x20 ? String.fromCharCode(0x2400 + code) : '\ufffd';
}

const secondsCache = new Map<string, number>();

/**
 * "2024-05-01T12:34:56.123456789Z" → ms since epoch with µs in the fraction (what a double holds exactly).
 * NaN when it is not a timestamp.
 */
export function parseTimestamp(ts: string): number {
  // Fast path for the engine's fixed UTC format; one Date.parse per distinct second.
  if (ts.length >= 20 && ts.charCodeAt(10) === 84 /* T */ && ts.charCodeAt(ts.length - 1) === 90 /* Z */) {
    const secPart = ts.slice(0, 19);
    let base = secondsCache.get(secPart);
    if (base === undefined) {
      base = Date.parse(`${secPart}Z`);
      if (secondsCache.size > 4096) secondsCache.clear();
      secondsCache.set(secPart, base);
    }
    if (ts.length === 20) return base;
    if (ts.charCodeAt(19) !== 46 /* . */) return Date.parse(ts);
    const digits = ts.slice(20, Math.min(ts.length - 1, 26)).padEnd(6, '0'); // µs
    const micros = Number(digits);
    return Number.isFinite(micros) ? base + micros / 1000 : NaN;
  }
  return Date.parse(ts);
}

/** Where the timestamp prefix ends: the index of its space, or -1 when the bytes do not start with one. */
function timestampEnd(bytes: Uint8Array, from: number, to: number): number {
  if (to - from < 21) return -1;
  const d = bytes[from]!;
  if (d < 0x30 || d > 0x39 || bytes[from + 4] !== 0x2d /* - */ || bytes[from + 10] !== 0x54 /* T */) return -1;
  const limit = Math.min(to, from + 40);
  for (let i = from + 19; i < limit; i++) if (bytes[i] === SPACE) return i;
  return -1;
}

function asciiOf(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** Collects one stream's bytes into lines; the line's time is that of the message that started it. */
class LineAssembler {
  private parts: Uint8Array[] = [];
  private size = 0;
  private time = NaN;

  constructor(
    private readonly stream: StreamNo,
    private readonly sink: LineSink,
  ) {}

  /** Text of one message (timestamp already stripped). */
  push(bytes: Uint8Array, time: number): void {
    let start = 0;
    for (;;) {
      const nl = bytes.indexOf(NL, start);
      if (nl < 0) break;
      this.append(bytes.subarray(start, nl), time);
      this.flush();
      start = nl + 1;
    }
    if (start < bytes.length) this.append(bytes.subarray(start), time);
  }

  private append(piece: Uint8Array, time: number): void {
    if (this.size === 0) this.time = time;
    while (this.size + piece.length > MAX_LINE_BYTES) {
      const room = MAX_LINE_BYTES - this.size;
      this.parts.push(piece.subarray(0, room));
      this.size += room;
      this.flush();
      this.time = time;
      piece = piece.subarray(room);
    }
    if (piece.length === 0 && this.size > 0) return;
    this.parts.push(piece);
    this.size += piece.length;
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const bytes = this.parts.length === 1 ? this.parts[0]! : concatBytes(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    this.sink(this.stream, this.time, decodeLine(bytes));
  }
}

/** Strips the "<timestamp> " prefix of a message; time is NaN when there was none. */
function splitMessage(bytes: Uint8Array): { time: number; text: Uint8Array } {
  const end = timestampEnd(bytes, 0, bytes.length);
  if (end < 0) return { time: NaN, text: bytes };
  return { time: parseTimestamp(asciiOf(bytes, 0, end)), text: bytes.subarray(end + 1) };
}

/** Demultiplexes a non-TTY log stream. Push chunks as they come; `end()` flushes unterminated lines. */
export class MultiplexedLogDecoder {
  private readonly lines: [LineAssembler, LineAssembler];
  private header = new Uint8Array(8);
  private headerFill = 0;
  private frameStream: StreamNo = STDOUT;
  private frameLeft = -1; // payload bytes still to come; -1 = reading a header
  private frameParts: Uint8Array[] = [];
  private frameSize = 0;

  constructor(sink: LineSink) {
    this.lines = [new LineAssembler(STDOUT, sink), new LineAssembler(STDERR, sink)];
  }

  push(chunk: Uint8Array): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.frameLeft < 0) {
        const take = Math.min(8 - this.headerFill, chunk.length - at);
        this.header.set(chunk.subarray(at, at + take), this.headerFill);
        this.headerFill += take;
        at += take;
        if (this.headerFill < 8) return;
        this.headerFill = 0;
        const h = this.header;
        this.frameStream = h[0] === 2 ? STDERR : STDOUT;
        this.frameSize = ((h[4]! << 24) >>> 0) + (h[5]! << 16) + (h[6]! << 8) + h[7]!;
        this.frameLeft = this.frameSize;
        this.frameParts = [];
        if (this.frameLeft === 0) this.frameLeft = -1;
        continue;
      }
      const take = Math.min(this.frameLeft, chunk.length - at);
      this.frameParts.push(chunk.subarray(at, at + take));
      this.frameLeft -= take;
      at += take;
      if (this.frameLeft === 0) {
        const payload = this.frameParts.length === 1 ? this.frameParts[0]! : concatBytes(this.frameParts, this.frameSize);
        this.frameParts = [];
        this.frameLeft = -1;
        const { time, text } = splitMessage(payload);
        this.lines[this.frameStream].push(text, time);
      }
    }
  }

  end(): void {
    this.lines[STDOUT].flush();
    this.lines[STDERR].flush();
  }
}

/**
 * A TTY container's raw stream: each line starts with a timestamp. (A line over the engine's 16 KiB buffer keeps
 * the timestamps of its continuation messages inside its text; the engine gives no boundary to cut them at.)
 */
export class RawLogDecoder {
  private parts: Uint8Array[] = [];
  private size = 0;

  constructor(private readonly sink: LineSink) {}

  push(chunk: Uint8Array): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(NL, start);
      if (nl < 0) break;
      this.parts.push(chunk.subarray(start, nl));
      this.size += nl - start;
      this.emit();
      start = nl + 1;
    }
    if (start < chunk.length) {
      this.parts.push(chunk.subarray(start));
      this.size += chunk.length - start;
      if (this.size > MAX_LINE_BYTES) this.emit();
    }
  }

  end(): void {
    if (this.size > 0 || this.parts.length > 0) this.emit();
  }

  private emit(): void {
    const bytes = this.parts.length === 1 ? this.parts[0]! : concatBytes(this.parts, this.size);
    this.parts = [];
    this.size = 0;
    const { time, text } = splitMessage(bytes);
    this.sink(STDOUT, time, decodeLine(text));
  }
}

export type LogDecoder = MultiplexedLogDecoder | RawLogDecoder;

export function createLogDecoder(tty: boolean, sink: LineSink): LogDecoder {
  return tty ? new RawLogDecoder(sink) : new MultiplexedLogDecoder(sink);
}
