import { Pause, Play, RotateCw, Square, Trash2, X, Zap } from 'lucide-react';
import { useMemo } from 'react';
import type { BulkAction, ContainerSummary } from '../../../../../preload/contract';
import { openContainerDialog } from '../container-dialogs-store';
import { useContainers } from '../../../data/containers';
import { splitObjectKey } from '../../../data/keyed';
import { usePageEngine } from '../../../data/scope';
import { appliesTo, runBulkAction } from './bulk-actions';
import { useSelection } from './selection-store';

const BUTTONS: { action: Exclude<BulkAction, 'remove'>; label: string; icon: typeof Play }[] = [
  { action: 'start', label: 'Start', icon: Play },
  { action: 'stop', label: 'Stop', icon: Square },
  { action: 'restart', label: 'Restart', icon: RotateCw },
  { action: 'pause', label: 'Pause', icon: Pause },
  { action: 'unpause', label: 'Resume', icon: Play },
  { action: 'kill', label: 'Kill', icon: Zap },
];

/** Shown while containers are ticked: each action with how many of them it applies to, and remove (planned first). */
export function BulkBar() {
  const checked = useSelection((s) => s.checked);
  const clear = useSelection((s) => s.clear);
  const byEngine = useContainers((s) => s.byEngine);
  // Ticks on another engine's rows stay for when the list shows it again; actions apply to what is in view.
  const scope = usePageEngine();
  const selected = useMemo(
    () =>
      [...checked]
        .map((key) => {
          const { engineId, id } = splitObjectKey(key);
          return byEngine.get(engineId)?.items.get(id);
        })
        .filter((c): c is ContainerSummary => c !== undefined && (scope === null || c.engineId === scope)),
    [checked, byEngine, scope],
  );
  if (selected.length === 0) return null;
  return (
    <div className="bulk-bar" role="toolbar" aria-label="Selected containers" data-testid="bulk-bar">
      <span className="bulk-count">{selected.length} selected</span>
      {BUTTONS.map(({ action, label, icon: Icon }) => {
        const targets = selected.filter((c) => appliesTo(action, c));
        return (
          <button
            key={action}
            type="button"
            className="btn btn-sm"
            disabled={targets.length === 0}
            title={action === 'kill' ? 'Send SIGKILL to the running ones' : undefined}
            aria-label={`${label} ${targets.length} selected`}
            onClick={() => void runBulkAction(targets, action)}
          >
            <Icon size={13} aria-hidden /> {label}
            {targets.length !== selected.length && targets.length > 0 && <span className="bulk-n">{targets.length}</span>}
          </button>
        );
      })}
      <button
        type="button"
        className="btn btn-sm btn-danger-outline"
        aria-label={`Remove ${selected.length} selected`}
        onClick={() => openContainerDialog({ kind: 'bulk-remove', containers: selected })}
      >
        <Trash2 size={13} aria-hidden /> Remove…
      </button>
      <button type="button" className="icon-btn" aria-label="Clear selection" title="Clear selection" onClick={clear}>
        <X size={14} />
      </button>
    </div>
  );
}
