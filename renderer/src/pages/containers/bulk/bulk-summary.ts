import type { BulkAction, BulkResult } from '../../../../../preload/contract';
import { BULK_VERBS } from '../../../../../preload/contract/container-constants';
import { countOf } from '../../../format/count';

const PAST: Record<BulkAction, string> = {
  start: 'Started',
  stop: 'Stopped',
  restart: 'Restarted',
  pause: 'Paused',
  unpause: 'Resumed',
  kill: 'Killed',
  remove: 'Removed',
};

const plural = (n: number) => countOf(n, 'container');

/** "Stopped 3 containers" / "Stopped 2 of 3 containers; 1 failed" / "Stopped 12 of 50 containers; 38 cancelled". */
export function bulkSummary(action: BulkAction, results: readonly BulkResult[]): { ok: number; failed: number; title: string } {
  const ok = results.filter((r) => r.ok).length;
  const cancelled = results.filter((r) => !r.ok && r.error?.code === 'CANCELLED').length;
  const failed = results.length - ok - cancelled;
  if (cancelled > 0 && failed === 0) return { ok, failed, title: `${PAST[action]} ${ok} of ${plural(results.length)}; ${cancelled} cancelled` };
  if (failed === 0) return { ok, failed, title: `${PAST[action]} ${plural(ok)}` };
  if (ok === 0) return { ok, failed, title: `Could not ${BULK_VERBS[action]} ${failed === 1 ? 'the container' : `any of ${plural(failed)}`}` };
  return { ok, failed, title: `${PAST[action]} ${ok} of ${plural(results.length)}; ${failed} failed${cancelled ? `, ${cancelled} cancelled` : ''}` };
}

export const bulkVerb = (action: BulkAction) => BULK_VERBS[action];
