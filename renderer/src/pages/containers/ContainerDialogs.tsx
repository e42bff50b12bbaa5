import { Suspense, useState } from 'react';
import { KILL_SIGNALS, type KillSignal } from '../../../../preload/contract/container-constants';
import { berth } from '../../api';
import { DialogFrame } from '../../components/DialogFrame';
import { errorMessage } from '../../format/error-message';
import { toast } from '../../stores/toast-store';
import { BulkRemoveDialog } from './bulk/BulkRemoveDialog';
import { BulkResultDialog } from './bulk/BulkResultDialog';
import { runContainerAction } from './container-actions';
import { closeContainerDialog, useContainerDialogs, type ContainerRef } from './container-dialogs-store';
import { prefetchedLoader } from '../../shell/prefetch';
import { DialogLoadBoundary, lazyChunk } from '../../shell/chunk-load';

// The run dialog (and the run-spec schema it checks with) is not in the first bundle; fetched when the page is idle.
const loadRunDialog = prefetchedLoader(() => import('./run-dialog/RunDialog'));
const RunDialog = lazyChunk(() => loadRunDialog().then((m) => ({ default: m.RunDialog })));

function dialogFailed(err: Error) {
  closeContainerDialog();
  toast.error('The dialog could not open', err.message);
}

/** Renders whichever container dialog is open (run, duplicate/edit, kill, rename, bulk remove, bulk result). */
export function ContainerDialogs() {
  const dialog = useContainerDialogs((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'run':
      return (
        <DialogLoadBoundary onFailed={dialogFailed}>
          <Suspense fallback={null}>
            <RunDialog key={dialog.mode === 'new' ? 'new' : `${dialog.mode}:${dialog.container.id}`} request={dialog} onClose={closeContainerDialog} />
          </Suspense>
        </DialogLoadBoundary>
      );
    case 'kill':
      return <KillDialog container={dialog.container} />;
    case 'rename':
      return <RenameDialog container={dialog.container} />;
    case 'bulk-remove':
      return <BulkRemoveDialog containers={dialog.containers} onClose={closeContainerDialog} />;
    case 'bulk-result':
      return <BulkResultDialog action={dialog.action} results={dialog.results} onClose={closeContainerDialog} />;
  }
}

function KillDialog({ container }: { container: ContainerRef }) {
  const [signal, setSignal] = useState<KillSignal>('SIGKILL');
  return (
    <DialogFrame
      onOpenChange={(open) => !open && closeContainerDialog()}
      title={`Kill ${container.name}?`}
      form
      bodyClassName="small-dialog-body"
      confirm={{ label: `Send ${signal}`, danger: signal === 'SIGKILL' }}
      onConfirm={() => {
        closeContainerDialog();
        void runContainerAction(container, 'kill', { signal });
      }}
    >
      <p className="dialog-description">
        SIGKILL ends it at once, without a chance to save anything; other signals are delivered to its main process, which decides what to do.
      </p>
      <label className="field">
        <span>Signal</span>
        <select className="select" value={signal} onChange={(e) => setSignal(e.target.value as KillSignal)} aria-label="Signal">
          {KILL_SIGNALS.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
    </DialogFrame>
  );
}

function RenameDialog({ container }: { container: ContainerRef }) {
  const [name, setName] = useState(container.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const valid = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name);
  return (
    <DialogFrame
      onOpenChange={(open) => !open && closeContainerDialog()}
      title={`Rename ${container.name}`}
      form
      bodyClassName="small-dialog-body"
      confirm={{ label: 'Rename', disabled: busy || !valid || name === container.name }}
      onConfirm={() => {
        setBusy(true);
        berth.containers.rename({ engineId: container.engineId, id: container.id, name }).then(
          () => {
            closeContainerDialog();
            toast.success(`Renamed ${container.name} to ${name}`);
          },
          (e: unknown) => {
            setBusy(false);
            setError(errorMessage(e));
          },
        );
      }}
    >
      <label className="field">
        <span>New name</span>
        <input className="input" autoFocus value={name} onChange={(e) => setName(e.target.value)} aria-label="New name" aria-invalid={!valid} />
        {!valid && name !== '' && <span className="field-error">letters, digits, "_", "." and "-", starting with a letter or digit</span>}
        {error && (
          <span className="field-error" role="alert">
            {error}
          </span>
        )}
      </label>
    </DialogFrame>
  );
}
