import { create } from 'zustand';
import type { ImageSummary } from '../../../../preload/contract';
import { berth } from '../../api';
import { errorMessage } from '../../format/error-message';
import type { ImageListView, ImageSortKey, ImageFilter } from './image-rows';

interface ImagesStore {
  images: readonly ImageSummary[];
  loaded: boolean;
  streamError: string | null;
}

export const useImagesStore = create<ImagesStore>()(() => ({ images: [], loaded: false, streamError: null }));

/** Feeds the store from `images.watch` (snapshots), re-opening it with backoff when it fails. Returns a stop function. */
export function watchImages(): () => void {
  let unsubscribe: (() => void) | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let retryMs = 1000;
  let stopped = false;
  const subscribe = () => {
    unsubscribe = berth.images.watch(
      {},
      {
        next: (m) => {
          retryMs = 1000;
          useImagesStore.setState({ images: m.images, loaded: true, streamError: null });
        },
        error: (e) => {
          useImagesStore.setState({ streamError: errorMessage(e) });
          retry();
        },
        complete: () => retry(),
      },
    );
  };
  const retry = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(subscribe, retryMs);
    retryMs = Math.min(retryMs * 2, 10_000);
  };
  subscribe();
  return () => {
    stopped = true;
    clearTimeout(timer);
    unsubscribe?.();
  };
}

interface ImageListViewStore extends ImageListView {
  /** The image a build just made, highlighted until the next one. */
  highlightId: string | null;
  setFilterText(text: string): void;
  setFilter(filter: ImageFilter): void;
  sortBy(key: ImageSortKey): void;
  highlight(id: string | null): void;
}

export const useImageListView = create<ImageListViewStore>()((set) => ({
  filterText: '',
  filter: 'all',
  sort: { key: 'created', dir: 'desc' },
  highlightId: null,
  setFilterText: (filterText) => set({ filterText }),
  setFilter: (filter) => set({ filter }),
  sortBy: (key) =>
    set((s) => ({
      sort: s.sort.key === key ? { key, dir: s.sort.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: key === 'name' ? 'asc' : 'desc' },
    })),
  highlight: (highlightId) => set({ highlightId }),
}));
