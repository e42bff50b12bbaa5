import { create } from 'zustand';
import type { EngineStatus } from '../../../preload/contract';
import { berth } from '../api';
import { primaryEngine } from '../engine/engine-view';
import { followStream } from './follow-stream';

/**
 * Fields main may add to an engine's status as engines become first-class (issue 14). Read through the accessors
 * below, which fall back to what a status without them means, so the renderer works before and after they land.
 */
interface EngineExtras {
  name?: string;
  enabled?: boolean;
}

/** The name a person gave the engine, else its id. */
export function engineName(status: EngineStatus | undefined, engineId = status?.engineId ?? ''): string {
  const name = (status as (EngineStatus & EngineExtras) | undefined)?.name;
  return typeof name === 'string' && name ? name : engineId;
}

/** False only for an engine the user switched off (its data is dropped, its streams closed). */
export function engineEnabled(status: EngineStatus): boolean {
  return (status as EngineStatus & EngineExtras).enabled !== false;
}

/**
 * The engine this one is a second route to (main found both reach one daemon: same /info ID and name), else
 * undefined. Lists of every engine leave a twin's objects out, so nothing shows twice; the twin itself still works
 * when chosen on its own.
 */
export function twinOf(status: EngineStatus | undefined): string | undefined {
  return status && engineEnabled(status) ? status.sameAs : undefined;
}

/** Enabled and not a second route to another engine's daemon: the engines "All engines" covers. */
export function listedInAll(status: EngineStatus): boolean {
  return engineEnabled(status) && !status.sameAs;
}

/**
 * Engines in list order with each twin moved right under the engine it is a second route to (the sidebar indents
 * it there); a twin whose engine is not in the list stays where it was.
 */
export function withTwinsUnder<S extends EngineStatus>(statuses: readonly S[]): S[] {
  const present = new Set(statuses.map((s) => s.engineId));
  const under = (id: string) => statuses.filter((s) => twinOf(s) === id);
  const out: S[] = [];
  for (const s of statuses) {
    const twin = twinOf(s);
    if (twin && present.has(twin)) continue;
    out.push(s, ...under(s.engineId));
  }
  return out;
}

/**
 * Whether the data layer follows an engine's objects: enabled, and not a twin unless the page shows that engine
 * itself. A twin's objects are the other engine's objects: following both would show each twice in "All engines".
 */
export function dataWanted(status: EngineStatus, pageEngine: string | null): boolean {
  return engineEnabled(status) && (!status.sameAs || status.engineId === pageEngine);
}

/**
 * An ssh host key waiting for the user (unknown: to confirm; changed: refused until replaced), on an engine that is
 * not switched off. Not "down": nothing is wrong with the engine until the user has looked at the key.
 */
export function hostKeyWait(status: EngineStatus | undefined): 'unknown' | 'changed' | undefined {
  return status && engineEnabled(status) ? status.hostKey?.state : undefined;
}

interface EnginesStore {
  statuses: readonly EngineStatus[];
  /** False until `engine.watch` first answers: until then nobody knows which engines exist. */
  known: boolean;
  /** Local clock time each engine's current state was first seen (renderer and engine clocks may differ). */
  stateSeenAt: ReadonlyMap<string, number>;
  /** When the renderer started, the "seen at" of engines it has not heard of yet. */
  startedAt: number;
  setStatuses(statuses: readonly EngineStatus[]): void;
}

export const useEngines = create<EnginesStore>()((set, get) => ({
  statuses: [],
  known: false,
  stateSeenAt: new Map(),
  startedAt: Date.now(),
  setStatuses(statuses) {
    const before = get();
    const beforeState = new Map(before.statuses.map((s) => [s.engineId, s.state]));
    const now = Date.now();
    const stateSeenAt = new Map<string, number>();
    for (const s of statuses) {
      const same = beforeState.get(s.engineId) === s.state;
      stateSeenAt.set(s.engineId, same ? (before.stateSeenAt.get(s.engineId) ?? now) : now);
    }
    set({ statuses, known: true, stateSeenAt });
  },
}));

export const statusOf = (statuses: readonly EngineStatus[], engineId: string) =>
  statuses.find((s) => s.engineId === engineId);

/** One engine's status (undefined while unknown or once removed). */
export const useEngineStatus = (engineId: string | null | undefined) =>
  useEngines((s) => (engineId ? statusOf(s.statuses, engineId) : undefined));

/** The engine shown where one engine must be picked without a choice being made (local, else the first). */
export const usePrimaryEngine = () => useEngines((s) => primaryEngine(s.statuses));

/** Follows `engine.watch` for the life of the window. Returns a stop function. */
export function followEngines(): () => void {
  const stream = followStream<EngineStatus[]>({
    open: (h) => berth.engine.watch({}, h),
    onMessage: (statuses) => useEngines.getState().setStatuses(statuses),
  });
  return () => stream.stop();
}
