import { useEffect, useState } from 'react';
import type { ContainerRemovalPlan, ContainerSummary } from '../../../../../preload/contract';
import { berth } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { objectKey } from '../../../data/keyed';
import { errorMessage } from '../../../format/error-message';
import { runBulkAction } from './bulk-actions';
import { bulkRemovalItems } from './bulk-removal-items';
import { useSelection } from './selection-store';

type EnginePlan = { engineId: string; plan: ContainerRemovalPlan };
type PlanState = { kind: 'loading' } | { kind: 'ready'; plans: EnginePlan[] } | { kind: 'failed'; message: string };

/** Plans the removal of every selected container, shows it all in one confirmation, then removes in bulk. */
export function BulkRemoveDialog({ containers, onClose }: { containers: ContainerSummary[]; onClose(): void }) {
  const [state, setState] = useState<PlanState>({ kind: 'loading' });
  const [removeVolumes, setRemoveVolumes] = useState(false);
  const [includeRunning, setIncludeRunning] = useState(true);

  useEffect(() => {
    let current = true;
    // Each engine plans its own containers' removal: a selection can span engines.
    const byEngine = new Map<string, string[]>();
    for (const c of containers) byEngine.set(c.engineId, [...(byEngine.get(c.engineId) ?? []), c.id]);
    Promise.all([...byEngine].map(async ([engineId, ids]) => (await berth.containers.planRemovals({ engineId, ids })).map((plan) => ({ engineId, plan })))).then(
      (planned) => current && setState({ kind: 'ready', plans: planned.flat() }),
      (error: unknown) => current && setState({ kind: 'failed', message: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [containers]);

  const planned = state.kind === 'ready' ? state.plans : [];
  const plans = planned.map((p) => p.plan);
  const running = plans.filter((p) => p.running).length;
  const anonymous = plans.reduce((n, p) => n + p.anonymousVolumes.length, 0);
  const going = planned.filter((p) => !p.plan.running || includeRunning);
  const n = containers.length;

  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Remove ${n} container${n === 1 ? '' : 's'}?`}
      description="This cannot be undone."
      loading={state.kind === 'loading'}
      error={state.kind === 'failed' ? state.message : null}
      items={bulkRemovalItems(plans, { removeVolumes, includeRunning })}
      options={[
        ...(running > 0
          ? [{ id: 'force', label: `Also remove the ${running} running (stops ${running === 1 ? 'it' : 'them'} first)`, checked: includeRunning, onChange: setIncludeRunning }]
          : []),
        ...(anonymous > 0 ? [{ id: 'volumes', label: `Also remove their anonymous volumes (${anonymous})`, checked: removeVolumes, onChange: setRemoveVolumes }] : []),
      ]}
      confirmLabel={`Remove ${going.length} container${going.length === 1 ? '' : 's'}`}
      onConfirm={() => {
        if (going.length === 0) return onClose();
        const keys = new Set(going.map((p) => objectKey(p.engineId, p.plan.container.id)));
        onClose();
        void runBulkAction(
          containers.filter((c) => keys.has(objectKey(c.engineId, c.id))),
          'remove',
          { force: includeRunning, removeVolumes },
        ).then((results) => useSelection.getState().setChecked(results.filter((r) => r.ok).map((r) => objectKey(r.engineId, r.id)), false));
      }}
    />
  );
}
