import { create } from 'zustand';

/** The containers ticked in the list for a bulk action (object keys, `<engineId>/<id>`). Replaced, never mutated. */
interface SelectionStore {
  checked: ReadonlySet<string>;
  toggle(id: string): void;
  setChecked(ids: Iterable<string>, checked: boolean): void;
  clear(): void;
  /** Drops ids that no longer exist (removed meanwhile). */
  retain(exists: (id: string) => boolean): void;
}

export const useSelection = create<SelectionStore>()((set, get) => ({
  checked: new Set(),
  toggle(id) {
    const checked = new Set(get().checked);
    if (!checked.delete(id)) checked.add(id);
    set({ checked });
  },
  setChecked(ids, on) {
    const checked = new Set(get().checked);
    for (const id of ids) {
      if (on) checked.add(id);
      else checked.delete(id);
    }
    set({ checked });
  },
  clear() {
    if (get().checked.size) set({ checked: new Set() });
  },
  retain(exists) {
    const current = get().checked;
    const kept = [...current].filter(exists);
    if (kept.length !== current.size) set({ checked: new Set(kept) });
  },
}));
