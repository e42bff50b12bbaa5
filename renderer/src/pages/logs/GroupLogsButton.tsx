import { ScrollText } from 'lucide-react';
import { useContainersStore } from '../containers/containers-store';
import { useNavigation } from '../../stores/navigation-store';
import { MERGED_LOGS_ITEM } from './merged-logs';
import '../../logs/logs.css';

/** Opens the merged logs of the given containers (a selection). */
export function openMergedLogs(ids: readonly string[]): void {
  if (ids.length > 0) useNavigation.getState().open(MERGED_LOGS_ITEM, ids.slice(0, 64).join(','), 'containers');
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
