import type { DetailTabProps } from '../detail-tabs';
import { UpcomingTab } from './UpcomingTab';

export function LogsTab(_props: DetailTabProps) {
  return <UpcomingTab what="Logs" trackedIn="issue #4" />;
}
