import * as Dialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import type { EngineStatus } from '../../../preload/contract';
import { EngineFacts } from '../components/EngineFacts';
import { engineLabel } from '../engine/engine-view';
import { usePrimaryEngine } from '../stores/engine-store';
import '../components/dialog.css';

export function statusDotColor(status: EngineStatus | undefined): 'green' | 'amber' | 'red' {
  if (status?.state === 'connected') return 'green';
  if (status?.state === 'unreachable') return 'red';
  return 'amber';
}

/** The dot + "Docker Engine 27.3" at the bottom of the sidebar; clicking it shows what the engine is. */
export function EngineIndicator() {
  const status = usePrimaryEngine();
  const label = engineLabel(status);
  return (
    <Dialog.Root>
      <Dialog.Trigger className="engine-indicator" data-testid="engine-indicator" data-state={status?.state ?? 'connecting'}>
        <span className={`status-dot ${statusDotColor(status)}`} aria-hidden />
        <span className="engine-indicator-text">
          <span className="engine-indicator-caption">Engine</span>
          {label}
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
