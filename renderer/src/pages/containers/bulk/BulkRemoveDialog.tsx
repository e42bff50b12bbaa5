import { useState } from 'react';
import type { ContainerRemovalPlan, ContainerSummary } from '../../../../../preload/contract';
import { berth } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { objectKey } from '../../../data/keyed';
import { useQuery } from '../../../hooks/use-query';
import { runBulkAction } from './bulk-actions';
import { bulkRemovalItems } from './bulk-removal-items';
import { useSelection } from './selection-store';
import { countOf } from '../../../format/count';

type EnginePlan = { engineId: string; plan: ContainerRemovalPlan };

/** Plans the removal of every selected container, shows it all in one confirmation, then removes in bulk. */
export function BulkRemoveDialog({ containers, onClose }: { containers: ContainerSummary[]; onClose(): void }) {
  const [removeVolumes, setRemoveVolumes] = useState(false);
  const [includeRunning, setIncludeRunning] = useState(true);

  // Each engine plans its own containers' removal: a selection can span engines.
  const asked = useQuery<EnginePlan[]>(async () => {
    const byEngine = new Map<string, string[]>();
    for (const c of containers) byEngine.set(c.engineId, [...(byEngine.get(c.engineId) ?? []), c.id]);
    const planned = await Promise.all([...byEngine].map(async ([engineId, ids]) => (await berth.containers.planRemovals({ engineId, ids })).map((plan) => ({ engineId, plan }))));
    return planned.flat();
  }, containers.map((c) => objectKey(c.engineId, c.id)).join(','));

  const planned = asked.data ?? [];
  const plans = planned.map((p) => p.plan);
  const running = plans.filter((p) => p.running).length;
  const anonymous = plans.reduce((n, p) => n + p.anonymousVolumes.length, 0);
  const going = planned.filter((p) => !p.plan.running || includeRunning);
  const n = containers.length;

  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={`Remove ${countOf(n, 'container')}?`}
      description="This cannot be undone."
      loading={asked.loading}
      error={asked.error}
      items={bulkRemovalItems(plans, { removeVolumes, includeRunning })}
      options={[
        ...(running > 0
          ? [{ id: 'force', label: `Also remove the ${running} running (stops ${running === 1 ? 'it' : 'them'} first)`, checked: includeRunning, onChange: setIncludeRunning }]
          : []),
        ...(anonymous > 0 ? [{ id: 'volumes', label: `Also remove their anonymous volumes (${anonymous})`, checked: removeVolumes, onChange: setRemoveVolumes }] : []),
      ]}
      confirmLabel={`Remove ${countOf(going.length, 'container')}`}
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
