import type { DetailTabProps } from '../detail-tabs';
import { UpcomingTab } from './UpcomingTab';

export function OverviewTab(_props: DetailTabProps) {
  return <UpcomingTab what="Container overviews (health checks, mounts, networks, restarts)" trackedIn="issue #3" />;
}
