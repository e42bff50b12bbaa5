import { Suspense, type ComponentType } from 'react';
import { ToastViewport } from './components/ToastViewport';
import { IconSprite } from './components/SpriteIcon';
import { ContainerDialogs } from './pages/containers/ContainerDialogs';
import { ContainerDetailPage } from './pages/container-detail/ContainerDetailPage';
import { ContainersPage } from './pages/containers/ContainersPage';
import { MergedLogsPage } from './pages/logs/MergedLogsPage';
import { MERGED_LOGS_ITEM } from './pages/logs/merged-logs';
import { ConnectionBanners } from './shell/ConnectionBanners';
import type { PageId } from './shell/pages';
import { Sidebar } from './shell/Sidebar';
import { useNavigation } from './stores/navigation-store';
import { TerminalPanel } from './terminal/TerminalPanel';
import { PageErrorBoundary } from './shell/PageErrorBoundary';
import { EngineGone } from './shell/EngineGone';
import { engineEnabled, useEngines } from './data/engines';
import { CommandPalette } from './palette/CommandPalette';
import { GlobalShortcuts } from './keymap/GlobalShortcuts';
import { CopyImageDialogHost } from './pages/images/CopyImageDialog';
import { lazyChunk } from './shell/chunk-load';
import './shell/app-shell.css';

/**
 * Pages away from the containers flow load on first visit, so the first paint carries less. The container detail and
 * merged logs stay in the first bundle: they are where a click on the list goes, and must open without a fetch.
 */
const SettingsPage = lazyChunk(() => import('./pages/settings/SettingsPage').then((m) => ({ default: m.SettingsPage })));
const EventsPage = lazyChunk(() => import('./pages/events/EventsPage').then((m) => ({ default: m.EventsPage })));
const ImagesPage = lazyChunk(() => import('./pages/images/ImagesPage').then((m) => ({ default: m.ImagesPage })));
const VolumesPage = lazyChunk(() => import('./pages/volumes/VolumesPage').then((m) => ({ default: m.VolumesPage })));
const NetworksPage = lazyChunk(() => import('./pages/networks/NetworksPage').then((m) => ({ default: m.NetworksPage })));
const DiskPage = lazyChunk(() => import('./pages/disk/DiskPage').then((m) => ({ default: m.DiskPage })));
const StacksPage = lazyChunk(() => import('./pages/stacks/StacksPage').then((m) => ({ default: m.StacksPage })));

const PAGE_COMPONENTS: Record<PageId, ComponentType> = {
  containers: ContainersPage,
  images: ImagesPage,
  volumes: VolumesPage,
  networks: NetworksPage,
  disk: DiskPage,
  stacks: StacksPage,
  events: EventsPage,
  settings: SettingsPage,
};

export function App() {
  const page = useNavigation((s) => s.page);
  const item = useNavigation((s) => s.item);
  const tab = useNavigation((s) => s.tab);
  const engineId = useNavigation((s) => s.engineId);
  // Once main has said which engines exist, a route naming another one (removed, disabled) says so instead.
  const engineGone = useEngines((s) => s.known && engineId !== null && !s.statuses.some((e) => e.engineId === engineId && engineEnabled(e)));
  const Page = PAGE_COMPONENTS[page];
  return (
    <div className="app-shell">
      <Sidebar />
      <main className="app-main">
        <ConnectionBanners />
        <PageErrorBoundary key={`${engineId ?? ''}/${page}/${item ?? ''}`}>
          <Suspense fallback={<div className="page-center" role="status">Loading…</div>}>
            {engineGone && engineId ? (
              <EngineGone engineId={engineId} />
            ) : page === 'containers' && item === MERGED_LOGS_ITEM && engineId ? (
              <MergedLogsPage engineId={engineId} ids={tab} />
            ) : page === 'containers' && item && engineId ? (
              <ContainerDetailPage engineId={engineId} id={item} />
            ) : (
              <Page />
            )}
          </Suspense>
        </PageErrorBoundary>
        <TerminalPanel />
      </main>
      <ContainerDialogs />
      <CommandPalette />
      <GlobalShortcuts />
      <CopyImageDialogHost />
      <ToastViewport />
      <IconSprite />
    </div>
  );
}
