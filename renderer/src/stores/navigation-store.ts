import { create } from 'zustand';
import { hasEngine, hashFor, resolveRoute, type PageId, type Route } from '../shell/pages';

const SCOPE_KEY = 'berth.engineScope';
const ALL = '*';

/** The list scope the user chose last: an engine id, null for every engine, undefined when never chosen. */
function readScope(): string | null | undefined {
  try {
    const v = localStorage.getItem(SCOPE_KEY);
    return v === ALL ? null : v || undefined;
  } catch {
    return undefined; // storage can be blocked: the local engine is a fine default
  }
}

function writeScope(scope: string | null) {
  try {
    localStorage.setItem(SCOPE_KEY, scope ?? ALL);
  } catch {
    // not remembered, but still applied
  }
}

interface NavigationStore extends Route {
  /** The engine the lists show (null: every engine), remembered across restarts; lists follow it. */
  scope: string | null;
  /** Whether the user ever chose a scope (else lists open on the local engine). */
  scopeChosen: boolean;
  /** A page's list, at the remembered scope. */
  go(page: PageId): void;
  /** Opens an item of the current (or given) page on its engine, optionally on a tab. */
  open(item: string, tab?: string | null, page?: PageId, engineId?: string | null): void;
  /** Back from an item to its page's list. */
  close(): void;
  /** The engine picker: show one engine (or every engine, null) on the current page, and remember it. */
  showScope(engineId: string | null): void;
}

let engineIds: () => readonly string[] | null = () => null;

/** Tells navigation which engines exist (for old links without an engine). */
export function setEngineIdsSource(source: () => readonly string[] | null) {
  engineIds = source;
}

type Scope = { scope: string | null; scopeChosen: boolean };

/**
 * A list route says which scope the user looks at: it becomes the scope lists follow (an object's page does not
 * change it). It is remembered once the user chose it (the picker, a link), not when it is the default.
 */
function settle(route: Route, current: Scope, chosen: boolean): Route & Scope {
  if (!hasEngine(route.page) || route.item || (route.engineId === current.scope && !(chosen && !current.scopeChosen))) {
    return { ...route, scope: current.scope, scopeChosen: current.scopeChosen };
  }
  if (chosen) writeScope(route.engineId);
  return { ...route, scope: route.engineId, scopeChosen: current.scopeChosen || chosen };
}

function navigate(route: Route, current: Scope, chosen = false) {
  const hash = hashFor(route);
  if (window.location.hash !== hash) window.location.hash = hash;
  return settle({ ...route, tab: route.item ? route.tab : null }, current, chosen);
}

function fromLocation(current: Scope) {
  const hash = window.location.hash;
  const route = resolveRoute(hash, engineIds(), current.scopeChosen ? current.scope : undefined);
  const canonical = hashFor(route);
  // An old link (`#/containers/<id>`) or an empty hash is rewritten in place, so Back does not bounce through it.
  if (hash !== canonical) window.history.replaceState(null, '', canonical);
  return settle(route, current, canonical === hash && !!hash);
}

function initialScope(): Scope {
  const remembered = readScope();
  return remembered === undefined ? { scope: 'local', scopeChosen: false } : { scope: remembered, scopeChosen: true };
}

/** The current engine, page, item and tab live in the URL hash, so reloads and the back button keep their place. */
export const useNavigation = create<NavigationStore>()((set, get) => ({
  ...fromLocation(initialScope()),
  go(page) {
    set(navigate({ engineId: hasEngine(page) ? get().scope : null, page, item: null, tab: null }, get()));
  },
  open(item, tab = null, page = get().page, engineId = get().engineId) {
    set(navigate({ engineId: hasEngine(page) ? engineId : null, page, item, tab }, get()));
  },
  close() {
    const { page, scope } = get();
    set(navigate({ engineId: hasEngine(page) ? scope : null, page, item: null, tab: null }, get()));
  },
  showScope(engineId) {
    const page = hasEngine(get().page) ? get().page : 'containers';
    set(navigate({ engineId, page, item: null, tab: null }, get(), true));
  },
}));

export function followHash(): () => void {
  const onChange = () => useNavigation.setState(fromLocation(useNavigation.getState()));
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}
