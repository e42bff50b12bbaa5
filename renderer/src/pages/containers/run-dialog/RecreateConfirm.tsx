import { useState } from 'react';
import type { ContainerRemovalPlan, RunSpecInput } from '../../../../../preload/contract';
import { berth } from '../../../api';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { errorMessage } from '../../../format/error-message';
import { useQuery } from '../../../hooks/use-query';
import { toast } from '../../../stores/toast-store';
import { setPending } from '../container-actions';
import type { ContainerRef } from '../container-dialogs-store';
import { recreateItems } from './recreate-items';
import { countOf } from '../../../format/count';

/**
 * Recreating replaces the container: its writable layer goes, and its anonymous volumes unless kept. Never silent:
 * this lists what is lost before anything happens (main's removal plan), and main puts the old one back on failure.
 */
export function RecreateConfirm(props: { container: ContainerRef; spec: RunSpecInput; onCancel(): void; onDone(): void; onFailed(message: string): void }) {
  const { container, spec, onCancel, onDone, onFailed } = props;
  const asked = useQuery<ContainerRemovalPlan>(() => berth.containers.planRemoval({ engineId: container.engineId, id: container.id }), `${container.engineId} ${container.id}`);
  const plan = asked.data;
  const [keepVolumes, setKeepVolumes] = useState(true);

  const anonymous = plan?.anonymousVolumes.length ?? 0;
  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && onCancel()}
      title={`Recreate ${container.name}?`}
      description="A new container is made from the edited settings and replaces this one."
      loading={asked.loading}
      error={asked.error}
      items={plan ? recreateItems(plan, keepVolumes) : []}
      options={anonymous > 0 ? [{ id: 'keep-volumes', label: `Keep the ${countOf(anonymous, 'anonymous volume')} (mount in the new container)`, checked: keepVolumes, onChange: setKeepVolumes }] : []}
      confirmLabel="Recreate container"
      onConfirm={() => {
        setPending(container.id, 'recreate');
        onDone();
        berth.containers
          .recreate({ engineId: container.engineId, id: container.id, spec, keepAnonymousVolumes: keepVolumes })
          .then(
            (created) => toast.success(`Recreated ${created.name}`),
            (e: unknown) => {
              toast.error(`Recreate failed: ${container.name}`, errorMessage(e));
              onFailed(errorMessage(e));
            },
          )
          .finally(() => setPending(container.id, null));
      }}
    />
  );
}
