import type { ReactNode } from 'react';
import type { PruneResult } from '../../../preload/contract/volumes';
import { useQuery } from '../hooks/use-query';
import { errorMessage } from '../format/error-message';
import { toast } from '../stores/toast-store';
import { ConfirmDialog, type ConfirmItem } from './ConfirmDialog';
import { EngineChoice, useDialogEngine } from './EngineChoice';
import { countOf } from '../format/count';

export interface PruneUnusedDialogProps<P, T> {
  /** What is pruned, singular ('volume', 'network'): the dialog's title, button and toasts are made from it. */
  noun: string;
  /** Main's plan for an engine: exactly what prune would remove now. */
  plan(engineId: string): Promise<P>;
  itemsOf(plan: P): readonly T[];
  item(planned: T): ConfirmItem;
  /** The words under the engine choice; the plan is null while it loads. */
  describe(plan: P | null): ReactNode;
  /** Removes exactly the planned items, nothing the engine would add meanwhile. */
  prune(engineId: string, planned: readonly T[]): Promise<PruneResult>;
  /** The line the error toast gives an item that was kept. */
  failure(failed: PruneResult['failed'][number]): string;
  /** The success toast's second line, if it has one. */
  doneDetail?(result: PruneResult): string;
  onClose(): void;
}

/**
 * The prune dialog of a list page (volumes, networks): pick the engine, show main's plan of what is unused, remove
 * exactly that on confirm and say what went and what was kept. With nothing to prune its button just closes.
 */
export function PruneUnusedDialog<P, T>(props: PruneUnusedDialogProps<P, T>) {
  const { noun, item, describe, failure, doneDetail, onClose } = props;
  const [engineId, setEngineId] = useDialogEngine();
  const asked = useQuery<P>(() => props.plan(engineId), JSON.stringify([engineId]));
  const plan = asked.data;
  const error = asked.error;
  const planned = plan ? props.itemsOf(plan) : null;
  const confirm = async () => {
    if (!planned || planned.length === 0) return onClose();
    try {
      const r = await props.prune(engineId, planned);
      if (r.failed.length) toast.error(`Kept ${countOf(r.failed.length, noun)}`, r.failed.map(failure).join('\n'));
      toast.success(`Removed ${countOf(r.removed.length, `unused ${noun}`)}`, doneDetail?.(r));
      onClose();
    } catch (e) {
      toast.error(`Could not prune ${noun}s`, errorMessage(e));
    }
  };
  return (
    <ConfirmDialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={`Remove unused ${noun}s?`}
      description={
        <>
          <EngineChoice value={engineId} onChange={setEngineId} />
          {describe(plan)}
        </>
      }
      items={(planned ?? []).map(item)}
      confirmLabel={planned && planned.length === 0 ? 'Close' : `Remove ${planned?.length ?? ''} ${noun}s`}
      onConfirm={() => void confirm()}
      loading={!plan && !error}
      error={error}
    />
  );
}
