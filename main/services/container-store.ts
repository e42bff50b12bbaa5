import type Docker from 'dockerode';
import type { ContainerSummary, ContainersMessage } from '../../preload/contract/containers';
import type { EngineConnection, RawEngineEvent } from '../engine/connection';
import { toContainerSummary, type RawContainer } from './container-summary';
import { Coalescer, LiveList } from './live-list';

/** Container actions that change nothing the list shows (healthcheck execs fire these every few seconds). */
const SETTLE_REREAD_MS = 150;

const QUIET_ACTIONS = /^(exec_create|exec_start|exec_detach|exec_die|attach|detach|resize|top|archive-path|extract-to-dir|export|commit|copy|stats)\b/;

/**
 * After a storm of this many container events, once the engine has been quiet for STORM_QUIET_MS, the whole list is
 * read once more and whatever differs is sent. The engine drops events for a subscriber that falls behind (its
 * publisher waits 100 ms for a full buffer), and a main process busy through a storm (a big compose up) is that
 * subscriber: a dropped start would leave a row "created" until the next reconnection.
 */
export const STORM_EVENTS = 100;
export const STORM_QUIET_MS = 2000;

/** A status's age ("5 minutes", "About an hour"): it changes as time passes, the listing it belongs to does not. */
const STATUS_AGE_WORDS = /\b(?:\d+|About an?|Less than a) (?:second|minute|hour|day|week|month|year)s?\b/g;

/** Whether two listings of a container show the same thing, apart from their statuses' ages. */
export function sameListing(a: ContainerSummary, b: ContainerSummary): boolean {
  return (
    a.state === b.state &&
    a.health === b.health &&
    a.name === b.name &&
    a.image === b.image &&
    a.imageId === b.imageId &&
    a.command === b.command &&
    a.created === b.created &&
    a.status.replace(STATUS_AGE_WORDS, '') === b.status.replace(STATUS_AGE_WORDS, '') &&
    JSON.stringify([a.ports, a.labels, a.networks]) === JSON.stringify([b.ports, b.labels, b.networks])
  );
}

/** What a fresh full list changes in the one held: the containers that differ or are new, and the ones gone. */
export function listChanges(held: ReadonlyMap<string, ContainerSummary>, fresh: readonly ContainerSummary[]): { upserts: ContainerSummary[]; removes: string[] } {
  const upserts: ContainerSummary[] = [];
  const ids = new Set<string>();
  for (const c of fresh) {
    ids.add(c.id);
    const was = held.get(c.id);
    if (!was || !sameListing(was, c)) upserts.push(c);
  }
  const removes = [...held.keys()].filter((id) => !ids.has(id));
  return { upserts, removes };
}

/**
 * The live list of one engine's containers (live-list.ts), in deltas: a full list on every (re)connection, then
 * targeted refreshes of just the containers named by engine events. Leading-edge coalescing: the first event after a
 * quiet spell is refreshed at once (on the next tick, so the events of one chunk go together); events that arrive
 * while a refresh runs, or within `coalesceMs` of the last one, wait for the next batch. One start costs one list
 * call, and a storm costs one per window.
 */
export class ContainerStore extends LiveList<ContainersMessage> {
  private containers = new Map<string, ContainerSummary>();
  private readonly dirty = new Set<string>();
  private readonly flusher: Coalescer;
  private flushing = false;
  /** Ids whose destroy event came while a refresh was in flight (see refreshDirty). */
  private readonly destroyedInFlight = new Set<string>();
  private generation = 0;
  /** Container events since the last full read, and when the last one came (the storm check). */
  private stormEvents = 0;
  private lastEventAt = 0;
  private stormCheck: ReturnType<typeof setTimeout> | undefined;

  constructor(
    engine: EngineConnection,
    coalesceMs = 50,
    private readonly storm = { events: STORM_EVENTS, quietMs: STORM_QUIET_MS },
  ) {
    super(engine);
    this.flusher = new Coalescer(() => this.flush(), coalesceMs, 'leading');
  }

  override dispose(): void {
    super.dispose();
    this.flusher.dispose();
    clearTimeout(this.stormCheck);
    this.stormCheck = undefined;
  }

  snapshot(): ContainersMessage {
    return { type: 'snapshot', engineId: this.engine.id, containers: [...this.containers.values()] };
  }

  get(id: string): ContainerSummary | undefined {
    return this.containers.get(id) ?? [...this.containers.values()].find((c) => c.name === id || c.id.startsWith(id));
  }

  /** Re-reads one container now (after an action whose event may still be on its way, or a NOT_FOUND). */
  refresh(id: string): void {
    this.markDirty(id);
  }

  protected async resync(docker: Docker): Promise<void> {
    const generation = ++this.generation;
    this.dirty.clear();
    let raw: RawContainer[];
    try {
      raw = (await docker.listContainers({ all: true })) as unknown as RawContainer[];
    } catch {
      return; // the connection noticed too and will resync again once it is back
    }
    if (generation !== this.generation) return;
    this.containers = new Map(raw.map((r) => [r.Id, toContainerSummary(this.engine.id, r)]));
    this.stormEvents = 0;
    this.ready = true;
    this.emit(this.snapshot());
  }

