import type { ComponentType } from 'react';
import { ToastViewport } from './components/ToastViewport';
import { ContainerDialogs } from './pages/containers/ContainerDialogs';
import { ContainerDetailPage } from './pages/container-detail/ContainerDetailPage';
import { ContainersPage } from './pages/containers/ContainersPage';
import { MergedLogsPage } from './pages/logs/MergedLogsPage';
import { MERGED_LOGS_ITEM } from './pages/logs/merged-logs';
import { SettingsPage } from './pages/settings/SettingsPage';
import { EventsPage } from './pages/events/EventsPage';
import { ImagesPage } from './pages/images/ImagesPage';
import { VolumesPage } from './pages/volumes/VolumesPage';
import { NetworksPage } from './pages/networks/NetworksPage';
import { DiskPage } from './pages/disk/DiskPage';
import { StacksPage } from './pages/stacks/StacksPage';
import { ConnectionBanners } from './shell/ConnectionBanners';
import type { PageId } from './shell/pages';
import { Sidebar } from './shell/Sidebar';
import { useNavigation } from './stores/navigation-store';
import { TerminalPanel } from './terminal/TerminalPanel';
import './shell/app-shell.css';

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
  const Page = PAGE_COMPONENTS[page];
  return (
    <div className="app-shell">
      <Sidebar />
      <main className="app-main">
        <ConnectionBanners />
        {page === 'containers' && item === MERGED_LOGS_ITEM ? (
          <MergedLogsPage ids={tab} />
        ) : page === 'containers' && item ? (
          <ContainerDetailPage id={item} />
        ) : (
          <Page />
        )}
        <TerminalPanel />
      </main>
      <ContainerDialogs />
      <ToastViewport />
    </div>
  );
}
