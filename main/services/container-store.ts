import type Docker from 'dockerode';
import type { ContainerSummary, ContainersMessage } from '../../preload/contract/containers';
import type { EngineConnection, RawEngineEvent } from '../engine/connection';
import { toContainerSummary, type RawContainer } from './container-summary';

/** Container actions that change nothing the list shows (healthcheck execs fire these every few seconds). */
const SETTLE_REREAD_MS = 150;

const QUIET_ACTIONS = /^(exec_create|exec_start|exec_detach|exec_die|attach|detach|resize|top|archive-path|extract-to-dir|export|commit|copy|stats)\b/;

/**
 * The in-memory view of one engine's containers: a full list on every (re)connection, then targeted refreshes of
 * just the containers named by engine events, coalesced over a short window so an event storm (a compose project
 * of 50 starting at once) costs one list call, not fifty. No polling.
 */
export class ContainerStore {
  private containers = new Map<string, ContainerSummary>();
  private readonly listeners = new Set<(m: ContainersMessage) => void>();
  private readonly dirty = new Set<string>();
  private flushTimer: NodeJS.Timeout | null = null;
  private flushing = false;
  /** Ids whose destroy event came while a refresh was in flight (see refreshDirty). */
  private readonly destroyedInFlight = new Set<string>();
  private lastFlushAt = 0;
  private generation = 0;
  ready = false;

  constructor(
    private readonly engine: EngineConnection,
    private readonly coalesceMs = 50,
  ) {
    this.offs.push(
      engine.onResync((docker) => void this.resync(docker)),
      engine.onEvent((ev) => this.onEvent(ev)),
    );
    // Made on first use, the engine may be connected already: its resync has happened, so list now.
    if (engine.status.state === 'connected') void this.resync(engine.api);
  }

  private readonly offs: (() => void)[] = [];

  /** Stops following the engine (it was removed). */
  dispose(): void {
    for (const off of this.offs) off();
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.listeners.clear();
  }

  snapshot(): ContainersMessage {
    return { type: 'snapshot', engineId: this.engine.id, containers: [...this.containers.values()] };
  }

  get(id: string): ContainerSummary | undefined {
    return this.containers.get(id) ?? [...this.containers.values()].find((c) => c.name === id || c.id.startsWith(id));
  }

  subscribe(cb: (m: ContainersMessage) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Re-reads one container now (after an action whose event may still be on its way, or a NOT_FOUND). */
  refresh(id: string): void {
    this.markDirty(id);
  }

  private emit(m: ContainersMessage) {
    for (const cb of this.listeners) cb(m);
  }

  private async resync(docker: Docker) {
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
    this.ready = true;
    this.emit(this.snapshot());
  }

  private onEvent(ev: RawEngineEvent) {
    const action = ev.Action ?? ev.status ?? '';
    if (ev.Type === 'container') {
      const id = ev.Actor?.ID ?? ev.id;
      if (!id || QUIET_ACTIONS.test(action)) return;
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

  /**
   * Leading-edge coalescing: the first event after a quiet spell is refreshed at once (on the next tick, so the
   * events of one chunk go together); events that arrive while a refresh runs, or within `coalesceMs` of the last
   * one, wait for the next batch. One start costs one list call, and a storm costs one per window.
   */
  private markDirty(id: string) {
    this.dirty.add(id);
    if (this.flushTimer || this.flushing) return;
    const wait = Math.max(0, this.lastFlushAt + this.coalesceMs - Date.now());
    this.flushTimer = setTimeout(() => void this.flush(), wait);
  }

  private async flush() {
    this.flushTimer = null;
    if (this.dirty.size === 0) return;
    this.flushing = true;
    try {
      await this.refreshDirty();
    } finally {
      this.flushing = false;
      this.destroyedInFlight.clear();
      this.lastFlushAt = Date.now();
      if (this.dirty.size > 0) this.flushTimer = setTimeout(() => void this.flush(), this.coalesceMs);
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
