import { Plus } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ContainerSummary } from '../../../../preload/contract';
import { NoEngineScreen } from '../../engine/NoEngineScreen';
import { useEngineView } from '../../engine/use-engine-view';
import { useConnectionStale } from '../../shell/ConnectionBanners';
import { useContainers } from '../../data/containers';
import { useHeldWhileHidden } from '../../hooks/use-page-visible';
import { itemsInScope, scopeState } from '../../data/keyed';
import { useEngineNames, useEnabledEngines, usePageEngine, useShowsEngines } from '../../data/scope';
import { PageHeader } from '../../components/PageHeader';
import '../../components/list-table.css';
import { ListLoading } from '../../components/ListLoading';
import '../../components/page.css';
import { BulkBar } from './bulk/BulkBar';
import { openContainerDialog } from './container-dialogs-store';
import { ContainersToolbar } from './ContainersToolbar';
import { ContainerTable } from './ContainerTable';
import { EmptyContainers } from './EmptyContainers';
import { RemoveContainerDialog } from './RemoveContainerDialog';
import { buildContainerRows, prepareFilter } from './container-rows';
import { useContainerListView } from './container-list-view-store';
import './containers.css';

export function ContainersPage() {
  const scope = usePageEngine();
  const engineView = useEngineView();
  const stale = useConnectionStale();
  // Engine changes are not drawn while the page is hidden (the store stays current; one render catches up).
  const byEngine = useHeldWhileHidden(useContainers((s) => s.byEngine));
  const { loaded, error: streamError, count } = scopeState(byEngine, scope);
  const containers = useMemo(() => itemsInScope(byEngine, scope), [byEngine, scope]);
  const showsEngines = useShowsEngines(scope);
  const names = useEngineNames();
  const enabled = useEnabledEngines();
  const grouping = useMemo(
    () => (showsEngines ? { order: enabled.map((s) => s.engineId), names } : null),
    [showsEngines, enabled, names],
  );
  const view = useContainerListView(
    useShallow((s) => ({ filterText: s.filterText, stateFilter: s.stateFilter, healthFilter: s.healthFilter, sort: s.sort, collapsedGroups: s.collapsedGroups })),
  );
  const rows = useMemo(() => buildContainerRows(containers, view, grouping), [containers, view, grouping]);
  const { sort } = view;
  // The filter's strings, built in idle time a slice at a time: the first key need not build 5,000 of them, and the
  // list's first screen does not wait for them either.
  useEffect(() => {
    if (typeof window.requestIdleCallback !== 'function') return;
    let done = 0;
    let idle = 0;
    const step = (deadline: IdleDeadline) => {
      done = prepareFilter(containers, sort, done, () => deadline.timeRemaining() > 2);
      if (done < containers.length) idle = window.requestIdleCallback(step);
    };
    idle = window.requestIdleCallback(step);
    return () => window.cancelIdleCallback(idle);
  }, [containers, sort]);
  const [removing, setRemoving] = useState<ContainerSummary | null>(null);
  const running = useMemo(() => containers.filter((c) => c.state === 'running').length, [containers]);

  const body = (() => {
    if (engineView.kind === 'no-engine') return <NoEngineScreen status={engineView.status} />;
    if (engineView.kind === 'waiting') return <ListLoading what="containers" error={null} />;
    if (!loaded) return <ListLoading what="containers" error={streamError} />;
    if (count === 0) return <EmptyContainers />;
    if (rows.length === 0) {
      return (
        <div className="page-center" data-testid="containers-no-match">
          <h2>No containers match</h2>
          <p>Change the filter or the state to see more.</p>
        </div>
      );
    }
    return <ContainerTable rows={rows} stale={stale} engineNames={grouping ? names : null} onRemove={setRemoving} />;
  })();

  const showToolbar = engineView.kind !== 'no-engine' && loaded && count > 0;
  // The filters are there while the list loads too: `/` and what is typed after it must not fall through to shortcuts.
  const showFilters = showToolbar || (engineView.kind !== 'no-engine' && !loaded);

  const canRun = engineView.kind !== 'no-engine' && loaded;
  return (
    <div className={`page containers-page${grouping ? ' by-engine' : ''}`}>
      <PageHeader title="Containers">
        {showToolbar && (
          <span className="page-count" data-testid="container-count" data-total={count}>
            {running} running · {count} total
          </span>
        )}
        {/* The filters and Run… stay together: one line while they fit (the filter box gives way first), else a
            line of their own, never Run… alone. */}
        {(showFilters || canRun) && (
          <div className="containers-header-actions">
            {showFilters && <ContainersToolbar />}
            {canRun && (
              <button type="button" className="btn btn-primary run-button" onClick={() => openContainerDialog({ kind: 'run', mode: 'new', ...(scope ? { engineId: scope } : {}) })}>
                <Plus size={14} aria-hidden /> Run…
              </button>
            )}
          </div>
        )}
      </PageHeader>
      {showToolbar && <BulkBar />}
      {body}
      <RemoveContainerDialog container={removing} onClose={() => setRemoving(null)} />
    </div>
  );
}
