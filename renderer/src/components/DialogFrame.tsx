import * as Dialog from '@radix-ui/react-dialog';
import { Info, LoaderCircle, X } from 'lucide-react';
import type { FormEvent, ReactNode } from 'react';
import './dialog.css';

export interface DialogFrameProps {
  /** Open by default: most dialogs are mounted only while shown. */
  open?: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
  /** Replaces the default footer (Cancel and, with `confirm`, the confirm button). */
  footer?: ReactNode;
  /** The button that closes without acting: "Cancel" unless told ("Close", "Keep editing"). */
  cancelLabel?: string;
  /** More buttons between Cancel and the confirm button. */
  actions?: ReactNode;
  confirm?: { label: ReactNode; disabled?: boolean; danger?: boolean };
  /** The confirm button's action; in a `form` dialog, what submitting (Enter in a field) does. */
  onConfirm?(): void;
  /** Wraps the content in a form: the confirm button submits, Enter in a field submits. */
  form?: boolean;
  /** A spinner line (role=status) under the body, e.g. "Working out what this affects…". */
  status?: ReactNode;
  /** An operation runs: the dialog cannot be closed and confirm is disabled (see `onCancelBusy`). */
  busy?: boolean;
  /** While busy, Cancel stays enabled and calls this (it cancels the running operation). */
  onCancelBusy?(): void;
  /** The error line (role=alert) under the body. */
  error?: string | null;
  /** md: 520px (default), lg: 600px, xl: 820px. */
  size?: 'md' | 'lg' | 'xl';
  className?: string;
  bodyClassName?: string;
  testId?: string;
}

/**
 * The one dialog frame (Radix Dialog): title and close, an optional description, the body, status and error lines,
 * and a footer with Cancel and the confirm button. ConfirmDialog (the plan before a destructive action) renders
 * through it too.
 */
export function DialogFrame(props: DialogFrameProps) {
  const { open = true, onOpenChange, title, description, children, footer, cancelLabel = 'Cancel', actions, confirm, onConfirm, form, status, busy, onCancelBusy, error, size = 'md', className, bodyClassName, testId } = props;
  const confirmDisabled = !!busy || !!confirm?.disabled;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!confirmDisabled) onConfirm?.();
  };
  const content = (
    <>
      <header className="dialog-header">
        <Dialog.Title className="dialog-title">{title}</Dialog.Title>
        <Dialog.Close className="icon-btn" aria-label="Close" type="button" disabled={!!busy}>
          <X size={16} />
        </Dialog.Close>
      </header>
      <div className={bodyClassName ? `dialog-body ${bodyClassName}` : 'dialog-body'}>
        {description && <div className="dialog-description">{description}</div>}
        {children}
        {status && (
          <p className="dialog-loading" role="status">
            <LoaderCircle size={16} className="spin" /> {status}
          </p>
        )}
        {error && (
          <p className="dialog-error" role="alert">
            <Info size={16} /> {error}
          </p>
        )}
      </div>
      <footer className="dialog-footer">
        {footer ?? (
          <>
            {busy && onCancelBusy ? (
              <button type="button" className="btn" onClick={onCancelBusy}>
                {cancelLabel}
              </button>
            ) : (
              <Dialog.Close className="btn" type="button" disabled={!!busy}>
                {cancelLabel}
              </Dialog.Close>
            )}
            {actions}
            {confirm && (
              <button type={form ? 'submit' : 'button'} className={`btn ${confirm.danger ? 'btn-danger' : 'btn-primary'}`} disabled={confirmDisabled} onClick={form ? undefined : onConfirm}>
                {confirm.label}
              </button>
            )}
          </>
        )}
      </footer>
    </>
  );
  return (
    <Dialog.Root open={open} onOpenChange={(o) => (!busy || o ? onOpenChange(o) : undefined)}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className={`dialog dialog-${size}${className ? ` ${className}` : ''}`} aria-describedby={undefined} data-testid={testId}>
          {form ? (
            <form onSubmit={submit} className="dialog-form">
              {content}
            </form>
          ) : (
            content
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
