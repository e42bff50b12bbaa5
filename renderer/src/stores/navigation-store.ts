import { create } from 'zustand';
import { hashFor, routeFromHash, type PageId } from '../shell/pages';

interface NavigationStore {
  page: PageId;
  /** The item open inside the page (a container id on the containers page), or null for the list. */
  item: string | null;
  /** The tab open on that item, or null for its default tab. */
  tab: string | null;
  go(page: PageId): void;
  /** Opens an item of the current (or given) page, optionally on a tab. */
  open(item: string, tab?: string | null, page?: PageId): void;
  /** Back from an item to its page's list. */
  close(): void;
}

function navigate(route: { page: PageId; item?: string | null; tab?: string | null }) {
  const hash = hashFor(route);
  if (window.location.hash !== hash) window.location.hash = hash;
  return { page: route.page, item: route.item ?? null, tab: route.item ? (route.tab ?? null) : null };
}

/** The current page, item and tab live in the URL hash, so reloads and the back button keep their place. */
export const useNavigation = create<NavigationStore>()((set, get) => ({
  ...routeFromHash(window.location.hash),
  go(page) {
    set(navigate({ page }));
  },
  open(item, tab = null, page = get().page) {
    set(navigate({ page, item, tab }));
  },
  close() {
    set(navigate({ page: get().page }));
  },
}));

export function followHash(): () => void {
  const onChange = () => useNavigation.setState(routeFromHash(window.location.hash));
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}
