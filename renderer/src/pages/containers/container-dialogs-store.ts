import { create } from 'zustand';
import type { BulkAction, BulkResult, ContainerSummary } from '../../../../preload/contract';

export type ContainerRef = Pick<ContainerSummary, 'engineId' | 'id' | 'name'>;

/** The one container dialog open right now (they never stack), rendered by <ContainerDialogs/> in the app shell. */
export type ContainerDialog =
  | { kind: 'run'; mode: 'new'; image?: string; engineId?: string }
  | { kind: 'run'; mode: 'duplicate' | 'edit'; container: ContainerRef }
  | { kind: 'kill'; container: ContainerRef }
  | { kind: 'rename'; container: ContainerRef }
  | { kind: 'bulk-remove'; containers: ContainerSummary[] }
  | { kind: 'bulk-result'; action: BulkAction; results: BulkResult[] };

interface ContainerDialogsStore {
  dialog: ContainerDialog | null;
}

export const useContainerDialogs = create<ContainerDialogsStore>()(() => ({ dialog: null }));

export const openContainerDialog = (dialog: ContainerDialog) => useContainerDialogs.setState({ dialog });
export const closeContainerDialog = () => useContainerDialogs.setState({ dialog: null });
