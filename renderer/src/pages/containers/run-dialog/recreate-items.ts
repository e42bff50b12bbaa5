import type { ContainerRemovalPlan } from '../../../../../preload/contract';
import type { ConfirmItem } from '../../../components/ConfirmDialog';
import { volumeItems } from '../removal-items';

/** What recreating a container loses and keeps, for its confirmation. Pure, tested on its own. */
export function recreateItems(plan: ContainerRemovalPlan, keepAnonymousVolumes: boolean): ConfirmItem[] {
  const { container } = plan;
  const items: ConfirmItem[] = [
    { key: 'container', effect: 'lost', label: `The current container ${container.name}`, detail: `${container.image} · ${container.id.slice(0, 12)}: replaced by a new one with the same name` },
    { key: 'layer', effect: 'lost', label: 'Its writable layer (files changed inside it)', detail: 'the new container starts from the image' },
  ];
  if (container.compose) {
    items.push({
      key: 'compose',
      effect: 'note',
      label: `Stays in compose project ${container.compose.project} (service ${container.compose.service || '?'})`,
      detail: 'these edits are not written to the compose file: the next compose up puts back what the file says',
    });
  }
  if (plan.running) items.push({ key: 'running', effect: 'note', label: 'Running: it is stopped, then the new one is started' });
  items.push({ key: 'restore', effect: 'note', label: 'If the new one cannot be created or started, this one is put back as it was' });
  items.push(...volumeItems(plan, !keepAnonymousVolumes, 'mounted in the new container at the same path'));
  return items;
}
