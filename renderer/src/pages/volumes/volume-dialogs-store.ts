import { create } from 'zustand';
import type { VolumeDialog } from './VolumeDialogs';

/** The one volumes dialog open right now (the page's; the palette shows the same dialogs in its own slot). */
export const useVolumeDialogs = create<{ dialog: VolumeDialog | null }>()(() => ({ dialog: null }));
export const openVolumeDialog = (dialog: VolumeDialog) => useVolumeDialogs.setState({ dialog });
export const closeVolumeDialog = () => useVolumeDialogs.setState({ dialog: null });
