import { useEffect, useState } from 'react';
import type { ContainerRemovalPlan, ContainerSummary } from '../../../../preload/contract';
import { berth } from '../../api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useQuery } from '../../hooks/use-query';
import { runContainerAction } from './container-actions';
import { anonymousVolumesOptionLabel, removalItems } from './removal-items';

/** Asks main what removing the container loses, shows it, and removes only on confirmation. */
export function RemoveContainerDialog({ container, onClose }: { container: ContainerSummary | null; onClose(): void }) {
  const asked = useQuery<ContainerRemovalPlan>(container ? () => berth.containers.planRemoval({ engineId: container.engineId, id: container.id }) : null, container ? `${container.engineId} ${container.id}` : '');
  const plan = asked.data;
  const [removeVolumes, setRemoveVolumes] = useState(false);
  useEffect(() => setRemoveVolumes(false), [container]);

  const anonymousCount = plan?.anonymousVolumes.length ?? 0;

  return (
    <ConfirmDialog
      open={container !== null}
      onOpenChange={(open) => !open && onClose()}
      title={container ? `Remove ${container.name}?` : 'Remove container?'}
      description="This cannot be undone."
      loading={asked.loading}
      error={asked.error}
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
