import type { DetailTabProps } from '../detail-tabs';
import { UpcomingTab } from './UpcomingTab';

export function TerminalTab(_props: DetailTabProps) {
  return <UpcomingTab what="Terminals" trackedIn="issue #5" />;
}
