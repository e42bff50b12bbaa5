import { concatBytes } from '../../../preload/contract/bytes';

/**
 * How a session's output is handed to xterm. xterm parses a write in one go and redraws (at the next animation
 * frame) after each task that changed the screen, so the number of redraws follows the number of writes. Redrawing
 * costs far more than parsing (the DOM renderer restyles and repaints every row of a scrolling screen), so:
 *
 * - one write at a time: what arrives while xterm parses is queued and handed over as one write when it is done;
 * - while output floods in (more than `floodBytes` within `windowMs`), writes are at least `holdMs` apart, so a
 *   `cat` of a big file is drawn a few times a second in big steps instead of every frame in small ones;
 * - otherwise a chunk is written at once: a keystroke's echo is never held back.
 *
 * Each chunk carries a tag (the session it came from), returned with it once xterm has consumed it (flow control).
 */
export interface FeedOptions<T> {
  write(data: Uint8Array, done: () => void): void;
  /** Called once xterm has parsed these chunks. */
  consumed(items: readonly FeedItem<T>[]): void;
  maxBytes?: number;
  floodBytes?: number;
  windowMs?: number;
  holdMs?: number;
  /** Injected for tests. */
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export interface FeedItem<T> {
  data: Uint8Array;
  tag: T;
}

export class OutputFeed<T> {
  private queue: FeedItem<T>[] = [];
  private writing = false;
  private timer: unknown = null;
  private lastWrite = -Infinity;
  private windowStart = -Infinity;
  private windowBytes = 0;
  private previousWindowBytes = 0;
  private disposed = false;
  private readonly maxBytes: number;
  private readonly floodBytes: number;
  private readonly windowMs: number;
  private readonly holdMs: number;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly opts: FeedOptions<T>) {
    this.maxBytes = opts.maxBytes ?? 2 * 1024 * 1024;
    this.floodBytes = opts.floodBytes ?? 256 * 1024;
    this.windowMs = opts.windowMs ?? 100;
    this.holdMs = opts.holdMs ?? 50;
    this.now = opts.now ?? (() => performance.now());
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  push(data: Uint8Array, tag: T): void {
    if (this.disposed || data.byteLength === 0) return;
    const t = this.now();
    if (t - this.windowStart >= this.windowMs) {
      // A window with nothing in it between resets the memory of the last one.
      this.previousWindowBytes = t - this.windowStart < 2 * this.windowMs ? this.windowBytes : 0;
      this.windowStart = t;
      this.windowBytes = 0;
    }
    this.windowBytes += data.byteLength;
    this.queue.push({ data, tag });
    this.pump();
  }

  /** Whether output is flooding in (recently more than floodBytes per window). */
  get flooding(): boolean {
    return Math.max(this.windowBytes, this.previousWindowBytes) >= this.floodBytes;
  }

  dispose(): void {
    this.disposed = true;
    this.queue = [];
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }

  private pump(): void {
    if (this.writing || this.timer !== null || this.queue.length === 0 || this.disposed) return;
    const wait = this.flooding ? this.lastWrite + this.holdMs - this.now() : 0;
    if (wait > 0) {
      this.timer = this.setTimer(() => {
        this.timer = null;
        this.pump();
      }, wait);
      return;
    }
    let size = 0;
    let n = 0;
    while (n < this.queue.length && (n === 0 || size + this.queue[n]!.data.byteLength <= this.maxBytes)) size += this.queue[n++]!.data.byteLength;
    const items = this.queue.splice(0, n);
    const data = items.length === 1 ? items[0]!.data : concatBytes(items.map((i) => i.data), size);
    this.writing = true;
    this.lastWrite = this.now();
    this.opts.write(data, () => {
      this.writing = false;
      if (this.disposed) return;
      this.opts.consumed(items);
      this.pump();
    });
  }
}
