import { Boxes, FilePlus2, FolderOpen } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import '../../components/page.css';
import { FilterBox } from '../../components/FilterBox';
import { ListTable, type ListColumn } from '../../components/ListTable';
import type { EngineHeader } from '../../data/engine-sections';
import { useNavigation } from '../../stores/navigation-store';
import { useContainers } from '../../data/containers';
import { usePrimaryEngine } from '../../data/engines';
import { useEnabledEngines, useEngineNames, usePageEngine, useShowsEngines } from '../../data/scope';
import { PageHeader } from '../../components/PageHeader';
import { NewStackDialog, OpenStackDialog } from './StackDialogs';
import { closeStackDialog, openStackDialog, useStackDialogs } from './stack-dialogs-store';
import { StackView } from './StackView';
import { STATUS_LABEL, STATUS_TONE, stackRows, stackRowsByEngine, type EngineStacks, type StackRow } from './stack-rows';
import { useStacksStore } from './stacks-store';
import { followComposeWatches, useComposeWatches, watchActive, watchKey } from './compose-watch-store';
import { countOf } from '../../format/count';
import './stacks.css';

/**
 * `#/stacks`: every compose project (engine labels + remembered files), per engine when several are shown;
 * `#/e/<engine>/stacks/<file or project:name>` opens one on that engine.
 */
export function StacksPage() {
  const item = useNavigation((s) => s.item);
  const engineId = useNavigation((s) => s.engineId);
  const refresh = useStacksStore((s) => s.refresh);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return item && engineId ? <StackView engineId={engineId} stackKey={item} /> : <StackList />;
}

/** One engine's stacks: its compose projects joined with the remembered files. */
export function useStackRows(engineId: string): StackRow[] {
  const containers = useContainers((s) => s.byEngine.get(engineId)?.items);
  const remembered = useStacksStore(useShallow((s) => s.remembered));
  return useMemo(() => stackRows(containers?.values() ?? [], remembered), [containers, remembered]);
}

/** The stacks the list shows: one engine's, or each engine's under it (a file that runs nowhere under the primary). */
function useStackSections(): EngineStacks[] {
  const scope = usePageEngine();
  const enabled = useEnabledEngines();
  const primary = usePrimaryEngine()?.engineId ?? 'local';
  const byEngine = useContainers((s) => s.byEngine);
  const remembered = useStacksStore(useShallow((s) => s.remembered));
  return useMemo(() => {
    const containersOf = (id: string) => byEngine.get(id)?.items.values() ?? [];
    if (scope !== null) return [{ engineId: scope, rows: stackRows(containersOf(scope), remembered) }];
    if (enabled.length <= 1) return [{ engineId: primary, rows: stackRows(containersOf(primary), remembered) }];
    return stackRowsByEngine(containersOf, enabled.map((s) => s.engineId), primary, remembered);
  }, [scope, enabled, primary, byEngine, remembered]);
}

