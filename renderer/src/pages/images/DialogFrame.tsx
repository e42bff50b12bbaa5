import * as Dialog from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import type { FormEvent, ReactNode } from 'react';
import '../../components/dialog.css';

interface DialogFrameProps {
  title: string;
  onClose(): void;
  children: ReactNode;
  /** The footer; by default Cancel and, with `submit`, the primary button. */
  footer?: ReactNode;
  submit?: { label: ReactNode; disabled?: boolean };
  /** Wider dialogs (history, build, registries). */
  wide?: boolean;
  onSubmit?(): void;
  testId?: string;
}

/** The frame of the images page's dialogs: title, close, a body, a footer; Enter submits when there is a form. */
export function DialogFrame({ title, onClose, children, footer, submit: submitButton, wide, onSubmit, testId }: DialogFrameProps) {
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit?.();
  };
  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className={`dialog image-dialog${wide ? ' wide' : ''}`} aria-describedby={undefined} data-testid={testId}>
          <form onSubmit={submit} className="image-dialog-form">
            <header className="dialog-header">
              <Dialog.Title className="dialog-title">{title}</Dialog.Title>
              <Dialog.Close className="icon-btn" aria-label="Close" type="button">
                <X size={16} />
              </Dialog.Close>
            </header>
            <div className="dialog-body">{children}</div>
            <footer className="dialog-footer">
              {footer ?? (
                <>
                  <button type="button" className="btn" onClick={onClose}>
                    Cancel
                  </button>
                  {submitButton && (
                    <button type="submit" className="btn btn-primary" disabled={submitButton.disabled}>
                      {submitButton.label}
                    </button>
                  )}
                </>
              )}
            </footer>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
