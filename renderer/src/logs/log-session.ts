import type { LogMarker, LogsMessage, Unsubscribe } from '../../../preload/contract';
import { berth } from '../api';
import { errorMessage } from '../format/error-message';
import { LogBuffer } from './log-buffer';
import { LogScanner, type ScanCriteria } from './log-search';

export type LogTail = '1000' | '10000' | 'all';

export interface LogSource {
  engineId?: string;
  /** Merged logs over several engines: each container's engine (those not in it are on `engineId`). */
  engineOf?: ReadonlyMap<string, string>;
  containerIds: string[];
  tail: LogTail;
  /** ms since epoch */
  since?: number;
  until?: number;
  resume: boolean;
}

export type SessionStatus = 'connecting' | 'backlog' | 'live' | 'ended' | 'error';

const MARKER_TEXT: Record<LogMarker['marker'], string> = {
  stopped: 'container stopped',
  restarted: 'container started — following again',
  resumed: 'container resumed',
  removed: 'container removed — end of log',
  'engine-lost': 'engine connection lost — waiting for it to come back',
  'engine-back': 'engine connection back — following again',
};

export function markerText(m: LogMarker['marker']): string {
  return MARKER_TEXT[m];
}

/** Runs slices of work between frames without blocking input (a macrotask per slice). */
function nextTask(fn: () => void): void {
  const ch = new MessageChannel();
  ch.port1.onmessage = () => fn();
  ch.port2.postMessage(null);
}

/**
 * One log view's data, outside React: the `logs.follow` stream writes into a LogBuffer, a LogScanner keeps search
 * and filter results up to date in time slices, and listeners hear about changes at most once per animation frame.
 * A component reads the buffer in its render; React state holds only the version it last drew.
 */
export class LogSession {
  buffer: LogBuffer;
  scanner: LogScanner;
  status: SessionStatus = 'connecting';
  error: string | null = null;
  /** Lines received since the session started (including evicted ones). */
  received = 0;
  private unsubscribes: Unsubscribe[] = [];
  /** Per engine stream: 'live' once its backlog is in, 'ended' once it completed. */
  private streamStates: ('connecting' | 'backlog' | 'live' | 'ended')[] = ['connecting'];
  private readonly listeners = new Set<() => void>();
  private frame = 0;
  private scanning = false;

  constructor(
    private source: LogSource,
    capacity?: number,
  ) {
    this.buffer = new LogBuffer(capacity);
    this.scanner = new LogScanner(this.buffer);
  }

  start(): void {
    this.stop();
    this.status = 'connecting';
    this.error = null;
    const { engineId, engineOf, containerIds, tail, since, until, resume } = this.source;
    // Each container's logs come from its own engine: one stream per engine, all into the one buffer.
    const groups = new Map<string | undefined, string[]>();
    for (const id of containerIds) {
      const engine = engineOf?.get(id) ?? engineId;
      groups.set(engine, [...(groups.get(engine) ?? []), id]);
    }
    this.streamStates = [...groups.keys()].map(() => 'connecting');
    this.unsubscribes = [...groups].map(([engine, ids], i) =>
      berth.logs.follow(
        {
          ...(engine ? { engineId: engine } : {}),
          ...(since !== undefined ? { since } : {}),
          ...(until !== undefined ? { until } : {}),
          containerIds: ids,
          tail,
          resume,
          follow: until === undefined || until > Date.now(),
        },
        {
          next: (m) => this.onMessage(m, i),
          error: (e) => {
            this.status = 'error';
            this.error = errorMessage(e);
            this.changed();
          },
          complete: () => {
            this.streamStates[i] = 'ended';
            if (this.status !== 'error') this.status = this.overallStatus();
            this.changed();
          },
        },
      ),
    );
  }

  stop(): void {
    for (const off of this.unsubscribes) off();
    this.unsubscribes = [];
  }

  /** What the streams say together: live once every one has its backlog in, ended once all ended. */
  private overallStatus(): SessionStatus {
    const states = this.streamStates;
    if (states.every((s) => s === 'ended')) return 'ended';
    if (states.every((s) => s === 'live' || s === 'ended')) return 'live';
    if (states.every((s) => s === 'connecting')) return 'connecting';
    return 'backlog';
  }

  dispose(): void {
    this.stop();
    this.listeners.clear();
    if (this.frame) cancelAnimationFrame(this.frame);
    // A session can be started again after dispose (React runs an effect's cleanup and then the effect again, e.g.
    // in StrictMode): a cancelled frame left here would keep every later change from reaching the listeners.
    this.frame = 0;
  }

  /** Called for every message; cheap (column copy), drawing waits for the next frame. */
  onMessage(m: LogsMessage, stream = 0): void {
    if (m.type === 'lines') {
      this.buffer.appendBatch(m);
      this.received += m.count;
      if (this.streamStates[stream] === 'connecting') this.streamStates[stream] = 'backlog';
    } else if (m.type === 'marker') {
      this.buffer.appendMarker(m, markerText(m.marker));
    } else {
      this.streamStates[stream] = 'live';
    }
    if (this.status !== 'error') this.status = this.overallStatus();
    this.changed();
  }

  setCriteria(criteria: ScanCriteria): void {
    this.scanner.setCriteria(criteria);
    this.changed();
  }

  clear(): void {
    this.buffer.clear();
    this.scanner.setCriteria(this.scanner.criteria);
    this.changed();
  }

  /** A new capacity keeps the newest lines that fit. */
  setCapacity(capacity: number): void {
    if (capacity === this.buffer.capacity) return;
    const old = this.buffer;
    const next = new LogBuffer(capacity);
    for (const id of old.sourceIds) next.sourceOf(id);
    for (let seq = Math.max(old.first, old.next - next.capacity); seq < old.next; seq++) {
      next.appendFrom(old, seq);
    }
    const criteria = this.scanner.criteria;
    this.buffer = next;
    this.scanner = new LogScanner(next);
    this.scanner.setCriteria(criteria);
    this.changed();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    if (!this.scanner.done) this.scan();
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      for (const l of this.listeners) l();
    });
  }

  /** Scans in ~8 ms slices, yielding to input and drawing between them. */
  private scan(): void {
    if (this.scanning) return;
    this.scanning = true;
    const slice = () => {
      const done = this.scanner.step(8);
      if (done) {
        this.scanning = false;
        this.changed();
      } else {
        if (!this.frame) this.changed();
        nextTask(slice);
      }
    };
    nextTask(slice);
  }
}
