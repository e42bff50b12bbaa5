import { create } from 'zustand';
import { toggleSort } from '../../components/list-rows';
import type { ImageListView, ImageSortKey, ImageFilter } from './image-rows';

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
  // A name starts A to Z; size, age and use start with the largest.
  sortBy: (key) => set((s) => ({ sort: toggleSort(s.sort, key, key === 'name' ? 'asc' : 'desc') })),
  highlight: (highlightId) => set({ highlightId }),
}));
