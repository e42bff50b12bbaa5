import { useEffect, useState } from 'react';
import type { ContainerRemovalPlan, ContainerSummary } from '../../../../preload/contract';
import { berth } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { errorMessage } from '../../format/error-message';
import { runContainerAction } from './container-actions';
import { anonymousVolumesOptionLabel, removalItems } from './removal-items';

type PlanState = { kind: 'loading' } | { kind: 'ready'; plan: ContainerRemovalPlan } | { kind: 'failed'; message: string };

/** Asks main what removing the container loses, shows it, and removes only on confirmation. */
export function RemoveContainerDialog({ container, onClose }: { container: ContainerSummary | null; onClose(): void }) {
  const [planState, setPlanState] = useState<PlanState>({ kind: 'loading' });
  const [removeVolumes, setRemoveVolumes] = useState(false);

  useEffect(() => {
    if (!container) return;
    let current = true;
    setPlanState({ kind: 'loading' });
    setRemoveVolumes(false);
    berth.containers.planRemoval({ engineId: container.engineId, id: container.id }).then(
      (plan) => current && setPlanState({ kind: 'ready', plan }),
      (error: unknown) => current && setPlanState({ kind: 'failed', message: errorMessage(error) }),
    );
    return () => {
      current = false;
    };
  }, [container]);

  const plan = planState.kind === 'ready' ? planState.plan : null;
  const anonymousCount = plan?.anonymousVolumes.length ?? 0;

  return (
    <ConfirmDialog
      open={container !== null}
      onOpenChange={(open) => !open && onClose()}
      title={container ? `Remove ${container.name}?` : 'Remove container?'}
      description="This cannot be undone."
      loading={planState.kind === 'loading'}
      error={planState.kind === 'failed' ? planState.message : null}
      items={plan ? removalItems(plan, removeVolumes) : []}
      options={
        anonymousCount > 0
          ? [{ id: 'remove-volumes', label: anonymousVolumesOptionLabel(anonymousCount), checked: removeVolumes, onChange: setRemoveVolumes }]
          : []
      }
      confirmLabel="Remove container"
      onConfirm={() => {
        if (!container || !plan) return;
        onClose();
        void runContainerAction(container, 'remove', { force: plan.running, removeVolumes });
      }}
    />
  );
}
