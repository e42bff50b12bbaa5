import type { DetailTabProps } from '../detail-tabs';
import { UpcomingTab } from './UpcomingTab';

export function ProcessesTab(_props: DetailTabProps) {
  return <UpcomingTab what="Process lists" trackedIn="issue #3" />;
}
