import type { BulkAction, BulkResult, ContainerSummary } from '../../../../../preload/contract';
import { berth } from '../../../api';
import { errorMessage } from '../../../format/error-message';
import { toast } from '../../../stores/toast-store';
import { setPendingMany } from '../container-actions';
import { openContainerDialog } from '../container-dialogs-store';
import { useContainersStore } from '../containers-store';
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
function clearPendingAsDone(ids: readonly string[], action: BulkAction): () => void {
  if (action === 'restart') return () => {};
  const waiting = new Set(ids);
  const check = (containers: ReadonlyMap<string, ContainerSummary>) => {
    const done: string[] = [];
    for (const id of waiting) {
      const c = containers.get(id);
      if (action === 'remove' ? !c : c && !appliesTo(action, c)) done.push(id);
    }
    if (done.length === 0) return;
    for (const id of done) waiting.delete(id);
    setPendingMany(done, null);
  };
  return useContainersStore.subscribe((s, before) => {
    if (s.containers !== before.containers) check(s.containers);
  });
}

/**
 * Runs one action on many containers through `containers.bulk` (main drives them a few at a time through its
 * lifecycle controller). Rows show progress meanwhile; all-success is a toast, any failure opens the result list.
 */
export async function runBulkAction(
  containers: readonly ContainerSummary[],
  action: BulkAction,
  options: { force?: boolean; removeVolumes?: boolean } = {},
): Promise<BulkResult[]> {
  if (containers.length === 0) return [];
  const ids = containers.map((c) => c.id);
  setPendingMany(ids, action);
  const stopWatching = clearPendingAsDone(ids, action);
  const results: BulkResult[] = [];
  try {
    const byEngine = new Map<string, string[]>();
    for (const c of containers) byEngine.set(c.engineId, [...(byEngine.get(c.engineId) ?? []), c.id]);
    for (const [engineId, engineIds] of byEngine) {
      for (let i = 0; i < engineIds.length; i += 500) {
        results.push(
          ...(await berth.containers.bulk({ engineId, action, ids: engineIds.slice(i, i + 500), force: options.force ?? false, removeVolumes: options.removeVolumes ?? false })),
        );
      }
    }
  } catch (error) {
    toast.error(`Bulk ${action} failed`, errorMessage(error));
    return results;
  } finally {
    stopWatching();
    setPendingMany(ids, null);
  }
  const summary = bulkSummary(action, results);
  if (summary.failed === 0) toast.success(summary.title);
  else openContainerDialog({ kind: 'bulk-result', action, results });
  return results;
}
