import { create } from 'zustand';
import type { ImageSummary, ImagesMessage } from '../../../preload/contract';
import { replaceSnapshot, type ByEngine } from './keyed';

/** Every engine's images, from `images.watch` per engine (a snapshot after each change). */
export const useImages = create<{ byEngine: ByEngine<ImageSummary> }>()(() => ({
  byEngine: new Map(),
}));

export const applyImagesMessage = (byEngine: ByEngine<ImageSummary>, engineId: string, m: ImagesMessage) =>
  replaceSnapshot(byEngine, engineId, m.images, (i) => i.id);
