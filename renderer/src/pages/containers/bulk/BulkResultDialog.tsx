import { CircleAlert, CircleCheck } from 'lucide-react';
import type { BulkAction, BulkResult } from '../../../../../preload/contract';
import { PlanSection } from '../../../components/ConfirmDialog';
import { DialogFrame } from '../../../components/DialogFrame';
import { bulkSummary } from './bulk-summary';

/** After a bulk action with failures: which containers failed and why, then which worked. */
export function BulkResultDialog({ action, results, onClose }: { action: BulkAction; results: BulkResult[]; onClose(): void }) {
  const summary = bulkSummary(action, results);
  const failed = results.filter((r) => !r.ok);
  const ok = results.filter((r) => r.ok);
  return (
    <DialogFrame onOpenChange={(open) => !open && onClose()} title={summary.title} cancelLabel="Close" testId="bulk-result">
      <PlanSection effect="lost" heading="Failed" icon={CircleAlert} items={failed.map((r) => ({ key: r.id, label: r.name, detail: r.error?.message }))} />
      {ok.length > 0 && <PlanSection effect="kept" heading="Done" icon={CircleCheck} items={ok.map((r) => ({ key: r.id, label: r.name }))} />}
    </DialogFrame>
  );
}
