import { Archive, Copy, FolderOpen, HardDrive, Plus, RefreshCw, RotateCcw, Trash2, Eraser } from 'lucide-react';
import { EngineTag } from '../../components/EngineTag';
import { FilterBox } from '../../components/FilterBox';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { VolumeSummary } from '../../../../preload/contract';
import '../../components/page.css';
import './resources.css';
import { formatBytes } from '../../format/bytes';
import { HelperImageNotice } from './HelperImageSetting';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { filterRows, sortRows, toggleSort, type SortState } from '../../components/list-rows';
import { withKey } from '../../keymap/keymap';
import { VolumeBrowser } from './VolumeBrowser';
import { VolumeDialogs } from './VolumeDialogs';
import { closeVolumeDialog, openVolumeDialog, useVolumeDialogs } from './volume-dialogs-store';
import { measureVolumes, useVolumes } from '../../data/volumes';
import { need } from '../../data/sync';
import { itemsInScope, objectKey, scopeState, splitObjectKey } from '../../data/keyed';
import { groupByEngine } from '../../data/engine-sections';
import { useEnabledEngines, useEngineNames, usePageEngine, useScopeEngines, useShowsEngines } from '../../data/scope';
import { PageHeader } from '../../components/PageHeader';
import { MiddleEllipsisText } from '../../components/MiddleEllipsis';
import { countOf } from '../../format/count';

type SortKey = 'name' | 'driver' | 'size' | 'users' | 'project';

