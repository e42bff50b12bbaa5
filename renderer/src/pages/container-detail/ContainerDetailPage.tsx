import { ChevronLeft } from 'lucide-react';
import { Suspense, useState } from 'react';
import type { ContainerSummary } from '../../../../preload/contract';
import '../../components/page.css';
import { useNavigation } from '../../stores/navigation-store';
import { HealthBadge, StateBadge } from '../containers/ContainerCells';
import { usePendingActions } from '../containers/container-actions';
import { useContainersStore } from '../containers/containers-store';
import { RemoveContainerDialog } from '../containers/RemoveContainerDialog';
import { RowActions } from '../containers/RowActions';
import { DETAIL_TABS, tabById } from './detail-tabs';
import './container-detail.css';

/** One container: a header with its state and actions, and tabs (`#/containers/<id>/<tab>`). */
export function ContainerDetailPage({ id }: { id: string }) {
  const container = useContainersStore((s) => s.containers.get(id) ?? findByName(s.containers, id));
  const loaded = useContainersStore((s) => s.loaded);
  const tabId = useNavigation((s) => s.tab);
  const open = useNavigation((s) => s.open);
  const close = useNavigation((s) => s.close);
  const pending = usePendingActions((s) => (container ? s.pending.get(container.id) : undefined));
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
            onClick={() => open(container.id, t.id)}
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

function findByName(containers: ReadonlyMap<string, ContainerSummary>, idOrName: string): ContainerSummary | undefined {
  for (const c of containers.values()) if (c.name === idOrName || c.id.startsWith(idOrName)) return c;
  return undefined;
}
