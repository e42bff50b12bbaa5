import { create } from 'zustand';
import type { ContainerSummary, ContainersMessage } from '../../../preload/contract';
import { applyDelta, replaceSnapshot, type ByEngine } from './keyed';

/** Every engine's containers, from `containers.watch` per engine (snapshot, then deltas driven by engine events). */
export const useContainers = create<{ byEngine: ByEngine<ContainerSummary> }>()(() => ({ byEngine: new Map() }));

const idOf = (c: ContainerSummary) => c.id;

export function applyContainersMessage(
  byEngine: ByEngine<ContainerSummary>,
  engineId: string,
  m: ContainersMessage,
): ByEngine<ContainerSummary> {
  return m.type === 'snapshot'
    ? replaceSnapshot(byEngine, engineId, m.containers, idOf)
    : applyDelta(byEngine, engineId, m.upserts, m.removes, idOf);
}

/** One container of one engine (undefined while not loaded, or once gone). */
export const useContainer = (engineId: string, id: string) =>
  useContainers((s) => s.byEngine.get(engineId)?.items.get(id));

export function getContainer(engineId: string, id: string): ContainerSummary | undefined {
  return useContainers.getState().byEngine.get(engineId)?.items.get(id);
}

/** A container of an engine by id, id prefix or name (what a pasted link may hold). */
export function findContainer(
  byEngine: ByEngine<ContainerSummary>,
  engineId: string,
  idOrName: string,
): ContainerSummary | undefined {
  const items = byEngine.get(engineId)?.items;
  if (!items) return undefined;
  const exact = items.get(idOrName);
  if (exact) return exact;
  for (const c of items.values()) if (c.name === idOrName || c.id.startsWith(idOrName)) return c;
  return undefined;
}
