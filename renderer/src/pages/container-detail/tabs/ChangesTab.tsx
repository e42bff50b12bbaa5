import type { DetailTabProps } from '../detail-tabs';
import { UpcomingTab } from './UpcomingTab';

export function ChangesTab(_props: DetailTabProps) {
  return <UpcomingTab what="Filesystem changes" trackedIn="issue #3" />;
}
