import type Docker from 'dockerode';
import type { EngineConnection, RawEngineEvent } from '../engine/connection';
import type { EngineRegistry } from '../engine/registry';
import { untilAbortedOrRemoved } from './abort';

/**
 * Live lists: main's one way of keeping an engine's list (containers, images, volumes, networks) current and
 * streaming it. A list follows one engine: it reads the whole list on every (re)connection, then re-reads after the
 * engine events that concern it, coalesced so an event storm (a compose project of 50 starting at once) costs one
 * read per window. No polling. Two kinds:
 * - `SnapshotList`: re-reads the whole list and sends it whole (images, volumes, networks: short lists, and a
 *   snapshot cannot drift);
 * - `ContainerStore` (container-store.ts) extends `LiveList` with deltas: it re-reads just the containers events name.
 * `PerEngine` keeps one list per engine, made on first use and dropped when the engine is removed.
 */

/** How long engine events are gathered before a short list (volumes, networks) is read again. */
export const LIST_COALESCE_MS = 100;

/**
 * Runs `work` one at a time, coalescing asks: `schedule()` runs it within `windowMs` (trailing: always after the
 * window; leading: at once after a quiet spell, then at most once per window); an ask while it runs makes one more
 * run after it (trailing: right after; leading: a window later). `now()` resolves once a run that began after the
 * call has finished.
 */
export class Coalescer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private lastRunAt = 0;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly windowMs: number,
    private readonly edge: 'leading' | 'trailing' = 'trailing',
  ) {}

  schedule(): void {
    if (this.timer) return;
    if (this.running) {
      this.again = true;
      return;
    }
    const wait = this.edge === 'leading' ? Math.max(0, this.lastRunAt + this.windowMs - Date.now()) : this.windowMs;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.now();
    }, wait);
  }

  now(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.work();
      } while (this.again && this.edge === 'trailing');
    })().finally(() => {
      this.running = null;
      this.lastRunAt = Date.now();
      if (this.again) {
        this.again = false;
        this.schedule();
      }
    });
    return this.running;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}

/** One engine's list, followed: subclasses say how to read it whole and what an event changes. */
export abstract class LiveList<M> {
  /** True once the list has been read at least once. */
  ready = false;
  private readonly listeners = new Set<(m: M) => void>();
  private offs: (() => void)[] = [];

  constructor(protected readonly engine: EngineConnection) {}

  /** The whole list as one message. */
  abstract snapshot(): M;
  /** Reads the whole list (on every connection and reconnection). */
  protected abstract resync(docker: Docker): Promise<void>;
  protected abstract onEvent(ev: RawEngineEvent): void;

  /** Starts following the engine (separate from the constructor, so a subclass's fields exist by then). */
  start(): this {
    this.offs = [this.engine.onResync((docker) => void this.resync(docker)), this.engine.onEvent((ev) => this.onEvent(ev))];
    // Made on first use, the engine may be connected already: its resync has happened, so read now.
    if (this.engine.status.state === 'connected') void this.resync(this.engine.api);
    return this;
  }

  /** Stops following the engine (it was removed). */
  dispose(): void {
    for (const off of this.offs) off();
    this.listeners.clear();
  }

  subscribe(cb: (m: M) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** A `watch` stream: the list now (once read), then every change, until cancelled or the engine is removed. */
  async stream(emit: (m: M) => void, signal: AbortSignal): Promise<void> {
    const off = this.subscribe(emit);
    if (this.ready) emit(this.snapshot());
    try {
      await untilAbortedOrRemoved(signal, this.engine);
    } finally {
      off();
    }
  }

  protected emit(m: M): void {
    for (const cb of this.listeners) cb(m);
  }
}

export interface SnapshotListOptions<T, M> {
  /** Reads the whole list. */
  read: (docker: Docker) => Promise<T[]>;
  /** Whether an engine event may change the list. */
  relevant: (ev: RawEngineEvent) => boolean;
  message: (engineId: string, items: T[]) => M;
  coalesceMs: number;
}

/** A list re-read whole after the events that concern it, and sent whole. */
export class SnapshotList<T, M> extends LiveList<M> {
  private items: T[] = [];
  private readonly reader: Coalescer;

  constructor(
    engine: EngineConnection,
    private readonly options: SnapshotListOptions<T, M>,
  ) {
    super(engine);
    this.reader = new Coalescer(() => this.read(), options.coalesceMs);
  }

  snapshot(): M {
    return this.options.message(this.engine.id, this.items);
  }

  list(): T[] {
    return this.items;
  }

  /** Re-reads the list soon (after an action whose result sends no event, like an untagged build). */
  refresh(): void {
    this.reader.schedule();
  }

  /** Re-reads now and resolves when the list reflects the engine (for callers that report afterwards). */
  async reloadNow(): Promise<T[]> {
    await this.reader.now();
    return this.items;
  }

  override dispose(): void {
    super.dispose();
    this.reader.dispose();
  }

  protected resync(): Promise<void> {
    return this.reader.now();
  }

  protected onEvent(ev: RawEngineEvent): void {
    if (this.options.relevant(ev)) this.reader.schedule();
  }

  private async read(): Promise<void> {
    let items: T[];
    try {
      items = await this.options.read(this.engine.api);
    } catch {
      return; // disconnected: the resync after reconnecting reads it again
    }
    this.items = items;
    this.ready = true;
    this.emit(this.snapshot());
  }
}

/** One `T` per engine (a live list), made on first use, or for every engine when `eager`; disposed with its engine. */
export class PerEngine<T extends { dispose(): void }> {
  private readonly items = new Map<string, T>();

  constructor(
    private readonly engines: EngineRegistry,
    private readonly make: (engine: EngineConnection) => T,
    eager = false,
  ) {
    engines.onChange((c) => {
      if (c.type === 'added') {
        if (eager) this.get(c.engine.id);
        return;
      }
      this.items.get(c.engine.id)?.dispose();
      this.items.delete(c.engine.id);
    });
    if (eager) for (const engine of engines.all()) this.get(engine.id);
  }

  get(engineId?: string): T {
    const engine = this.engines.get(engineId);
    let item = this.items.get(engine.id);
    if (!item) {
      item = this.make(engine);
      this.items.set(engine.id, item);
    }
    return item;
  }
}
