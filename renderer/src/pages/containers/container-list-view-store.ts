import { create } from 'zustand';
import type { HealthFilter, StateFilter } from './container-states';
import type { ContainerListView, SortColumn } from './container-rows';

interface ContainerListViewStore extends ContainerListView {
  /** Key of the selected row (a container id or a group key). */
  selectedKey: string | null;
  setFilterText(text: string): void;
  setStateFilter(filter: StateFilter): void;
  healthFilter: HealthFilter;
  setHealthFilter(filter: HealthFilter): void;
  /** Clicking the sorted column flips the direction; another column sorts ascending (newest first for "created"). */
  sortBy(column: SortColumn): void;
  toggleGroup(key: string): void;
  select(key: string | null): void;
}

export const useContainerListView = create<ContainerListViewStore>()((set) => ({
  filterText: '',
  stateFilter: 'all',
  sort: { column: 'name', direction: 'asc' },
  collapsedGroups: new Set<string>(),
  selectedKey: null,
  setFilterText: (filterText) => set({ filterText }),
  setStateFilter: (stateFilter) => set({ stateFilter }),
  healthFilter: 'any',
  setHealthFilter: (healthFilter) => set({ healthFilter }),
  sortBy: (column) =>
    set((s) => ({
      sort:
        s.sort.column === column
          ? { column, direction: s.sort.direction === 'asc' ? 'desc' : 'asc' }
          : { column, direction: column === 'created' ? 'desc' : 'asc' },
    })),
  toggleGroup: (key) =>
    set((s) => {
      const collapsedGroups = new Set(s.collapsedGroups);
      if (!collapsedGroups.delete(key)) collapsedGroups.add(key);
      return { collapsedGroups };
    }),
  select: (selectedKey) => set({ selectedKey }),
}));
