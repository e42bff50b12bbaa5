import { Eraser, Link2, Network, Plus, Trash2, Unlink } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import type { NetworkSummary } from '../../../../preload/contract';
import '../../components/page.css';
import { EngineTag } from '../../components/EngineTag';
import { FilterBox } from '../../components/FilterBox';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { filterRows, sortRows, toggleSort, type SortState } from '../../components/list-rows';
import { withKey } from '../../keymap/keymap';
import { NetworkDialogs } from './NetworkDialogs';
import { closeNetworkDialog, openNetworkDialog, useNetworkDialogs } from './network-dialogs-store';
import { useNetworks } from '../../data/networks';
import { need } from '../../data/sync';
import { itemsInScope, objectKey, scopeState } from '../../data/keyed';
import { groupByEngine } from '../../data/engine-sections';
import { useEnabledEngines, useEngineNames, usePageEngine, useShowsEngines } from '../../data/scope';
import { PageHeader } from '../../components/PageHeader';
import { MiddleEllipsisText } from '../../components/MiddleEllipsis';
import { countOf } from '../../format/count';
import '../volumes/resources.css';

type SortKey = 'name' | 'driver' | 'scope' | 'containers';

/** host and none take no containers by connecting. */
const connectable = (n: NetworkSummary) => n.name !== 'host' && n.name !== 'none';

export function NetworksPage() {
  // Followed for the window's life once asked for, so coming back shows the list at once.
  useEffect(() => void need('networks'), []);
  const scope = usePageEngine();
  const byEngine = useNetworks((s) => s.byEngine);
  const state = scopeState(byEngine, scope);
  const all = useMemo(() => itemsInScope(byEngine, scope), [byEngine, scope]);
  const networks = state.loaded ? all : null;
  const error = state.error;
  const showsEngines = useShowsEngines(scope);
  const enabled = useEnabledEngines();
  const names = useEngineNames();
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortState<SortKey>>({ key: 'name', dir: 'asc' });
  const dialog = useNetworkDialogs((s) => s.dialog);
  // A dialog belongs to the visit: leaving the page closes it, as it did when the page held it.
  useEffect(() => closeNetworkDialog, []);

  const rows = useMemo(() => {
    const rowsOf = (list: readonly NetworkSummary[]) =>
      sortRows(
        filterRows(list, filter, (n) => `${n.name} ${n.driver} ${n.composeProject ?? ''} ${n.subnets.map((s) => s.subnet).join(' ')} ${n.containers.map((c) => c.containerName).join(' ')}`),
        sort,
        (n, k) => (k === 'containers' ? n.containers.length : n[k]),
        (n) => n.name,
      );
    if (!showsEngines) return rowsOf(networks ?? []);
    return groupByEngine(networks ?? [], (n) => n.engineId, enabled.map((s) => s.engineId), names, rowsOf);
  }, [networks, filter, sort, showsEngines, enabled, names]);

  const columns: ListColumn<NetworkSummary, SortKey>[] = [
    {
      id: 'name',
      label: 'Name',
      width: 'minmax(200px, 1.8fr)',
      sortKey: 'name',
      cell: (n) => (
        <span className="cell-main" title={n.name}>
          <MiddleEllipsisText text={n.name} className="cell-title" />
          {n.builtIn && <span className="badge tone-neutral">built-in</span>}
          {n.internal && <span className="badge tone-warning">internal</span>}
          {showsEngines && <EngineTag name={names.get(n.engineId) ?? n.engineId} />}
        </span>
      ),
    },
    { id: 'driver', label: 'Driver', width: '80px', sortKey: 'driver', cell: (n) => n.driver },
    { id: 'scope', label: 'Scope', width: '64px', sortKey: 'scope', cell: (n) => n.scope },
    {
      id: 'subnet',
      label: 'Subnet · gateway',
      width: 'minmax(210px, 1.4fr)',
      cell: (n) => (n.subnets.length ? <span className="mono">{n.subnets.map((s) => `${s.subnet}${s.gateway ? ` · ${s.gateway}` : ''}`).join(', ')}</span> : <span className="muted">—</span>),
    },
    {
      id: 'containers',
      label: 'Containers',
      width: 'minmax(160px, 1.6fr)',
      sortKey: 'containers',
      cell: (n) =>
        n.containers.length === 0 ? (
          <span className="muted">none</span>
        ) : (
          <span className="cell-ellipsis" title={n.containers.map((c) => `${c.containerName} ${c.ipv4}`).join('\n')}>
            {n.containers.map((c) => <span key={c.containerId} className="user-chip">{c.containerName}</span>)}
          </span>
        ),
    },
    { id: 'project', label: 'Project', width: 'minmax(90px, 0.8fr)', cell: (n) => n.composeProject ?? <span className="muted">—</span> },
    {
      id: 'actions',
      label: 'Actions',
      hideLabel: true,
      width: '100px',
      deferWhileFlung: true,
      cell: (n) => (
        <span className="row-actions">
          <button type="button" className="icon-btn" aria-label={`Connect a container to ${n.name}`} title={withKey('Connect a container', 'network.connect')} disabled={!connectable(n)} onClick={() => openNetworkDialog({ kind: 'connect', network: n })}><Link2 size={15} /></button>
          <button type="button" className="icon-btn" aria-label={`Disconnect a container from ${n.name}`} title="Disconnect a container" disabled={n.containers.length === 0} onClick={() => openNetworkDialog({ kind: 'disconnect', network: n })}><Unlink size={15} /></button>
          <button type="button" className="icon-btn danger" aria-label={`Remove ${n.name}`} title={n.builtIn ? 'Built-in: cannot be removed' : withKey('Remove', 'network.remove')} disabled={n.builtIn} onClick={() => openNetworkDialog({ kind: 'remove', network: n })}><Trash2 size={15} /></button>
        </span>
      ),
    },
  ];

  return (
    <div className="page">
      <PageHeader title="Networks">
        {networks && <span className="page-count" data-testid="network-count">{countOf(networks.length, 'network')}</span>}
        <span className="toolbar-spacer" />
        <button type="button" className="btn" onClick={() => openNetworkDialog({ kind: 'prune' })}><Eraser size={14} /> Prune…</button>
        <button type="button" className="btn btn-primary" onClick={() => openNetworkDialog({ kind: 'create' })}><Plus size={14} /> New network</button>
      </PageHeader>
      <div className="resource-toolbar">
        <FilterBox value={filter} onChange={setFilter} placeholder="Filter: name, driver, subnet, container" label="Filter networks" />
      </div>
      <div className="resource-split">
        {error && !networks ? (
          <div className="page-center"><p role="alert">{error}</p></div>
        ) : networks && rows.length === 0 && !filter ? (
          <div className="page-center"><Network size={36} className="page-center-icon" /><h2>No networks</h2></div>
        ) : (
          <ListTable
            label="Networks"
            rows={rows}
            filter={filter}
            columns={columns}
            rowKey={(n) => objectKey(n.engineId, n.id)}
            rowProps={(n) => ({ 'data-testid': 'network-row', 'data-network-name': n.name, 'data-engine': n.engineId })}
            sort={sort}
            onSort={(k) => setSort((s) => toggleSort(s, k))}
            rowShortcuts={{
              'network.connect': (n) => connectable(n) && openNetworkDialog({ kind: 'connect', network: n }),
              'network.remove': (n) => !n.builtIn && openNetworkDialog({ kind: 'remove', network: n }),
            }}
          />
        )}
      </div>
      <NetworkDialogs dialog={dialog} onClose={closeNetworkDialog} />
    </div>
  );
}
