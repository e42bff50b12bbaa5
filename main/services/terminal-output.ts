import { concatBytes } from '../../preload/contract/bytes';

/**
 * Output of one terminal session on its way to the renderer: small chunks are coalesced (a `cat` of a big file
 * arrives as thousands of small reads; one IPC message each would cost more than the bytes) and the flow is
 * bounded by what the renderer has acknowledged (see `terminal.ack`).
 *
 * Latency first: after a quiet spell the first chunk goes out on the next turn of the event loop (a keystroke's
 * echo is not held back); while output keeps coming, it is sent at most every `intervalMs` or once `maxBytes` are
 * waiting. Bytes are never decoded: a UTF-8 character split across two chunks is joined by xterm, not here.
 */
export interface OutputOptions {
  emit: (data: Uint8Array) => void;
  /** Called with true when the source should stop reading (too much unacknowledged), false when it may resume. */
  pause: (paused: boolean) => void;
  intervalMs?: number;
  maxBytes?: number;
  /** Unacknowledged bytes above which the source is paused, and below which it resumes. */
  highWater?: number;
  lowWater?: number;
  /** Injected for tests. */
  now?: () => number;
  schedule?: (fn: () => void, ms: number) => () => void;
}

const defaultSchedule = (fn: () => void, ms: number): (() => void) => {
  if (ms <= 0) {
    const h = setImmediate(fn);
    return () => clearImmediate(h);
  }
  const h = setTimeout(fn, ms);
  return () => clearTimeout(h);
};

export class TerminalOutput {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private cancelTimer: (() => void) | null = null;
  private lastFlush = -Infinity;
  private unacked = 0;
  private paused = false;
  private readonly intervalMs: number;
  private readonly maxBytes: number;
  private readonly highWater: number;
  private readonly lowWater: number;
  private readonly now: () => number;
  private readonly schedule: (fn: () => void, ms: number) => () => void;

  constructor(private readonly opts: OutputOptions) {
    this.intervalMs = opts.intervalMs ?? 4;
    // Big messages and a deep window during floods: the page hands output to xterm in big writes (fewer redraws),
    // which only happens when enough is on its way (see renderer/src/terminal/output-feed.ts).
    this.maxBytes = opts.maxBytes ?? 256 * 1024;
    this.highWater = opts.highWater ?? 8 * 1024 * 1024;
    this.lowWater = opts.lowWater ?? 4 * 1024 * 1024;
    this.now = opts.now ?? (() => performance.now());
    this.schedule = opts.schedule ?? defaultSchedule;
  }

  /** Bytes sent but not yet acknowledged by the renderer. */
  get pending(): number {
    return this.unacked;
  }

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.chunks.push(chunk);
    this.size += chunk.byteLength;
    if (this.size >= this.maxBytes) {
      this.flush();
      return;
    }
    if (this.cancelTimer) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.now());
    this.cancelTimer = this.schedule(() => {
      this.cancelTimer = null;
      this.flush();
    }, wait);
  }

  /** Sends whatever is waiting, as one message. */
  flush(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    if (this.size === 0) return;
    const data = this.chunks.length === 1 ? this.chunks[0]! : concatBytes(this.chunks, this.size);
    this.chunks = [];
    this.size = 0;
    this.lastFlush = this.now();
    this.unacked += data.byteLength;
    this.opts.emit(data);
    if (!this.paused && this.unacked > this.highWater) {
      this.paused = true;
      this.opts.pause(true);
    }
  }

  ack(bytes: number): void {
    this.unacked = Math.max(0, this.unacked - bytes);
    if (this.paused && this.unacked <= this.lowWater) {
      this.paused = false;
      this.opts.pause(false);
    }
  }

  dispose(): void {
    this.cancelTimer?.();
    this.cancelTimer = null;
    this.chunks = [];
    this.size = 0;
  }
}
