import { SpriteIcon } from '../../components/SpriteIcon';
import { useContainers } from '../../data/containers';
import { useNavigation } from '../../stores/navigation-store';
import type { PageId } from '../../shell/pages';
import { MERGED_LOGS_ITEM, mergedParam, type MergedRef } from './merged-logs';
import '../../logs/logs.css';
import { compareNatural } from '../../format/natural-compare';

/** Where merged logs were opened from, so the breadcrumb names it and Back returns there (a stack, not the list). */
export interface MergedLogsOrigin {
  /** What the back button says, e.g. the stack's name. */
  label: string;
  page: PageId;
  engineId: string | null;
  item: string | null;
  tab: string | null;
}
let origin: { ids: string; from: MergedLogsOrigin } | null = null;

/** The origin of the merged logs of `ids` (the route parameter), when they were opened from somewhere named. */
export function mergedLogsOrigin(ids: string | null): MergedLogsOrigin | null {
  return origin && origin.ids === ids ? origin.from : null;
}

/**
 * Opens the merged logs of the given containers (a selection, possibly over several engines: each one's logs come
 * from its own engine). `from` names the place it is opened from (a stack); without it the logs belong to the list.
 */
export function openMergedLogs(refs: readonly MergedRef[], from?: { label: string }): void {
  const first = refs[0];
  if (!first) return;
  const nav = useNavigation.getState();
  const param = mergedParam(refs, first.engineId);
  origin = from ? { ids: param, from: { label: from.label, page: nav.page, engineId: nav.engineId, item: nav.item, tab: nav.tab } } : null;
  nav.open(MERGED_LOGS_ITEM, param, 'containers', first.engineId);
}

/** "Logs" in a compose project's group header: every container of the project on that engine, merged. */
export function GroupLogsButton({ engineId, project }: { engineId: string; project: string }) {
  return (
    <button
      type="button"
      className="btn group-logs-btn"
      aria-label={`Logs of ${project}`}
      title={`Logs of every container of ${project}, merged by time`}
      onClick={(e) => {
        e.stopPropagation();
        const items = useContainers.getState().byEngine.get(engineId)?.items;
        const refs = [...(items?.values() ?? [])]
          .filter((c) => c.compose?.project === project)
          .sort((a, b) => compareNatural(a.name, b.name))
          .map((c) => ({ engineId: c.engineId, id: c.id }));
        openMergedLogs(refs);
      }}
    >
      <SpriteIcon name="scroll-text" size={13} />
      Logs
    </button>
  );
}
