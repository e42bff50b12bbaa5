import type { ContainerRemovalPlan } from '../../../../../preload/contract';
import type { ConfirmItem } from '../../../components/ConfirmDialog';

/**
 * What removing several containers loses and keeps, for the one confirmation dialog. Running containers are removed
 * (stopped first) only with `includeRunning`; otherwise they are listed as left alone.
 */
export function bulkRemovalItems(plans: readonly ContainerRemovalPlan[], opts: { removeVolumes: boolean; includeRunning: boolean }): ConfirmItem[] {
  const lost: ConfirmItem[] = [];
  const kept: ConfirmItem[] = [];
  const notes: ConfirmItem[] = [];
  const going = plans.filter((p) => !p.running || opts.includeRunning);
  for (const p of plans) {
    const { container } = p;
    if (p.running && !opts.includeRunning) {
      kept.push({ key: `c:${container.id}`, effect: 'kept', label: `Container ${container.name}`, detail: 'running: left alone (not selected for removal)' });
      continue;
    }
    lost.push({ key: `c:${container.id}`, effect: 'lost', label: `Container ${container.name}`, detail: `${container.image} · its writable layer (files changed inside it)` });
  }
  const running = going.filter((p) => p.running).length;
  if (running > 0) notes.push({ key: 'running', effect: 'note', label: `${running} running: ${running === 1 ? 'it' : 'they'} will be stopped first` });
  for (const p of going) {
    for (const volume of p.anonymousVolumes) {
      const item: ConfirmItem = { key: `anon:${volume}`, effect: opts.removeVolumes ? 'lost' : 'kept', label: `Anonymous volume ${volume.slice(0, 12)}`, detail: opts.removeVolumes ? `of ${p.container.name}, and the data in it` : `of ${p.container.name}: kept, but no longer used by any container` };
      (opts.removeVolumes ? lost : kept).push(item);
    }
    for (const m of p.keptMounts) {
      kept.push({ key: `m:${p.container.id}:${m.destination}`, effect: 'kept', label: m.type === 'volume' ? `Volume ${m.name}` : `Host folder ${m.name}`, detail: `mounted in ${p.container.name} at ${m.destination}` });
    }
  }
  return [...lost, ...notes, ...kept];
}
