import * as Dialog from '@radix-ui/react-dialog';
import { Info, LoaderCircle, X } from 'lucide-react';
import type { FormEvent, ReactNode } from 'react';
import '../../components/dialog.css';
import './resources.css';

interface FormDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  children: ReactNode;
  submitLabel: string;
  onSubmit(): void;
  busy?: string | null;
  error?: string | null;
  /** Disables the submit button (an invalid field). */
  invalid?: boolean;
  /** Shown while busy instead of closing: cancels the running operation. */
  onCancelBusy?(): void;
}

/** A small form in a dialog (create a volume, back up, connect…): fields, an error line, progress with a cancel. */
export function FormDialog({ open, onOpenChange, title, children, submitLabel, onSubmit, busy, error, invalid, onCancelBusy }: FormDialogProps) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy && !invalid) onSubmit();
  };
  return (
    <Dialog.Root open={open} onOpenChange={(o) => (!busy || !o ? onOpenChange(o) : undefined)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog form-dialog" aria-describedby={undefined}>
          <form onSubmit={submit}>
            <header className="dialog-header">
              <Dialog.Title className="dialog-title">{title}</Dialog.Title>
              <Dialog.Close className="icon-btn" aria-label="Close" disabled={!!busy}>
                <X size={16} />
              </Dialog.Close>
            </header>
            <div className="dialog-body form-fields">
              {children}
              {busy && (
                <p className="dialog-loading" role="status">
                  <LoaderCircle size={16} className="spin" /> {busy}
                </p>
              )}
              {error && (
                <p className="dialog-error" role="alert">
                  <Info size={16} /> {error}
                </p>
              )}
            </div>
            <footer className="dialog-footer">
              {busy && onCancelBusy ? (
                <button type="button" className="btn" onClick={onCancelBusy}>
                  Cancel
                </button>
              ) : (
                <Dialog.Close className="btn" disabled={!!busy}>
                  Cancel
                </Dialog.Close>
              )}
              <button type="submit" className="btn btn-primary" disabled={!!busy || invalid}>
                {submitLabel}
              </button>
            </footer>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

export function Field({ label, hint, children }: { label: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <label className="form-field">
      <span className="form-label">{label}</span>
      {children}
      {hint && <span className="form-hint">{hint}</span>}
    </label>
  );
}
