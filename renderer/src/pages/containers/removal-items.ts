import type { ContainerRemovalPlan } from '../../../../preload/contract';
import type { ConfirmItem } from '../../components/ConfirmDialog';
import { countOf } from '../../format/count';

/** What removing a container loses and keeps, as the confirmation lists it. Pure, so it is tested on its own. */
export function removalItems(plan: ContainerRemovalPlan, removeVolumes: boolean): ConfirmItem[] {
  const { container } = plan;
  const items: ConfirmItem[] = [
    { key: 'container', effect: 'lost', label: `Container ${container.name}`, detail: `${container.image} · ${container.id.slice(0, 12)}` },
    { key: 'layer', effect: 'lost', label: 'Its writable layer (files changed inside it)' },
  ];
  if (plan.running) items.push({ key: 'running', effect: 'note', label: 'Running: it will be stopped first' });
  items.push(...volumeItems(plan, removeVolumes, 'kept, but no longer used by any container'));
  return items;
}

/**
 * What becomes of a container's volumes when it goes (removed, or replaced by a recreate): its anonymous volumes are
 * lost with their data, or kept (`keptDetail` says how); its named volumes and host folders are kept.
 */
export function volumeItems(plan: ContainerRemovalPlan, anonymousLost: boolean, keptDetail: string): ConfirmItem[] {
  return [
    ...plan.anonymousVolumes.map(
      (volume): ConfirmItem => ({
        key: `anon:${volume}`,
        effect: anonymousLost ? 'lost' : 'kept',
        label: `Anonymous volume ${volume.slice(0, 12)}`,
        detail: anonymousLost ? 'and the data in it' : keptDetail,
      }),
    ),
    ...plan.keptMounts.map(
      (mount): ConfirmItem => ({
        key: `kept:${mount.type}:${mount.name}:${mount.destination}`,
        effect: 'kept',
        label: mount.type === 'volume' ? `Volume ${mount.name}` : `Host folder ${mount.name}`,
        detail: `mounted at ${mount.destination}`,
      }),
    ),
  ];
}

export function anonymousVolumesOptionLabel(count: number): string {
  return `Also remove ${countOf(count, 'anonymous volume')}`;
}
