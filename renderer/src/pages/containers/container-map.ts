import type { ContainerSummary, ContainersMessage } from '../../../../preload/contract';

export type ContainerMap = ReadonlyMap<string, ContainerSummary>;

/**
 * Folds one `containers.watch` message into the map, returning a new map (zustand compares by reference).
 * A snapshot replaces everything the engine had; a delta upserts and removes by id.
 */
export function applyContainersMessage(current: ContainerMap, message: ContainersMessage): ContainerMap {
  if (message.type === 'snapshot') {
    const next = new Map<string, ContainerSummary>();
    for (const [id, c] of current) if (c.engineId !== message.engineId) next.set(id, c);
    for (const c of message.containers) next.set(c.id, c);
    return next;
  }
  if (message.upserts.length === 0 && message.removes.length === 0) return current;
  const next = new Map(current);
  for (const id of message.removes) next.delete(id);
  for (const c of message.upserts) next.set(c.id, c);
  return next;
}
