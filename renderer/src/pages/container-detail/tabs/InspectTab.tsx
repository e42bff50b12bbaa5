import type { DetailTabProps } from '../detail-tabs';
import { UpcomingTab } from './UpcomingTab';

export function InspectTab(_props: DetailTabProps) {
  return <UpcomingTab what="Inspect views" trackedIn="issue #3" />;
}
