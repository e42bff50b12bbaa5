import { create } from 'zustand';
import type { NetworkSummary } from '../../../../preload/contract';
import { berth } from '../../api';
import { errorMessage } from '../../format/error-message';

export const useNetworksStore = create<{ networks: NetworkSummary[] | null; error: string | null }>()(() => ({ networks: null, error: null }));

let watching = false;

/** Follows networks.watch for the window's lifetime (started by the first page that needs it); re-opens on error. */
export function watchNetworks(): void {
  if (watching) return;
  watching = true;
  const open = () =>
    berth.networks.watch(
      {},
      {
        next: (m) => useNetworksStore.setState({ networks: m.networks, error: null }),
        error: (e) => {
          useNetworksStore.setState({ error: errorMessage(e) });
          setTimeout(open, 2000);
        },
      },
    );
  open();
}
