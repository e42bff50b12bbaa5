import { Boxes, FilePlus2, FolderOpen, Search } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import '../../components/page.css';
import { useNavigation } from '../../stores/navigation-store';
import { useContainersStore } from '../containers/containers-store';
import { NewStackDialog, OpenStackDialog } from './StackDialogs';
import { StackView } from './StackView';
import { STATUS_LABEL, STATUS_TONE, stackRows, type StackRow } from './stack-rows';
import { useStacksStore } from './stacks-store';
import './stacks.css';

/** `#/stacks`: every compose project (engine labels + remembered files); `#/stacks/<file or project:name>` opens one. */
export function StacksPage() {
  const item = useNavigation((s) => s.item);
  const refresh = useStacksStore((s) => s.refresh);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return item ? <StackView stackKey={item} /> : <StackList />;
}

export function useStackRows(): StackRow[] {
  const containers = useContainersStore((s) => s.containers);
  const remembered = useStacksStore(useShallow((s) => s.remembered));
  return useMemo(() => stackRows(containers.values(), remembered), [containers, remembered]);
}

function StackList() {
  const rows = useStackRows();
  const stacksLoaded = useStacksStore((s) => s.loaded);
  const containersLoaded = useContainersStore((s) => s.loaded);
  const loaded = stacksLoaded && containersLoaded;
  const error = useStacksStore((s) => s.error);
  const open = useNavigation((s) => s.open);
  const [filter, setFilter] = useState('');
  const [dialog, setDialog] = useState<'open' | 'new' | null>(null);
  const shown = rows.filter((r) => !filter || r.name.includes(filter.toLowerCase()) || (r.path ?? '').includes(filter));

  return (
    <div className="page">
      <header className="page-header">
        <h1>Stacks</h1>
        <span className="page-count">
          {rows.length} stack{rows.length === 1 ? '' : 's'} · {rows.filter((r) => r.status === 'running' || r.status === 'partial').length} up
        </span>
        <div className="stacks-toolbar">
          <label className="stacks-filter">
            <Search size={14} aria-hidden />
            <input className="input" type="search" placeholder="Filter stacks" aria-label="Filter stacks" value={filter} onChange={(e) => setFilter(e.target.value)} />
          </label>
          <button type="button" className="btn" onClick={() => setDialog('open')}>
            <FolderOpen size={14} aria-hidden /> Open…
          </button>
          <button type="button" className="btn btn-primary" onClick={() => setDialog('new')}>
            <FilePlus2 size={14} aria-hidden /> New stack
          </button>
        </div>
      </header>
      <div className="page-body stacks-list-body">
        {error && <p className="dialog-error">{error}</p>}
        {loaded && rows.length === 0 ? (
          <div className="page-center" data-testid="stacks-empty">
            <Boxes size={40} strokeWidth={1.5} className="page-center-icon" aria-hidden />
            <h2>No stacks yet</h2>
            <p>Compose projects running on the engine appear here by themselves. Open a compose file you have, or start a new one from a template.</p>
          </div>
        ) : (
          <table className="stacks-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Status</th>
                <th>Services</th>
                <th>Compose file</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((r) => (
                <tr
                  key={r.key}
                  data-testid="stack-row"
                  data-stack-name={r.name}
                  data-status={r.status}
                  tabIndex={0}
                  onClick={() => open(r.key)}
                  onKeyDown={(e) => e.key === 'Enter' && open(r.key)}
                >
                  <td className="stack-name">{r.name}</td>
                  <td>
                    <span className={`badge tone-${STATUS_TONE[r.status]}`}>{STATUS_LABEL[r.status]}</span>
                    {r.containers.length > 0 && (
                      <span className="muted stack-count">
                        {' '}
                        {r.running}/{r.containers.length}
                      </span>
                    )}
                  </td>
                  <td className="stack-services" title={r.services.join(', ')}>
                    {r.services.join(', ') || <span className="muted">—</span>}
                  </td>
                  <td className="stack-path mono" title={r.path ?? undefined}>
                    {r.path ?? <span className="muted">not known (started elsewhere)</span>}
                    {r.missing && <span className="badge tone-danger"> file missing</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <OpenStackDialog open={dialog === 'open'} onOpenChange={(o) => setDialog(o ? 'open' : null)} />
      <NewStackDialog open={dialog === 'new'} onOpenChange={(o) => setDialog(o ? 'new' : null)} />
    </div>
  );
}
