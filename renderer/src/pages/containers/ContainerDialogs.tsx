import * as Dialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import { useState, type FormEvent, type ReactNode } from 'react';
import { KILL_SIGNALS, type KillSignal } from '../../../../preload/contract/containers';
import { berth } from '../../api';
import '../../components/dialog.css';
import { errorMessage } from '../../format/error-message';
import { toast } from '../../stores/toast-store';
import { BulkRemoveDialog } from './bulk/BulkRemoveDialog';
import { BulkResultDialog } from './bulk/BulkResultDialog';
import { runContainerAction } from './container-actions';
import { closeContainerDialog, useContainerDialogs, type ContainerRef } from './container-dialogs-store';
import { RunDialog } from './run-dialog/RunDialog';

/** Renders whichever container dialog is open (run, duplicate/edit, kill, rename, bulk remove, bulk result). */
export function ContainerDialogs() {
  const dialog = useContainerDialogs((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'run':
      return <RunDialog key={dialog.mode === 'new' ? 'new' : `${dialog.mode}:${dialog.container.id}`} request={dialog} onClose={closeContainerDialog} />;
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

function SmallDialog({ title, children, submitLabel, onSubmit, danger, busy }: { title: string; children: ReactNode; submitLabel: string; onSubmit(): void; danger?: boolean; busy?: boolean }) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <Dialog.Root open onOpenChange={(open) => !open && closeContainerDialog()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" aria-describedby={undefined}>
          <form onSubmit={submit}>
            <header className="dialog-header">
              <Dialog.Title className="dialog-title">{title}</Dialog.Title>
              <Dialog.Close className="icon-btn" aria-label="Close" type="button">
                <X size={16} />
              </Dialog.Close>
            </header>
            <div className="dialog-body small-dialog-body">{children}</div>
            <footer className="dialog-footer">
              <Dialog.Close className="btn" type="button">
                Cancel
              </Dialog.Close>
              <button type="submit" className={`btn ${danger ? 'btn-danger' : 'btn-primary'}`} disabled={busy}>
                {submitLabel}
              </button>
            </footer>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function KillDialog({ container }: { container: ContainerRef }) {
  const [signal, setSignal] = useState<KillSignal>('SIGKILL');
  return (
    <SmallDialog
      title={`Kill ${container.name}?`}
      submitLabel={`Send ${signal}`}
      danger={signal === 'SIGKILL'}
      onSubmit={() => {
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
    </SmallDialog>
  );
}

function RenameDialog({ container }: { container: ContainerRef }) {
  const [name, setName] = useState(container.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const valid = /^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name);
  return (
    <SmallDialog
      title={`Rename ${container.name}`}
      submitLabel="Rename"
      busy={busy || !valid || name === container.name}
      onSubmit={() => {
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
    </SmallDialog>
  );
}
