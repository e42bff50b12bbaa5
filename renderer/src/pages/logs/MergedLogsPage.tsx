import { ChevronLeft } from 'lucide-react';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import '../../components/page.css';
import { useContainers } from '../../data/containers';
import { LogViewer } from '../../logs/LogViewer';
import { useNavigation } from '../../stores/navigation-store';
import { mergedLogsOrigin } from './GroupLogsButton';
import { mergedLabels, mergedTitle, parseMergedIds } from './merged-logs';
import '../container-detail/container-detail.css';

/** Logs of several containers (a compose project, a selection) in one time-ordered view, each from its own engine. */
export function MergedLogsPage({ engineId, ids: idsParam }: { engineId: string; ids: string | null }) {
  const refs = useMemo(() => parseMergedIds(idsParam, engineId), [idsParam, engineId]);
  const ids = useMemo(() => refs.map((r) => r.id), [refs]);
  const engineOf = useMemo(() => new Map(refs.map((r) => [r.id, r.engineId])), [refs]);
  const close = useNavigation((s) => s.close);
  const open = useNavigation((s) => s.open);
  const go = useNavigation((s) => s.go);
  const from = mergedLogsOrigin(idsParam);
  const back = () => {
    if (!from) close();
    else if (from.item) open(from.item, from.tab, from.page, from.engineId);
    else go(from.page);
  };
  const containers = useContainers(useShallow((s) => refs.map((r) => s.byEngine.get(r.engineId)?.items.get(r.id))));
  const labels = useMemo(() => mergedLabels(containers, ids), [containers, ids]);
  const title = mergedTitle(containers);
  return (
    <div className="page container-detail" data-testid="merged-logs">
      <header className="page-header detail-header">
        <button type="button" className="detail-back" onClick={back} data-testid="merged-logs-back">
          <ChevronLeft size={16} aria-hidden />
          {from ? from.label : 'Containers'}
        </button>
        <span className="detail-sep" aria-hidden>
          /
        </span>
        <h1>{from ? 'Logs' : `Logs · ${title}`}</h1>
        <span className="muted">{ids.length} containers, merged by time</span>
      </header>
      {ids.length === 0 ? (
        <div className="page-center">
          <h2>No containers chosen</h2>
        </div>
      ) : (
        <div className="detail-body">
          <LogViewer containerIds={ids} engineId={engineId} engineOf={engineOf} labels={labels} name={`${title}-logs`} />
        </div>
      )}
    </div>
  );
}
