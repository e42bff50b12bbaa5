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
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return PAGES.find((p) => p.id === id)?.id ?? 'containers';
}

/** A route inside a page: `#/containers/<id>/<tab>` opens one container's detail on a tab. */
export interface Route {
  page: PageId;
  /** e.g. a container id */
  item: string | null;
  /** e.g. a detail tab id */
  tab: string | null;
}

export function routeFromHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('?')[0]!.split('/').map(decodeURIComponent);
  const page = pageFromHash(hash);
  const samePage = parts[0] === page;
  return { page, item: (samePage && parts[1]) || null, tab: (samePage && parts[2]) || null };
}

export function hashFor(route: { page: PageId; item?: string | null; tab?: string | null }): string {
  const segments: string[] = [route.page];
  if (route.item) segments.push(encodeURIComponent(route.item));
  if (route.item && route.tab) segments.push(encodeURIComponent(route.tab));
  return `#/${segments.join('/')}`;
}
