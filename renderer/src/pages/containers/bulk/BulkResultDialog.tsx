import { CircleAlert, CircleCheck } from 'lucide-react';
import type { BulkAction, BulkResult } from '../../../../../preload/contract';
import { DialogFrame } from '../../../components/DialogFrame';
import { bulkSummary } from './bulk-summary';

/** After a bulk action with failures: which containers failed and why, then which worked. */
export function BulkResultDialog({ action, results, onClose }: { action: BulkAction; results: BulkResult[]; onClose(): void }) {
  const summary = bulkSummary(action, results);
  const failed = results.filter((r) => !r.ok);
  const ok = results.filter((r) => r.ok);
  return (
    <DialogFrame onOpenChange={(open) => !open && onClose()} title={summary.title} cancelLabel="Close" testId="bulk-result">
      <section className="dialog-section plan-section plan-lost">
        <h3 className="caption">Failed</h3>
        <ul>
          {failed.map((r) => (
            <li key={r.id}>
              <CircleAlert size={14} aria-hidden />
              <span>
                <span className="plan-label">{r.name}</span>
                <span className="plan-detail">{r.error?.message}</span>
              </span>
            </li>
          ))}
        </ul>
      </section>
      {ok.length > 0 && (
        <section className="dialog-section plan-section plan-kept">
          <h3 className="caption">Done</h3>
          <ul>
            {ok.map((r) => (
              <li key={r.id}>
                <CircleCheck size={14} aria-hidden />
                <span className="plan-label">{r.name}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </DialogFrame>
  );
}