export function VolumesPage() {
  const scope = usePageEngine();
  const scopeEngines = useScopeEngines(scope);
  const connectedKey = scopeEngines.filter((s) => s.state === 'connected').map((s) => s.engineId).join(',');
  // Followed for the window's life once asked for, so coming back shows the list at once.
  useEffect(() => void need('volumes'), []);
  useEffect(() => void measureVolumes(connectedKey ? connectedKey.split(',') : []), [connectedKey]);
  const byEngine = useVolumes((s) => s.byEngine);
  const state = scopeState(byEngine, scope);
  const all = useMemo(() => itemsInScope(byEngine, scope), [byEngine, scope]);
  const volumes = state.loaded ? all : null;
  const error = state.error;
  const sizes = useVolumes((s) => s.sizes);
  const measuring = useVolumes((s) => s.measuring);
  const showsEngines = useShowsEngines(scope);
  const enabled = useEnabledEngines();
  const names = useEngineNames();
  const [filter, setFilter] = useState('');
  const [sort, setSort] = useState<SortState<SortKey>>({ key: 'name', dir: 'asc' });
  const dialog = useVolumeDialogs((s) => s.dialog);
  // A dialog belongs to the visit: leaving the page closes it, as it did when the page held it.
  useEffect(() => closeVolumeDialog, []);
  const [browsing, setBrowsing] = useState<string | null>(null);
  const browse = useCallback((v: VolumeSummary) => setBrowsing(objectKey(v.engineId, v.name)), []);

  // Sorted once per list, sizes and order; a filter keystroke then only filters (1,000 volumes).
  const sorted = useMemo(
    () => sortRows(volumes ?? [], sort, (v, k) => (k === 'size' ? (sizes.get(v.engineId)?.[v.name] ?? null) : k === 'users' ? v.usedBy.length : k === 'project' ? (v.composeProject ?? '') : v[k]), (v) => v.name),
    [volumes, sort, sizes],
  );
  const shown = useMemo(() => filterRows(sorted, filter, (v) => `${v.name} ${v.driver} ${v.composeProject ?? ''} ${v.usedBy.map((u) => u.name).join(' ')}`), [sorted, filter]);
  const rows = useMemo(
    () => (showsEngines ? groupByEngine(shown, (v) => v.engineId, enabled.map((s) => s.engineId), names, (list) => list) : shown),
    [shown, showsEngines, enabled, names],
  );

  // The same columns until the sizes or the engines shown change: rows an update did not touch are not rendered again.
  const columns = useMemo((): ListColumn<VolumeSummary, SortKey>[] => [
    {
      id: 'name',
      label: 'Name',
      width: 'minmax(220px, 2.2fr)',
      sortKey: 'name',
      cell: (v) => (
        <span className="cell-main" title={v.name}>
          {v.anonymous ? <span className="cell-title">{`${v.name.slice(0, 12)}…`}</span> : <MiddleEllipsisText text={v.name} className="cell-title" />}
          {v.anonymous && <span className="badge tone-neutral">anonymous</span>}
          {showsEngines && <EngineTag name={names.get(v.engineId) ?? v.engineId} />}
        </span>
      ),
    },
    { id: 'driver', label: 'Driver', width: '80px', sortKey: 'driver', cell: (v) => v.driver },
    { id: 'size', label: 'Size', width: '90px', sortKey: 'size', numeric: true, cell: (v) => {
        const size = sizes.get(v.engineId)?.[v.name];
        return size !== undefined ? formatBytes(size) : <span className="muted">{sizes.has(v.engineId) ? '—' : '…'}</span>;
      } },
    {
      id: 'users',
      label: 'Used by',
      width: 'minmax(160px, 1.6fr)',
      sortKey: 'users',
      cell: (v) =>
        v.usedBy.length === 0 ? (
          <span className="muted">unused</span>
        ) : (
          <span className="cell-ellipsis" title={v.usedBy.map((u) => `${u.name} (${u.destination})`).join('\n')}>
            {v.usedBy.map((u) => (
              <span key={u.id} className={`user-chip${u.running ? ' running' : ''}`}>{u.name}</span>
            ))}
          </span>
        ),
    },
    { id: 'project', label: 'Project', width: 'minmax(110px, 1fr)', sortKey: 'project', cell: (v) => v.composeProject ?? <span className="muted">—</span> },
    { id: 'mountpoint', label: 'Mountpoint', width: 'minmax(140px, 1.4fr)', cell: (v) => <span className="mono muted cell-ellipsis" title={v.mountpoint}>{v.mountpoint}</span> },
    {
      id: 'actions',
      label: 'Actions',
      hideLabel: true,
      width: '150px',
      deferWhileFlung: true,
      cell: (v) => (
        <span className="row-actions" onClick={(e) => e.stopPropagation()}>
          <button type="button" className="icon-btn" aria-label={`Browse ${v.name}`} title={withKey('Browse files', 'volume.browse')} onClick={() => browse(v)}><FolderOpen size={15} /></button>
          <button type="button" className="icon-btn" aria-label={`Back up ${v.name}`} title={withKey('Back up to .tar.gz', 'volume.backup')} onClick={() => openVolumeDialog({ kind: 'backup', volume: v })}><Archive size={15} /></button>
          <button type="button" className="icon-btn" aria-label={`Restore into ${v.name}`} title="Restore a backup into it" onClick={() => openVolumeDialog({ kind: 'restore', volume: v })}><RotateCcw size={15} /></button>
          <button type="button" className="icon-btn" aria-label={`Clone ${v.name}`} title="Clone" onClick={() => openVolumeDialog({ kind: 'clone', volume: v })}><Copy size={15} /></button>
          <button type="button" className="icon-btn danger" aria-label={`Remove ${v.name}`} title={withKey('Remove', 'volume.remove')} onClick={() => openVolumeDialog({ kind: 'remove', volume: v })}><Trash2 size={15} /></button>
        </span>
      ),
    },
  ], [sizes, showsEngines, names, browse]);

  const unused = (volumes ?? []).filter((v) => v.usedBy.length === 0).length;
  return (
    <div className="page">
      <PageHeader title="Volumes">
        {volumes && (
          <span className="page-count" data-testid="volume-count" data-total={volumes.length}>
            {countOf(volumes.length, 'volume')} · {unused} unused
          </span>
        )}
        <span className="toolbar-spacer" />
        <button type="button" className="btn" onClick={() => openVolumeDialog({ kind: 'restore' })}><RotateCcw size={14} /> Restore backup</button>
        <button type="button" className="btn" onClick={() => openVolumeDialog({ kind: 'prune' })}><Eraser size={14} /> Prune…</button>
        <button type="button" className="btn btn-primary" onClick={() => openVolumeDialog({ kind: 'create' })}><Plus size={14} /> New volume</button>
      </PageHeader>
      <div className="resource-toolbar">
        <FilterBox value={filter} onChange={setFilter} placeholder="Filter: name, driver, project, container" label="Filter volumes" />
        <button type="button" className="btn" onClick={() => void measureVolumes(connectedKey ? connectedKey.split(',') : [])} disabled={measuring} title="Sizes come from docker system df">
          <RefreshCw size={14} className={measuring ? 'spin' : undefined} /> {measuring ? 'Measuring…' : 'Measure sizes'}
        </button>
        <HelperImageNotice />
      </div>
      <div className={`resource-split${browsing ? ' with-panel' : ''}`}>
        {error && !volumes ? (
          <div className="page-center"><p role="alert">{error}</p></div>
        ) : volumes && volumes.length === 0 ? (
          <div className="page-center">
            <HardDrive size={36} className="page-center-icon" />
            <h2>No volumes</h2>
            <p>Volumes keep data that outlives containers. Create one, or restore a backup.</p>
          </div>
        ) : (
          <ListTable
            label="Volumes"
            rows={rows}
            filter={filter}
            columns={columns}
            rowKey={(v) => objectKey(v.engineId, v.name)}
            rowProps={(v) => ({ 'data-testid': 'volume-row', 'data-volume-name': v.name, 'data-engine': v.engineId })}
            sort={sort}
            onSort={(k) => setSort((s) => toggleSort(s, k))}
            openKey={browsing}
            rowShortcuts={{
              'volume.browse': browse,
              'volume.backup': (v) => openVolumeDialog({ kind: 'backup', volume: v }),
              'volume.remove': (v) => openVolumeDialog({ kind: 'remove', volume: v }),
            }}
          />
        )}
        {browsing && <VolumeBrowser key={browsing} engineId={splitObjectKey(browsing).engineId} volume={splitObjectKey(browsing).id} onClose={() => setBrowsing(null)} />}
      </div>
      <VolumeDialogs dialog={dialog} sizes={sizes} onClose={closeVolumeDialog} onOpen={openVolumeDialog} />
    </div>
  );
}
