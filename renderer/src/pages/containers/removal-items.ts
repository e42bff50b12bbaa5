import type { ContainerRemovalPlan } from '../../../../preload/contract';
import type { ConfirmItem } from '../../components/ConfirmDialog';

/** What removing a container loses and keeps, as the confirmation lists it. Pure, so it is tested on its own. */
export function removalItems(plan: ContainerRemovalPlan, removeVolumes: boolean): ConfirmItem[] {
  const { container } = plan;
  const items: ConfirmItem[] = [
    { key: 'container', effect: 'lost', label: `Container ${container.name}`, detail: `${container.image} · ${container.id.slice(0, 12)}` },
    { key: 'layer', effect: 'lost', label: 'Its writable layer (files changed inside it)' },
  ];
  if (plan.running) items.push({ key: 'running', effect: 'note', label: 'Running: it will be stopped first' });
  for (const volume of plan.anonymousVolumes) {
    items.push(
      removeVolumes
        ? { key: `anon:${volume}`, effect: 'lost', label: `Anonymous volume ${volume.slice(0, 12)}`, detail: 'and the data in it' }
        : { key: `anon:${volume}`, effect: 'kept', label: `Anonymous volume ${volume.slice(0, 12)}`, detail: 'kept, but no longer used by any container' },
    );
  }
  for (const mount of plan.keptMounts) {
    items.push({
      key: `kept:${mount.type}:${mount.name}:${mount.destination}`,
      effect: 'kept',
      label: mount.type === 'volume' ? `Volume ${mount.name}` : `Host folder ${mount.name}`,
      detail: `mounted at ${mount.destination}`,
    });
  }
  return items;
}

export function anonymousVolumesOptionLabel(count: number): string {
  return `Also remove ${count} anonymous volume${count === 1 ? '' : 's'}`;
}
