import { Activity, CircleCheck, CircleSlash, CircleX, LoaderCircle, X } from 'lucide-react';
import { useEffect, useMemo } from 'react';
import { formatRelativeTime } from '../format/relative-time';
import { useNavigation } from '../stores/navigation-store';
import { errorMessage } from '../format/error-message';
import { KINDS, cancelOperation, clearFinished, followOperations, isLive, toggleOperationsPanel, useOperations, type Operation } from './operations-store';
import './operations.css';

/**
 * The app-wide operations indicator (sidebar footer): "2 operations running"; a click opens the panel of running and
 * recent operations (pulls, builds, compose runs, volume transfers, prunes) with progress and Cancel.
 */
export function OperationsIndicator() {
  useEffect(() => followOperations(), []);
  const all = useOperations((s) => s.operations);
  const hidden = useOperations((s) => s.hidden);
  const open = useOperations((s) => s.panelOpen);
  const operations = useMemo(() => all.filter((o) => isLive(o) || !hidden.has(o.id)), [all, hidden]);
  const live = operations.filter(isLive).length;
  if (operations.length === 0 && !open) return null;
  return (
    <div className="ops-indicator-wrap">
      <button
        type="button"
        className={`sidebar-button ops-indicator${live ? ' ops-busy' : ''}`}
        aria-expanded={open}
        aria-controls="app-operations"
        onClick={() => toggleOperationsPanel()}
        data-testid="operations-indicator"
      >
        {live ? <LoaderCircle size={14} className="spin" aria-hidden /> : <Activity size={14} aria-hidden />}
        <span>{live ? `${live} ${live === 1 ? 'operation' : 'operations'} running` : 'Operations'}</span>
      </button>
      {open && <OperationsPopover operations={operations} />}
    </div>
  );
}

function OperationsPopover({ operations }: { operations: readonly Operation[] }) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') toggleOperationsPanel(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const finished = operations.some((o) => !isLive(o));
  return (
    <section id="app-operations" className="ops-popover" aria-label="All operations" data-testid="app-operations">
      <header className="ops-popover-header">
        <h2>Operations</h2>
        {finished && (
          <button type="button" className="btn btn-small" onClick={() => clearFinished()}>
            Clear finished
          </button>
        )}
        <button type="button" className="icon-btn" aria-label="Close operations" onClick={() => toggleOperationsPanel(false)}>
          <X size={15} />
        </button>
      </header>
      {operations.length === 0 ? (
        <p className="muted ops-empty">Nothing running. Pulls, builds, compose runs, backups and prunes show up here.</p>
      ) : (
        <ul className="ops-list">
          {operations.map((op) => (
            <OperationRow key={op.id} op={op} />
          ))}
        </ul>
      )}
    </section>
  );
}

const STATE_TEXT: Record<Operation['state'], string> = { queued: 'waiting', running: 'running', done: 'done', failed: 'failed', cancelled: 'cancelled' };

function OperationRow({ op }: { op: Operation }) {
  const go = useNavigation((s) => s.go);
  const live = isLive(op);
  const Icon = live ? LoaderCircle : op.state === 'done' ? CircleCheck : op.state === 'failed' ? CircleX : CircleSlash;
  const percent = op.progress === null ? null : Math.round(op.progress * 100);
  const page = KINDS[op.kind].page;
  const error = op.error && errorMessage(op.error);
  return (
    <li className={`ops-item ops-${op.state}`} data-testid="app-operation" data-kind={op.kind} data-state={op.state}>
      <div className="ops-item-row">
        <Icon size={14} className={live ? 'spin' : undefined} aria-hidden />
        {page ? (
          <button
            type="button"
            className="ops-label ops-link"
            title={`Open ${page}`}
            onClick={() => {
              go(page);
              toggleOperationsPanel(false);
            }}
          >
            {op.label}
          </button>
        ) : (
          <span className="ops-label">{op.label}</span>
        )}
        <span className="ops-state">{live && percent !== null ? `${percent}%` : STATE_TEXT[op.state]}</span>
        {live && (
          <button type="button" className="btn btn-small" aria-label={`Cancel ${op.label}`} onClick={() => cancelOperation(op)}>
            Cancel
          </button>
        )}
      </div>
      {live && (
        <div className="ops-bar" role="progressbar" aria-label={`${op.label} progress`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent ?? undefined}>
          <div className={percent === null ? 'ops-bar-fill ops-indeterminate' : 'ops-bar-fill'} style={percent === null ? undefined : { width: `${percent}%` }} />
        </div>
      )}
      {(error || op.detail) && (
        <div className={error ? 'ops-detail ops-error' : 'ops-detail'} title={error || op.detail}>
          {error || op.detail}
        </div>
      )}
      {!live && op.finishedAt !== null && <div className="ops-when muted">{formatRelativeTime(op.finishedAt, Date.now())}</div>}
    </li>
  );
}
