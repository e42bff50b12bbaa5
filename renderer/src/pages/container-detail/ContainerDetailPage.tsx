import { ChevronLeft } from 'lucide-react';
import { Suspense, useState } from 'react';
import type { ContainerSummary } from '../../../../preload/contract';
import '../../components/page.css';
import { useNavigation } from '../../stores/navigation-store';
import { HealthBadge, StateBadge } from '../containers/ContainerCells';
import { usePendingActions } from '../containers/container-actions';
import { findContainer, useContainers } from '../../data/containers';
import { objectKey } from '../../data/keyed';
import { statusOf, twinOf, useEngines } from '../../data/engines';
import { useEngineNames, useShowsEngines } from '../../data/scope';
import { RemoveContainerDialog } from '../containers/RemoveContainerDialog';
import { RowActions } from '../containers/RowActions';
import { DETAIL_TABS, tabById } from './detail-tabs';
import './container-detail.css';

/** One container of one engine: a header with its state and actions, and tabs (`#/e/<engine>/containers/<id>/<tab>`). */
export function ContainerDetailPage({ engineId, id }: { engineId: string; id: string }) {
  const container = useContainers((s) => findContainer(s.byEngine, engineId, id));
  const loaded = useContainers((s) => s.byEngine.get(engineId)?.loaded ?? false);
  // Back goes to the list the user came from: with every engine listed, the detail names the container's engine;
  // so does a twin's (another route to a daemon another engine lists), whose lists are its own.
  const isTwin = useEngines((s) => !!twinOf(statusOf(s.statuses, engineId)));
  const showsEngines = useShowsEngines(null) || isTwin;
  const engineName = useEngineNames().get(engineId) ?? engineId;
  const tabId = useNavigation((s) => s.tab);
  const open = useNavigation((s) => s.open);
  const close = useNavigation((s) => s.close);
  const pending = usePendingActions((s) => (container ? s.pending.get(objectKey(container.engineId, container.id)) : undefined));
  const [removing, setRemoving] = useState<ContainerSummary | null>(null);
  const tab = tabById(tabId);

  const back = (
    <button type="button" className="detail-back" onClick={close}>
      <ChevronLeft size={16} aria-hidden />
      Containers
    </button>
  );

  if (!container) {
    return (
      <div className="page">
        <header className="page-header detail-header">{back}</header>
        <div className="page-center" data-testid="container-gone">
          <h2>{loaded ? 'This container no longer exists' : 'Loading…'}</h2>
          {loaded && <p>It may have been removed, here or outside Berth.</p>}
        </div>
      </div>
    );
  }

  const Tab = tab.component;
  return (
    <div className="page container-detail" data-testid="container-detail" data-container-name={container.name} data-state={container.state}>
      <header className="page-header detail-header">
        {back}
        <span className="detail-sep" aria-hidden>
          /
        </span>
        <h1 title={container.id}>{container.name}</h1>
        <StateBadge state={container.state} />
        {container.health && <HealthBadge health={container.health} />}
        <span className="detail-image muted" title={container.image}>
          {container.image}
        </span>
        {showsEngines && (
          <span className="engine-tag" data-testid="detail-engine" title={`On the engine ${engineName}`}>
            {engineName}
          </span>
        )}
        <div className="detail-actions">
          <RowActions container={container} pending={pending} onRemove={setRemoving} />
        </div>
      </header>
      <nav className="detail-tabs" role="tablist" aria-label="Container views">
        {DETAIL_TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={t.id === tab.id}
            className={`detail-tab${t.id === tab.id ? ' active' : ''}`}
            onClick={() => open(container.id, t.id, 'containers', container.engineId)}
          >
            {t.label}
          </button>
        ))}
      </nav>
      <section className="detail-body" role="tabpanel" aria-label={tab.label}>
        <Suspense fallback={<p className="muted detail-loading">Loading…</p>}>
          <Tab container={container} />
        </Suspense>
      </section>
      <RemoveContainerDialog
        container={removing}
        onClose={() => {
          setRemoving(null);
        }}
      />
    </div>
  );
}