  /** Counts an event towards a storm (events with no STORM_QUIET_MS gap between them); the first event past
   * STORM_EVENTS sets the check going. */
  private noteEvent() {
    const now = Date.now();
    if (now - this.lastEventAt >= this.storm.quietMs && this.stormCheck === undefined) this.stormEvents = 0;
    this.lastEventAt = now;
    if (++this.stormEvents >= this.storm.events && this.stormCheck === undefined) this.checkAfter(this.storm.quietMs);
  }

  private checkAfter(ms: number) {
    this.stormCheck = setTimeout(() => void this.afterStorm(), ms);
    this.stormCheck.unref?.();
  }

  /** Once the storm is over (no event for STORM_QUIET_MS), reads the whole list and sends what differs. */
  private async afterStorm() {
    this.stormCheck = undefined;
    const quietFor = Date.now() - this.lastEventAt;
    if (quietFor < this.storm.quietMs) return this.checkAfter(this.storm.quietMs - quietFor);
    const generation = this.generation;
    const lastEvent = this.lastEventAt;
    let raw: RawContainer[];
    try {
      raw = (await this.engine.api.listContainers({ all: true })) as unknown as RawContainer[];
    } catch {
      return; // disconnected: the resync after reconnecting reads it all
    }
    if (generation !== this.generation) return;
    // Events came while it was read, or their refresh is still under way: the list may be older than what they
    // brought. Check again once they are over.
    if (this.lastEventAt !== lastEvent || this.flushing || this.dirty.size > 0) {
      if (this.stormCheck === undefined) this.checkAfter(this.storm.quietMs);
      return;
    }
    this.stormEvents = 0;
    const readAt = Date.now();
    const { upserts, removes } = listChanges(
      this.containers,
      raw.map((r) => toContainerSummary(this.engine.id, r, readAt)),
    );
    if (upserts.length === 0 && removes.length === 0) return;
    const next = new Map(this.containers);
    for (const c of upserts) next.set(c.id, c);
    for (const id of removes) next.delete(id);
    this.containers = next;
    this.emit({ type: 'delta', engineId: this.engine.id, upserts, removes });
  }

  protected onEvent(ev: RawEngineEvent): void {
    const action = ev.Action ?? ev.status ?? '';
    if (ev.Type === 'container') {
      const id = ev.Actor?.ID ?? ev.id;
      if (!id || QUIET_ACTIONS.test(action)) return;
      this.noteEvent();
      if (action === 'destroy') {
        this.dirty.delete(id);
        if (this.flushing) this.destroyedInFlight.add(id);
        if (this.containers.has(id)) {
          const next = new Map(this.containers);
          next.delete(id);
          this.containers = next;
          this.emit({ type: 'delta', engineId: this.engine.id, upserts: [], removes: [id] });
        }
        return;
      }
      this.markDirty(id);
      // Engine quirk (Docker 20.10): `pause`/`unpause` events are sent before the container list reflects them,
      // so the refresh they trigger can still read the old state. Read once more when it has settled.
      if (action === 'pause' || action === 'unpause') {
        setTimeout(() => this.markDirty(id), SETTLE_REREAD_MS).unref?.();
      }
    } else if (ev.Type === 'network' && (action === 'connect' || action === 'disconnect')) {
      const id = ev.Actor?.Attributes?.container;
      if (id) this.markDirty(id);
    }
  }

  private markDirty(id: string) {
    this.dirty.add(id);
    this.flusher.schedule();
  }

  private async flush() {
    if (this.dirty.size === 0) return;
    this.flushing = true;
    try {
      await this.refreshDirty();
    } finally {
      this.flushing = false;
      this.destroyedInFlight.clear();
    }
  }

  private async refreshDirty() {
    const ids = [...this.dirty];
    this.dirty.clear();
    const generation = this.generation;
    let raw: RawContainer[];
    try {
      raw = (await this.engine.api.listContainers({ all: true, filters: { id: ids } })) as unknown as RawContainer[];
    } catch {
      return; // disconnected: the resync after reconnecting covers these
    }
    if (generation !== this.generation) return;
    const next = new Map(this.containers);
    const upserts: ContainerSummary[] = [];
    const seen = new Set<string>();
    for (const r of raw) {
      // Destroyed while this list was on its way: the answer is older than the event, and must not bring it back
      // (seen as a stack still "stopped" after down, its removed containers listed again).
      if (this.destroyedInFlight.has(r.Id)) continue;
      const summary = toContainerSummary(this.engine.id, r);
      seen.add(r.Id);
      next.set(r.Id, summary);
      upserts.push(summary);
    }
    // The id filter matches prefixes; an id asked for and not returned is gone.
    const removes = ids.filter((id) => ![...seen].some((s) => s.startsWith(id)) && next.delete(id));
    this.containers = next;
    if (upserts.length || removes.length) this.emit({ type: 'delta', engineId: this.engine.id, upserts, removes });
  }
}