function StackList() {
  const sections = useStackSections();
  const rows = useMemo(() => sections.flatMap((s) => s.rows), [sections]);
  const scope = usePageEngine();
  const showsEngines = useShowsEngines(scope);
  const names = useEngineNames();
  const stacksLoaded = useStacksStore((s) => s.loaded);
  const containersLoaded = useContainers((s) => sections.some((e) => s.byEngine.get(e.engineId)?.loaded) || s.byEngine.size === 0);
  const loaded = stacksLoaded && containersLoaded;
  const error = useStacksStore((s) => s.error);
  const open = useNavigation((s) => s.open);
  const [filter, setFilter] = useState('');
  const dialog = useStackDialogs((s) => s.dialog);
  // A dialog belongs to the visit: leaving the page closes it, as it did when the page held it.
  useEffect(() => closeStackDialog, []);
  const listRows = useMemo(() => {
    const matches = (r: StackRow) => !filter || r.name.includes(filter.toLowerCase()) || (r.path ?? '').includes(filter);
    return sections.flatMap(({ engineId, rows: engineRows }): (EngineStackRow | EngineHeader)[] => {
      const shown = engineRows.filter(matches).map((r) => ({ ...r, engineId }));
      if (!showsEngines) return shown;
      return [{ kind: 'engine', key: `engine:${engineId}`, engineId, title: names.get(engineId) ?? engineId, count: shown.length }, ...shown];
    });
  }, [sections, filter, showsEngines, names]);

  return (
    <div className="page">
      <PageHeader title="Stacks">
        <span className="page-count">
          {countOf(rows.length, 'stack')} · {rows.filter((r) => r.status === 'running' || r.status === 'partial').length} up
        </span>
        <div className="stacks-toolbar">
          <FilterBox value={filter} onChange={setFilter} placeholder="Filter stacks" label="Filter stacks" />
          <button type="button" className="btn" onClick={() => openStackDialog('open')}>
            <FolderOpen size={14} aria-hidden /> Open…
          </button>
          <button type="button" className="btn btn-primary" onClick={() => openStackDialog('new')}>
            <FilePlus2 size={14} aria-hidden /> New stack
          </button>
        </div>
      </PageHeader>
      <div className="page-body stacks-list-body">
        {error && <p className="dialog-error">{error}</p>}
        {loaded && rows.length === 0 ? (
          <div className="page-center" data-testid="stacks-empty">
            <Boxes size={40} strokeWidth={1.5} className="page-center-icon" aria-hidden />
            <h2>No stacks yet</h2>
            <p>Compose projects running on the engine appear here by themselves. Open a compose file you have, or start a new one from a template.</p>
          </div>
        ) : (
          <ListTable
            label="Stacks"
            rows={listRows}
            filter={filter}
            columns={STACK_COLUMNS}
            rowKey={(r) => `${r.engineId}/${r.key}`}
            rowProps={(r) => ({ 'data-testid': 'stack-row', 'data-stack-name': r.name, 'data-status': r.status, 'data-engine': r.engineId })}
            rowHeight={34}
            onOpen={(r) => open(r.key, null, 'stacks', r.engineId)}
            openOnClick
          />
        )}
      </div>
      <OpenStackDialog open={dialog === 'open'} onOpenChange={(o) => (o ? openStackDialog('open') : closeStackDialog())} />
      <NewStackDialog open={dialog === 'new'} onOpenChange={(o) => (o ? openStackDialog('new') : closeStackDialog())} />
    </div>
  );
}

type EngineStackRow = StackRow & { engineId: string };

const STACK_COLUMNS: ListColumn<EngineStackRow>[] = [
  { id: 'name', label: 'Name', width: 'minmax(160px, 1.3fr)', className: 'stack-name', cell: (r) => r.name },
  {
    id: 'status',
    label: 'Status',
    // Room for "Running 12/12" and the "watching" badge of compose watch.
    width: '250px',
    cell: (r) => (
      <>
        <span className={`badge tone-${STATUS_TONE[r.status]}`}>{STATUS_LABEL[r.status]}</span>
        {r.containers.length > 0 && (
          <span className="muted stack-count">
            {' '}
            {r.running}/{r.containers.length}
          </span>
        )}
        <WatchBadge engineId={r.engineId} projectName={r.name} />
      </>
    ),
  },
  { id: 'services', label: 'Services', width: 'minmax(120px, 1fr)', className: 'stack-services', cell: (r) => <span title={r.services.join(', ')}>{r.services.join(', ') || <span className="muted">—</span>}</span> },
  {
    id: 'path',
    label: 'Compose file',
    width: 'minmax(160px, 2fr)',
    className: 'stack-path mono',
    cell: (r) => (
      <span title={r.path ?? undefined}>
        {r.path ?? <span className="muted">not known (started elsewhere)</span>}
        {r.missing && <span className="badge tone-danger"> file missing</span>}
      </span>
    ),
  },
];

/** "watching" beside a stack's status while compose watch runs for it; "watch failed" when it died by itself. */
function WatchBadge({ engineId, projectName }: { engineId: string; projectName: string }) {
  useEffect(followComposeWatches, []);
  const state = useComposeWatches((s) => s.states.get(watchKey(engineId, projectName)));
  if (watchActive(state)) {
    return (
      <span className="badge tone-info stack-watch-badge" data-testid="stack-watch-badge" data-phase={state!.phase} title="compose watch runs for this stack">
        watching
      </span>
    );
  }
  if (state?.phase === 'failed') {
    return (
      <span className="badge tone-danger stack-watch-badge" data-testid="stack-watch-badge" data-phase="failed" title={state.message ?? undefined}>
        watch failed
      </span>
    );
  }
  return null;
}
