import { ScrollText } from 'lucide-react';
import { useContainersStore } from '../containers/containers-store';
import { useNavigation } from '../../stores/navigation-store';
import type { PageId } from '../../shell/pages';
import { MERGED_LOGS_ITEM } from './merged-logs';
import '../../logs/logs.css';

/** Where merged logs were opened from, so the breadcrumb names it and Back returns there (a stack, not the list). */
export interface MergedLogsOrigin {
  /** What the back button says, e.g. the stack's name. */
  label: string;
  page: PageId;
  item: string | null;
  tab: string | null;
}
let origin: { ids: string; from: MergedLogsOrigin } | null = null;

/** The origin of the merged logs of `ids` (the route parameter), when they were opened from somewhere named. */
export function mergedLogsOrigin(ids: string | null): MergedLogsOrigin | null {
  return origin && origin.ids === ids ? origin.from : null;
}

/**
 * Opens the merged logs of the given containers (a selection). `from` names the place it is opened from (a stack);
 * without it the logs belong to the containers list.
 */
export function openMergedLogs(ids: readonly string[], from?: { label: string }): void {
  if (ids.length === 0) return;
  const nav = useNavigation.getState();
  const param = ids.slice(0, 64).join(',');
  origin = from ? { ids: param, from: { label: from.label, page: nav.page, item: nav.item, tab: nav.tab } } : null;
  nav.open(MERGED_LOGS_ITEM, param, 'containers');
}

/** "Logs" in a compose project's group header: every container of the project, merged. */
export function GroupLogsButton({ project }: { project: string }) {
  return (
    <button
      type="button"
      className="btn group-logs-btn"
      aria-label={`Logs of ${project}`}
      title={`Logs of every container of ${project}, merged by time`}
      onClick={(e) => {
        e.stopPropagation();
        const ids = [...useContainersStore.getState().containers.values()]
          .filter((c) => c.compose?.project === project)
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((c) => c.id);
        openMergedLogs(ids);
      }}
    >
      <ScrollText size={13} aria-hidden />
      Logs
    </button>
  );
}
