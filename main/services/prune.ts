import type { PruneResult } from '../../preload/contract/volumes';
import { toBerthError } from '../errors';

/**
 * The one prune loop: removes the chosen items one by one through `remove` (the owning service's removal, with its
 * checks and its lock), never the engine's blanket prune, and says what went, what stayed and why.
 */
export async function pruneEach(ids: readonly string[], remove: (id: string) => Promise<void>, sizeOf: (id: string) => number = () => 0): Promise<PruneResult> {
  const result: PruneResult = { removed: [], failed: [], reclaimedBytes: 0 };
  for (const id of ids) {
    try {
      await remove(id);
      result.removed.push(id);
      result.reclaimedBytes += sizeOf(id);
    } catch (err) {
      result.failed.push({ name: id, message: toBerthError(err).message });
    }
  }
  return result;
}

/** Several prunes' results as one (a system prune). */
export function addPruneResults(results: readonly PruneResult[]): PruneResult {
  return {
    removed: results.flatMap((r) => r.removed),
    failed: results.flatMap((r) => r.failed),
    reclaimedBytes: results.reduce((n, r) => n + r.reclaimedBytes, 0),
  };
}
