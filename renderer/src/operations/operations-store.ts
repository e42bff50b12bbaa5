import { create } from 'zustand';
import type { TrackedOperation } from '../../../preload/contract';
import { berth } from '../api';
import { followStream } from '../data/follow-stream';
import type { PageId } from '../shell/pages';
import { useNavigation } from '../stores/navigation-store';
import { toast } from '../stores/toast-store';

/** The page that starts each kind of operation (and shows its own richer view of it). */
export const PAGE_OF_KIND: Record<string, PageId> = {
  pull: 'images',
  push: 'images',
  build: 'images',
  prune: 'images',
  backup: 'volumes',
  restore: 'volumes',
  clone: 'volumes',
  compose: 'stacks',
  bulk: 'containers',
};

/** Kinds whose page store already toasts their outcome from anywhere (the images operations store, bulk actions). */
const TOASTED_ELSEWHERE = new Set(['pull', 'push', 'build', 'bulk']);

interface OperationsStore {
  operations: readonly TrackedOperation[];
  panelOpen: boolean;
  /** Finished operations the user cleared from the panel (main keeps the last few). */
  hidden: ReadonlySet<number>;
}

/** Every long operation of the app, from main's lifecycle controller, whichever page started it. */
export const useAppOperations = create<OperationsStore>()(() => ({ operations: [], panelOpen: false, hidden: new Set() }));

export const isLive = (op: TrackedOperation) => op.state === 'queued' || op.state === 'running';

/**
 * What to toast for an update: the operations that finished since the last list, whose page is not on screen and
 * whose outcome no page store already toasts.
 */
export function outcomesToToast(before: readonly TrackedOperation[], after: readonly TrackedOperation[], page: PageId): TrackedOperation[] {
  const wasLive = new Set(before.filter(isLive).map((o) => o.id));
  return after.filter((o) => wasLive.has(o.id) && !isLive(o) && o.state !== 'cancelled' && PAGE_OF_KIND[o.kind] !== page && !TOASTED_ELSEWHERE.has(o.kind));
}

function apply(operations: TrackedOperation[]) {
  const before = useAppOperations.getState().operations;
  useAppOperations.setState({ operations });
  for (const op of outcomesToToast(before, operations, useNavigation.getState().page)) {
    if (op.state === 'done') toast.success(capitalize(op.label), 'Done.');
    else toast.error(`Could not ${op.label}`, op.error ?? undefined);
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Follows main's operations for the life of the window (every engine's: main's one lifecycle controller). */
export function followOperations(): () => void {
  const stream = followStream<{ operations: TrackedOperation[] }>({
    open: (h) => berth.operations.watch({}, h),
    onMessage: (m) => apply(m.operations),
  });
  return () => stream.stop();
}

export function toggleOperationsPanel(open = !useAppOperations.getState().panelOpen) {
  useAppOperations.setState({ panelOpen: open });
}

export function cancelAppOperation(id: number) {
  berth.operations.cancel({ id }).catch(() => undefined);
}

export function clearFinishedOperations() {
  const finished = useAppOperations.getState().operations.filter((o) => !isLive(o));
  useAppOperations.setState((s) => ({ hidden: new Set([...s.hidden, ...finished.map((o) => o.id)]) }));
}
