import * as Dialog from '@radix-ui/react-dialog';
import { CircleAlert, CircleCheck, X } from 'lucide-react';
import type { BulkAction, BulkResult } from '../../../../../preload/contract';
import '../../../components/dialog.css';
import { bulkSummary } from './bulk-summary';

/** After a bulk action with failures: which containers failed and why, then which worked. */
export function BulkResultDialog({ action, results, onClose }: { action: BulkAction; results: BulkResult[]; onClose(): void }) {
  const summary = bulkSummary(action, results);
  const failed = results.filter((r) => !r.ok);
  const ok = results.filter((r) => r.ok);
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" aria-describedby={undefined} data-testid="bulk-result">
          <header className="dialog-header">
            <Dialog.Title className="dialog-title">{summary.title}</Dialog.Title>
            <Dialog.Close className="icon-btn" aria-label="Close">
              <X size={16} />
            </Dialog.Close>
          </header>
          <div className="dialog-body">
            <section className="plan-section plan-lost">
              <h3>Failed</h3>
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
              <section className="plan-section plan-kept">
                <h3>Done</h3>
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
          </div>
          <footer className="dialog-footer">
            <Dialog.Close className="btn">Close</Dialog.Close>
          </footer>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
