/*
 * The logs stream's packed line batches and their readers, without schemas: the renderer's first screen reads
 * them, and importing them from logs.ts brought in zod and the contract's schemas.
 */
/**
 * One batch of log lines, packed so 50,000 lines a second stay cheap to encode, send and decode (a few large values
 * per batch instead of thousands of short strings): `text` is every line's text joined with '\n' (a line never
 * contains '\n'; it is decoded in main: invalid UTF-8 → U+FFFD, control bytes such as '\r' → visible symbols, ANSI
 * escapes kept); `meta[i]` is line i's source (`containerIds[meta[i] & 0x7f]`) with bit 0x80 set for stderr; `time`
 * holds one little-endian float64 per line (ms since epoch, µs in the fraction). Build and read it with
 * `packLines` / `unpackLines` (or `forEachLine`). Lines are time-ordered within a batch (and across containers once
 * the initial backlog is merged).
 */
export interface LogLinesBatch {
  type: 'lines';
  containerIds: string[];
  /** Number of lines. */
  count: number;
  text: string;
  meta: Uint8Array;
  time: Uint8Array;
}

/** One line as the service produces it. */
export interface LogLine {
  source: number;
  stderr: boolean;
  time: number;
  text: string;
}

export const STDERR_BIT = 0x80;
const SOURCE_MASK = 0x7f;

/** Lines → one batch. Sources must be < 128 (the contract allows 64 containers). */
export function packLines(containerIds: string[], lines: readonly LogLine[]): LogLinesBatch {
  const n = lines.length;
  const meta = new Uint8Array(n);
  const time = new Uint8Array(n * 8);
  const view = new DataView(time.buffer);
  const texts = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    meta[i] = (l.source & SOURCE_MASK) | (l.stderr ? STDERR_BIT : 0);
    view.setFloat64(i * 8, l.time, true);
    // Never happens with main's decoder; kept so one line can never turn into two.
    texts[i] = l.text.includes('\n') ? l.text.replace(/\n/g, '\u2424') : l.text;
  }
  return { type: 'lines', containerIds, count: n, text: texts.join('\n'), meta, time };
}

/**
 * Calls `fn` for every line of a batch, in order, with the line's text as `text.slice(start, end)` of the batch's
 * text: no string and no object per line unless the caller makes one.
 */
export function forEachLineSpan(
  batch: LogLinesBatch,
  fn: (source: number, stderr: boolean, time: number, text: string, start: number, end: number) => void,
): void {
  const n = batch.count;
  if (n === 0) return;
  const text = batch.text;
  const view = new DataView(batch.time.buffer, batch.time.byteOffset, batch.time.byteLength);
  const meta = batch.meta;
  let start = 0;
  for (let i = 0; i < n; i++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const m = meta[i]!;
    fn(m & SOURCE_MASK, (m & STDERR_BIT) !== 0, view.getFloat64(i * 8, true), text, start, end);
    start = Math.min(text.length, end + 1);
  }
}

/** Calls `fn` for every line of a batch, in order. */
export function forEachLine(batch: LogLinesBatch, fn: (source: number, stderr: boolean, time: number, text: string) => void): void {
  forEachLineSpan(batch, (source, stderr, time, text, start, end) => fn(source, stderr, time, text.slice(start, end)));
}

/** A batch's lines as objects with the container id (tests, tools). */
export function unpackLines(batch: LogLinesBatch): (LogLine & { containerId: string })[] {
  const out: (LogLine & { containerId: string })[] = [];
  forEachLine(batch, (source, stderr, time, text) => out.push({ source, stderr, time, text, containerId: batch.containerIds[source]! }));
  return out;
}

/**
 * Something happened to a followed container (or to the engine connection while following it): shown as a line of
 * its own in the viewer. `engine-lost`: the connection to the engine dropped; `engine-back`: it is back and
 * following goes on from the last line received.
 */
export interface LogMarker {
  type: 'marker';
  marker: 'stopped' | 'restarted' | 'removed' | 'resumed' | 'engine-lost' | 'engine-back';
  containerId: string;
  /** ms since epoch */
  time: number;
}

/** The initial backlog (the tail) of every container has been delivered; what follows is live. */
export interface LogCaughtUp {
  type: 'caught-up';
}

export type LogsMessage = LogLinesBatch | LogMarker | LogCaughtUp;

