import * as Dialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import { EngineFacts } from '../components/EngineFacts';
import { engineLineOf } from '../engine/engine-view';
import { useBackendStore } from '../stores/backend-store';
import { engineEnabled, useEngines, usePrimaryEngine } from '../data/engines';
import '../components/dialog.css';

/** The dot + "Docker Engine 27.3" at the bottom of the sidebar; clicking it shows what the engine is. */
export function EngineIndicator() {
  const status = usePrimaryEngine();
  const backend = useBackendStore((s) => s.state);
  const backendOpen = backend === 'open';
  // With several engines the sidebar lists each with its health; this one-engine summary would only repeat one.
  const several = useEngines((s) => s.statuses.filter(engineEnabled).length > 1);
  if (several) return null;
  const { label, dot } = engineLineOf(backend, status);
  return (
    <Dialog.Root>
      <Dialog.Trigger
        className="sidebar-button engine-indicator"
        data-testid="engine-indicator"
        data-state={status?.state ?? 'connecting'}
        title={`${label} — show engine details`}
      >
        <span className={`status-dot ${dot}`} aria-hidden />
        <span className="engine-indicator-text">
          {backendOpen && status?.state === 'connected' && status.info ? (
            <>
              <span className="engine-indicator-caption">{status.info.product}</span>
              {status.info.version}
            </>
          ) : (
            <>
              <span className="engine-indicator-caption">Engine</span>
              {label}
            </>
          )}
        </span>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog info-dialog" aria-describedby={undefined}>
          <header className="dialog-header">
            <Dialog.Title className="dialog-title">Engine</Dialog.Title>
            <Dialog.Close className="icon-btn" aria-label="Close">
              <X size={16} />
            </Dialog.Close>
          </header>
          <div className="dialog-body">
            <EngineFacts status={status} />
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
