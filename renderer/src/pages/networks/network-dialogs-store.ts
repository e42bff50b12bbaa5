import { create } from 'zustand';
import type { NetworkDialog } from './NetworkDialogs';

/** The one networks dialog open right now (the page's; the palette shows the same dialogs in its own slot). */
export const useNetworkDialogs = create<{ dialog: NetworkDialog | null }>()(() => ({ dialog: null }));
export const openNetworkDialog = (dialog: NetworkDialog) => useNetworkDialogs.setState({ dialog });
export const closeNetworkDialog = () => useNetworkDialogs.setState({ dialog: null });
