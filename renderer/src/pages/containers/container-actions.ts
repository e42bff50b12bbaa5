import { create } from 'zustand';
import type { ContainerSummary, KillSignal } from '../../../../preload/contract';
import { berth } from '../../api';
import { objectKey } from '../../data/keyed';
import { errorMessage } from '../../format/error-message';
import { toast } from '../../stores/toast-store';

export type ContainerAction = 'start' | 'stop' | 'restart' | 'remove' | 'pause' | 'unpause' | 'kill' | 'recreate';

const PROGRESS_LABEL: Record<ContainerAction, string> = {
  start: 'Starting',
  stop: 'Stopping',
  restart: 'Restarting',
  remove: 'Removing',
  pause: 'Pausing',
  unpause: 'Resuming',
  kill: 'Killing',
  recreate: 'Recreating',
};
const ACTION_NAME: Record<ContainerAction, string> = {
  start: 'Start',
  stop: 'Stop',
  restart: 'Restart',
  remove: 'Remove',
  pause: 'Pause',
  unpause: 'Resume',
  kill: 'Kill',
  recreate: 'Recreate',
};

export const progressLabel = (action: ContainerAction) => PROGRESS_LABEL[action];

interface PendingActionsStore {
  /** Container object key (`<engineId>/<id>`) → the action running on it; its row shows progress meanwhile. */
  pending: ReadonlyMap<string, ContainerAction>;
}

export const usePendingActions = create<PendingActionsStore>()(() => ({ pending: new Map() }));

export function setPending(key: string, action: ContainerAction | null) {
  setPendingMany([key], action);
}

/** One store update for many rows (a bulk action over hundreds). */
export function setPendingMany(keys: readonly string[], action: ContainerAction | null) {
  usePendingActions.setState((s) => {
    const pending = new Map(s.pending);
    for (const key of keys) {
      if (action) pending.set(key, action);
      else pending.delete(key);
    }
    return { pending };
  });
}

/**
 * Runs one action on one container, marking the row pending until the engine answers. Success needs no toast:
 * the row's new state arrives through `containers.watch`. Failures are toasted with the engine's message.
 */
export async function runContainerAction(
  container: Pick<ContainerSummary, 'id' | 'name' | 'engineId'>,
  action: ContainerAction,
  options: { force?: boolean; removeVolumes?: boolean; signal?: KillSignal } = {},
): Promise<boolean> {
  const key = objectKey(container.engineId, container.id);
  if (usePendingActions.getState().pending.has(key)) return false;
  setPending(key, action);
  const target = { engineId: container.engineId, id: container.id };
  try {
    switch (action) {
      case 'start':
      case 'stop':
      case 'restart':
      case 'pause':
      case 'unpause':
        await berth.containers[action](target);
        break;
      case 'remove':
        await berth.containers.remove({ ...target, force: options.force ?? false, removeVolumes: options.removeVolumes ?? false });
        toast.success(`Removed ${container.name}`);
        break;
      case 'kill':
        await berth.containers.kill({ ...target, signal: options.signal ?? 'SIGKILL' });
        break;
      case 'recreate':
        throw new Error('recreate goes through the run dialog');
    }
    return true;
  } catch (error) {
    toast.error(`${ACTION_NAME[action]} failed: ${container.name}`, errorMessage(error));
    return false;
  } finally {
    setPending(key, null);
  }
}
