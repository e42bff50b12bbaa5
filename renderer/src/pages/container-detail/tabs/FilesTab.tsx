import type { DetailTabProps } from '../detail-tabs';
import { UpcomingTab } from './UpcomingTab';

export function FilesTab(_props: DetailTabProps) {
  return <UpcomingTab what="File browsing" trackedIn="issue #3" />;
}
