import type { LucideIcon } from 'lucide-react';

export interface SegmentedOption<T extends string> {
  id: T;
  label: string;
  icon?: LucideIcon;
}

interface SegmentedProps<T extends string> {
  options: readonly SegmentedOption<T>[];
  value: T;
  onChange(value: NoInfer<T>): void;
  className?: string;
  'aria-label'?: string;
  /** The id of the visible label, where there is one (else aria-label). */
  'aria-labelledby'?: string;
}

/** One choice among a few, as a row of pressed/unpressed buttons (the theme, a filter, a dialog's kind of thing). */
export function Segmented<T extends string>({ options, value, onChange, className, ...labelled }: SegmentedProps<T>) {
  return (
    <div className={className ? `segmented ${className}` : 'segmented'} role="group" {...labelled}>
      {options.map(({ id, label, icon: Icon }) => (
        <button key={id} type="button" aria-pressed={value === id} onClick={() => onChange(id)}>
          {Icon ? (
            <>
              <Icon size={14} aria-hidden /> {label}
            </>
          ) : (
            label
          )}
        </button>
      ))}
    </div>
  );
}
