import { Boxes, Container, HardDrive, Layers, Network, ScrollText, Settings, type LucideIcon } from 'lucide-react';

export type PageId = 'containers' | 'images' | 'volumes' | 'networks' | 'stacks' | 'events' | 'settings';

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
  { id: 'stacks', label: 'Stacks', icon: Boxes },
  { id: 'events', label: 'Events', icon: ScrollText },
  { id: 'settings', label: 'Settings', icon: Settings },
];

export function pageFromHash(hash: string): PageId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0];
  return PAGES.find((p) => p.id === id)?.id ?? 'containers';
}
