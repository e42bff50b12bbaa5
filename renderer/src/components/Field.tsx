import type { ReactNode } from 'react';
import './field.css';

interface FieldProps {
  label: string;
  children: ReactNode;
  /** Shown under the control; an error takes its place. */
  hint?: ReactNode;
  /** What is wrong with the value, said as the user types (announced). */
  error?: string | null | undefined;
  /** Spans the whole row of a form grid (the run dialog's). */
  wide?: boolean;
}

/** The one labelled form field of every dialog: the label, the control, then an error or a hint under it. */
export function Field({ label, hint, error, wide, children }: FieldProps) {
  return (
    <label className={`field${wide ? ' wide' : ''}${error ? ' invalid' : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className="field-hint">{hint}</span>
      ) : null}
    </label>
  );
}
