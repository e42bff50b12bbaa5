import { forEachLineSpan, type LogLinesBatch, type LogMarker } from '../../../preload/contract/log-lines';

export const DEFAULT_CAPACITY = 1_000_000;
/** The most lines the viewer holds (scroll height stays within what browsers can lay out). */
export const MAX_CAPACITY = 1_500_000;

const STDERR = 1;
const MARKER = 2;

/**
 * The lines of one log view, in a ring of fixed capacity: the newest line overwrites the oldest once it is full,
 * so memory stays bounded whatever the container prints. Column storage instead of an object per line: a line's
 * text is a span (start, end) of a string — the whole text of the batch it came in, shared by its lines, so
 * following a busy container allocates no string per line and the garbage collector has a few thousand strings to
 * trace instead of a million — plus typed arrays for time, flags and source. A batch's string is freed once the
 * ring has overwritten all its lines. Lines are addressed by a sequence number that only grows (`first` …
 * `next - 1` are held), so positions survive eviction.
 */
export class LogBuffer {
  readonly capacity: number;
  private readonly texts: (string | undefined)[];
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  private readonly times: Float64Array;
  private readonly flags: Uint8Array;
  private readonly sources: Uint16Array;
  /** Sequence number of the oldest line held. */
  first = 0;
  /** Sequence number the next line gets. */
  next = 0;
  /** Container ids by source index, in order of first appearance. */
  readonly sourceIds: string[] = [];
  private readonly sourceIndex = new Map<string, number>();

  constructor(capacity = DEFAULT_CAPACITY) {
    this.capacity = Math.max(1, Math.min(MAX_CAPACITY, Math.floor(capacity)));
    this.texts = new Array<string | undefined>(this.capacity);
    this.starts = new Uint32Array(this.capacity);
    this.ends = new Uint32Array(this.capacity);
    this.times = new Float64Array(this.capacity);
    this.flags = new Uint8Array(this.capacity);
    this.sources = new Uint16Array(this.capacity);
  }

  get size(): number {
    return this.next - this.first;
  }

  sourceOf(containerId: string): number {
    let i = this.sourceIndex.get(containerId);
    if (i === undefined) {
      i = this.sourceIds.length;
      this.sourceIds.push(containerId);
      this.sourceIndex.set(containerId, i);
    }
    return i;
  }

  append(source: number, stderr: boolean, time: number, text: string, marker = false): number {
    return this.appendSpan(source, stderr, time, text, 0, text.length, marker);
  }

  /** A line whose text is `text.slice(start, end)`; `text` is kept as is (shared with other lines). */
  appendSpan(source: number, stderr: boolean, time: number, text: string, start: number, end: number, marker = false): number {
    const seq = this.next++;
    const slot = seq % this.capacity;
    this.texts[slot] = text;
    this.starts[slot] = start;
    this.ends[slot] = end;
    this.times[slot] = time;
    this.flags[slot] = (stderr ? STDERR : 0) | (marker ? MARKER : 0);
    this.sources[slot] = source;
    if (this.next - this.first > this.capacity) this.first = this.next - this.capacity;
    return seq;
  }

  appendBatch(batch: LogLinesBatch): void {
    const map = batch.containerIds.map((id) => this.sourceOf(id));
    forEachLineSpan(batch, (source, stderr, time, text, start, end) => this.appendSpan(map[source] ?? 0, stderr, time, text, start, end));
  }

  /** Appends line `seq` of another buffer (same source numbering), sharing its text. */
  appendFrom(other: LogBuffer, seq: number): number {
    const slot = seq % other.capacity;
    const text = other.texts[slot] ?? '';
    return this.appendSpan(other.source(seq), other.isStderr(seq), other.time(seq), text, other.starts[slot]!, other.ends[slot]!, other.isMarker(seq));
  }

  appendMarker(m: LogMarker, text: string): number {
    return this.append(this.sourceOf(m.containerId), false, m.time, text, true);
  }

  has(seq: number): boolean {
    return seq >= this.first && seq < this.next;
  }

  text(seq: number): string {
    const slot = seq % this.capacity;
    const s = this.texts[slot];
    if (s === undefined) return '';
    const start = this.starts[slot]!;
    const end = this.ends[slot]!;
    return start === 0 && end === s.length ? s : s.slice(start, end);
  }

  time(seq: number): number {
    return this.times[seq % this.capacity]!;
  }

  isStderr(seq: number): boolean {
    return (this.flags[seq % this.capacity]! & STDERR) !== 0;
  }

  isMarker(seq: number): boolean {
    return (this.flags[seq % this.capacity]! & MARKER) !== 0;
  }

  source(seq: number): number {
    return this.sources[seq % this.capacity]!;
  }

  /** Forgets every line (the strings go to the garbage collector); sequence numbers keep growing. */
  clear(): void {
    this.texts.fill(undefined);
    this.first = this.next;
  }
}

/**
 * A growable list of sequence numbers in increasing order (search hits, the filtered view), dropping those the
 * ring has evicted from its front without copying on every append.
 */
export class SeqList {
  private data = new Float64Array(1024);
  private head = 0;
  private tail = 0;

  get length(): number {
    return this.tail - this.head;
  }

  at(i: number): number {
    return this.data[this.head + i]!;
  }

  last(): number | undefined {
    return this.tail > this.head ? this.data[this.tail - 1] : undefined;
  }

  push(seq: number): void {
    if (this.tail === this.data.length) {
      const live = this.tail - this.head;
      const next = live * 2 > this.data.length ? new Float64Array(this.data.length * 2) : this.data;
      next.set(this.data.subarray(this.head, this.tail), 0);
      this.data = next;
      this.head = 0;
      this.tail = live;
    }
    this.data[this.tail++] = seq;
  }

  /** Drops entries below `seq` (evicted lines). */
  dropBelow(seq: number): void {
    if (this.head < this.tail && this.data[this.head]! < seq) this.head = this.lowerBound(seq);
  }

  /** Index of the first entry ≥ seq (length when none). */
  indexOf(seq: number): number {
    return this.lowerBound(seq) - this.head;
  }

  clear(): void {
    this.head = this.tail = 0;
  }

  private lowerBound(seq: number): number {
    let lo = this.head;
    let hi = this.tail;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.data[mid]! < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
