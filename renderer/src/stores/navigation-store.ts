import { create } from 'zustand';
import { pageFromHash, type PageId } from '../shell/pages';

interface NavigationStore {
  page: PageId;
  go(page: PageId): void;
}

/** The current page lives in the URL hash, so reloads and the back button keep their place. */
export const useNavigation = create<NavigationStore>()((set) => ({
  page: pageFromHash(window.location.hash),
  go(page) {
    if (window.location.hash !== `#/${page}`) window.location.hash = `#/${page}`;
    set({ page });
  },
}));

export function followHash(): () => void {
  const onChange = () => useNavigation.setState({ page: pageFromHash(window.location.hash) });
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}
