import { create } from 'zustand';
import type { ImageSummary } from '../../../../preload/contract';

/** The one images dialog open right now. */
export type ImageDialog =
  | { kind: 'pull'; ref?: string }
  | { kind: 'tag'; image: ImageSummary }
  | { kind: 'push'; image: ImageSummary }
  | { kind: 'remove'; image: ImageSummary; target: string }
  | { kind: 'history'; image: ImageSummary }
  | { kind: 'inspect'; image: ImageSummary }
  | { kind: 'prune' }
  /** Prefilled when another flow (containerize a folder) hands over a context and a tag. */
  | { kind: 'build'; context?: string; tags?: string[] }
  | { kind: 'registries' }
  | { kind: 'save-load'; image?: ImageSummary };

export const useImageDialogs = create<{ dialog: ImageDialog | null }>()(() => ({ dialog: null }));
export const openImageDialog = (dialog: ImageDialog) => useImageDialogs.setState({ dialog });
export const closeImageDialog = () => useImageDialogs.setState({ dialog: null });
