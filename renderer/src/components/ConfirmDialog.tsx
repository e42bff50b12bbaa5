import { AlertTriangle, CircleCheck, Trash2, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { DialogFrame } from './DialogFrame';

/** One thing a destructive action touches, and what happens to it. */
export interface ConfirmItem {
  key: string;
  label: ReactNode;
  detail?: ReactNode;
  /** lost: gone for good; kept: survives; note: something to know (e.g. "it will be stopped first"). */
  effect: 'lost' | 'kept' | 'note';
}

export interface ConfirmOption {
  id: string;
  label: string;
  checked: boolean;
  onChange(checked: boolean): void;
}

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: string;
  description?: ReactNode;
  items: readonly ConfirmItem[];
  options?: readonly ConfirmOption[];
  confirmLabel: string;
  onConfirm(): void;
  /** While the plan is being computed: the confirm button waits, nothing is guessed. */
  loading?: boolean;
  /** The plan could not be computed; confirming is not offered. */
  error?: string | null;
}

const SECTIONS = [
  { effect: 'lost', heading: 'Will be deleted', icon: Trash2 },
  { effect: 'note', heading: 'Good to know', icon: AlertTriangle },
  { effect: 'kept', heading: 'Will be kept', icon: CircleCheck },
] as const;

/**
 * The one confirmation for every destructive action: it lists exactly what is lost and what is kept, computed by
 * main beforehand (a plan), and offers the choices that change it. Nothing is deleted until the danger button.
 */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const { open, onOpenChange, title, description, items, options = [], confirmLabel, onConfirm, loading, error } = props;
  return (
    <DialogFrame
      open={open}
      onOpenChange={onOpenChange}
      title={title}
      description={description}
      status={loading && 'Working out what this affects…'}
      error={error}
      confirm={{
        label: (
          <>
            <Trash2 size={14} /> {confirmLabel}
          </>
        ),
        danger: true,
        disabled: loading || !!error,
      }}
      onConfirm={onConfirm}
    >
      {!loading &&
        !error &&
        SECTIONS.map(({ effect, heading, icon }) => {
          const sectionItems = items.filter((i) => i.effect === effect);
          if (sectionItems.length === 0) return null;
          return <PlanSection key={effect} effect={effect} heading={heading} icon={icon} items={sectionItems} />;
        })}
      {!loading && !error && options.length > 0 && (
        <div className="dialog-options">
          {options.map((o) => (
            <label key={o.id}>
              <input type="checkbox" checked={o.checked} onChange={(e) => o.onChange(e.target.checked)} />
              {o.label}
            </label>
          ))}
        </div>
      )}
    </DialogFrame>
  );
}

/** One titled list of a plan or an outcome: the items one effect applies to, each with the effect's icon. */
export function PlanSection({ effect, heading, icon: Icon, items }: { effect: ConfirmItem['effect']; heading: string; icon: LucideIcon; items: readonly Omit<ConfirmItem, 'effect'>[] }) {
  return (
    <section className={`dialog-section plan-section plan-${effect}`}>
      <h3 className="caption">{heading}</h3>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            <Icon size={14} aria-hidden />
            <span>
              <span className="plan-label">{item.label}</span>
              {item.detail && <span className="plan-detail">{item.detail}</span>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
