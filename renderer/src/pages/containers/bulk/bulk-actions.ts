import type { BulkAction, BulkResult, ContainerSummary } from '../../../../../preload/contract';
import { BULK_MAX } from '../../../../../preload/contract/container-constants';
import { berth } from '../../../api';
import { errorMessage } from '../../../format/error-message';
import { toast } from '../../../stores/toast-store';
import { getContainer, useContainers } from '../../../data/containers';
import { objectKey, splitObjectKey } from '../../../data/keyed';
import { setPendingMany } from '../container-actions';
import { openContainerDialog } from '../container-dialogs-store';
import { bulkSummary } from './bulk-summary';

/** Which selected containers an action applies to (stopping a stopped one is a no-op the list should not count). */
export function appliesTo(action: BulkAction, c: Pick<ContainerSummary, 'state'>): boolean {
  const live = c.state === 'running' || c.state === 'restarting' || c.state === 'paused';
  switch (action) {
    case 'start':
      return !live && c.state !== 'removing';
    case 'stop':
      return live;
    case 'restart':
      return c.state !== 'removing' && c.state !== 'dead';
    case 'pause':
      return c.state === 'running';
    case 'unpause':
      return c.state === 'paused';
    case 'kill':
      return live;
    case 'remove':
      return c.state !== 'removing';
  }
}

/**
 * A row's progress ends when its own container is done, not when the last of the batch is: the list learns each
 * container's new state from engine events, and a row whose container the action no longer applies to (stopped
 * after a stop, gone after a remove) is done. A restart leaves no such trace, so its rows wait for the batch.
 */
function clearPendingAsDone(keys: readonly string[], action: BulkAction): () => void {
  if (action === 'restart') return () => {};
  const waiting = new Set(keys);
  const check = () => {
    const done: string[] = [];
    for (const key of waiting) {
      const { engineId, id } = splitObjectKey(key);
      const c = getContainer(engineId, id);
      if (action === 'remove' ? !c : c && !appliesTo(action, c)) done.push(key);
    }
    if (done.length === 0) return;
    for (const key of done) waiting.delete(key);
    setPendingMany(done, null);
  };
  return useContainers.subscribe((s, before) => {
    if (s.byEngine !== before.byEngine) check();
  });
}

/** A result of a bulk action with the engine it ran on (main answers per engine, so its results do not say). */
export type EngineBulkResult = BulkResult & { engineId: string };

/**
 * Runs one action on many containers through `containers.bulk` (main drives them a few at a time through its
 * lifecycle controller), one call per engine: a selection spanning engines goes to each container's own engine.
 * Rows show progress meanwhile; all-success is a toast, any failure opens the result list.
 */
export async function runBulkAction(
  containers: readonly ContainerSummary[],
  action: BulkAction,
  options: { force?: boolean; removeVolumes?: boolean } = {},
): Promise<EngineBulkResult[]> {
  if (containers.length === 0) return [];
  const keys = containers.map((c) => objectKey(c.engineId, c.id));
  setPendingMany(keys, action);
  const stopWatching = clearPendingAsDone(keys, action);
  const results: EngineBulkResult[] = [];
  try {
    const byEngine = new Map<string, string[]>();
    for (const c of containers) byEngine.set(c.engineId, [...(byEngine.get(c.engineId) ?? []), c.id]);
    for (const [engineId, engineIds] of byEngine) {
      for (let i = 0; i < engineIds.length; i += BULK_MAX) {
        const batch = await berth.containers.bulk({ engineId, action, ids: engineIds.slice(i, i + BULK_MAX), force: options.force ?? false, removeVolumes: options.removeVolumes ?? false });
        results.push(...batch.map((r) => ({ ...r, engineId })));
      }
    }
  } catch (error) {
    toast.error(`Bulk ${action} failed`, errorMessage(error));
    return results;
  } finally {
    stopWatching();
    setPendingMany(keys, null);
  }
  const summary = bulkSummary(action, results);
  if (summary.failed === 0) toast.success(summary.title);
  else openContainerDialog({ kind: 'bulk-result', action, results });
  return results;
}
