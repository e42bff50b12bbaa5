import { create } from 'zustand';

/** The stacks page's dialogs: open a compose file, or start a new stack. */
export type StackDialog = 'open' | 'new';

/** The one stacks dialog open right now (the page's; the palette shows the same dialogs in its own slot). */
export const useStackDialogs = create<{ dialog: StackDialog | null }>()(() => ({ dialog: null }));
export const openStackDialog = (dialog: StackDialog) => useStackDialogs.setState({ dialog });
export const closeStackDialog = () => useStackDialogs.setState({ dialog: null });
