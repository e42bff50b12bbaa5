import { type ComponentType } from 'react';
import type { ContainerSummary } from '../../../../preload/contract';
import { lazyChunk } from '../../shell/chunk-load';
import { ChangesTab } from './tabs/ChangesTab';
import { FilesTab } from './tabs/FilesTab';
import { InspectTab } from './tabs/InspectTab';
import { LogsTab } from './tabs/LogsTab';
import { OverviewTab } from './tabs/OverviewTab';
import { ProcessesTab } from './tabs/ProcessesTab';
import { TerminalTab } from './tabs/TerminalTab';

export interface DetailTabProps {
  container: ContainerSummary;
}

export interface DetailTab {
  id: string;
  label: string;
  component: ComponentType<DetailTabProps>;
  /** Tabs that only make sense while the container runs (a shell, live processes). */
  needsRunning?: boolean;
}

/** The charts library (uPlot) loads with the Stats tab, not with the first screen. */
const StatsTab = lazyChunk(() => import('./tabs/StatsTab').then((m) => ({ default: m.StatsTab })));

/** The container detail's tabs, left to right. Adding a tab = one file in tabs/ + one entry here. */
export const DETAIL_TABS: readonly DetailTab[] = [
  { id: 'overview', label: 'Overview', component: OverviewTab },
  { id: 'logs', label: 'Logs', component: LogsTab },
  { id: 'stats', label: 'Stats', component: StatsTab },
  { id: 'terminal', label: 'Terminal', component: TerminalTab },
  { id: 'inspect', label: 'Inspect', component: InspectTab },
  { id: 'files', label: 'Files', component: FilesTab },
  { id: 'changes', label: 'Changes', component: ChangesTab },
  { id: 'processes', label: 'Processes', component: ProcessesTab },
];

export function tabById(id: string | null): DetailTab {
  return DETAIL_TABS.find((t) => t.id === id) ?? DETAIL_TABS[0]!;
}
