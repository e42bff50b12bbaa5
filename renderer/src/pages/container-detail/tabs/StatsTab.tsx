import type { DetailTabProps } from '../detail-tabs';
import { UpcomingTab } from './UpcomingTab';

export function StatsTab(_props: DetailTabProps) {
  return <UpcomingTab what="Live stats" trackedIn="issue #4" />;
}
