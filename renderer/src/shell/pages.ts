import { Boxes, Container, Gauge, HardDrive, Layers, Network, ScrollText, Settings, type LucideIcon } from 'lucide-react';

export type PageId = 'containers' | 'images' | 'volumes' | 'networks' | 'disk' | 'stacks' | 'events' | 'settings';

export interface PageEntry {
  id: PageId;
  label: string;
  icon: LucideIcon;
}

/** The sidebar, top to bottom. Settings sits apart at the bottom. */
export const PAGES: readonly PageEntry[] = [
  { id: 'containers', label: 'Containers', icon: Container },
  { id: 'images', label: 'Images', icon: Layers },
  { id: 'volumes', label: 'Volumes', icon: HardDrive },
  { id: 'networks', label: 'Networks', icon: Network },
  { id: 'disk', label: 'Disk usage', icon: Gauge },
  { id: 'stacks', label: 'Stacks', icon: Boxes },
  { id: 'events', label: 'Events', icon: ScrollText },
  { id: 'settings', label: 'Settings', icon: Settings },
];

export function pageFromHash(hash: string): PageId {
  return routeFromHash(hash).page;
}

/** Pages that show one engine's objects, or every engine's. Settings belong to Berth, not to an engine. */
export const hasEngine = (page: PageId) => page !== 'settings';

/**
 * A route: `#/e/<engine>/<page>/<item>/<tab>` opens one engine's object (a container's detail on a tab);
 * `#/e/<engine>/<page>` lists one engine's objects; `#/all/<page>` lists every engine's. A route from before routes
 * named engines (`#/<page>/…`) is resolved by `resolveRoute`.
 */
export interface Route {
  /** The engine the page shows; null for every engine (a list) or a page without engines (settings). */
  engineId: string | null;
  page: PageId;
  /** e.g. a container id */
  item: string | null;
  /** e.g. a detail tab id */
  tab: string | null;
}

const ENGINE_ID = /^[a-z0-9][a-z0-9_.-]{0,63}$/i;

/** The route a hash names, and whether it names its engine (or "all"); one that does not is an old link. */
export function parseHash(hash: string): { route: Route; namesEngine: boolean } {
  let parts = hash.replace(/^#\/?/, '').split('?')[0]!.split('/');
  let engineId: string | null = null;
  let namesEngine = false;
  if (parts[0] === 'e' && parts[1] && ENGINE_ID.test(safeDecode(parts[1]))) {
    engineId = safeDecode(parts[1]);
    namesEngine = true;
    parts = parts.slice(2);
  } else if (parts[0] === 'all') {
    namesEngine = true;
    parts = parts.slice(1);
  }
  const [first, item, tab] = parts.map(safeDecode);
  const known = PAGES.find((p) => p.id === first)?.id;
  const page = known ?? 'containers';
  const route = {
    engineId: hasEngine(page) ? engineId : null,
    page,
    item: (known && item) || null,
    tab: (known && item && tab) || null,
  };
  return { route, namesEngine: namesEngine || !hasEngine(page) };
}

export const routeFromHash = (hash: string): Route => parseHash(hash).route;

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function hashFor(route: { engineId?: string | null; page: PageId; item?: string | null; tab?: string | null }): string {
  const segments: string[] = [];
  if (hasEngine(route.page)) {
    if (route.engineId) segments.push('e', encodeURIComponent(route.engineId));
    else segments.push('all');
  }
  segments.push(route.page);
  if (route.item) segments.push(encodeURIComponent(route.item));
  if (route.item && route.tab) segments.push(encodeURIComponent(route.tab));
  return `#/${segments.join('/')}`;
}

/** The engine an old link (`#/containers/<id>`, from before routes named engines) means: local, else the only one. */
export function legacyEngine(engineIds: readonly string[] | null): string {
  if (!engineIds || engineIds.includes('local') || engineIds.length !== 1) return 'local';
  return engineIds[0]!;
}

/**
 * The route to show for a hash. One that names its engine (or "all") is taken as it is. An old link, or an empty
 * hash, gets one: an object goes to local (or the only engine); a list opens the scope the user last chose
 * (`remembered`: an engine id, null for every engine, undefined when never chosen) while it exists, else local.
 * @param engineIds the configured engines, or null before Berth has said which exist
 */
export function resolveRoute(hash: string, engineIds: readonly string[] | null, remembered: string | null | undefined): Route {
  const { route, namesEngine } = parseHash(hash);
  if (namesEngine) return route;
  if (route.item) return { ...route, engineId: legacyEngine(engineIds) };
  if (remembered === null) return route;
  if (remembered !== undefined && (!engineIds || engineIds.includes(remembered))) return { ...route, engineId: remembered };
  return { ...route, engineId: legacyEngine(engineIds) };
}
