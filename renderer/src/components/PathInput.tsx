import { FolderOpen } from 'lucide-react';
import { useState, type InputHTMLAttributes } from 'react';
import { absolutePath } from '../../../preload/contract/stacks';
import { HostPathPicker, type PickMode } from './HostPathPicker';
import { relativeTo } from './host-path';
import './host-picker.css';

export interface PathInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  value: string;
  onChange(value: string): void;
  /** What the Browse… button may choose. */
  mode: PickMode;
  /** Globs for the files that fit (others are dimmed), e.g. `['*.tar']`. */
  filter?: readonly string[] | undefined;
  filterLabel?: string | undefined;
  /** Relative values resolve against this folder; a choice inside it is written relative. */
  base?: string | undefined;
  /** Where the picker starts when the field is empty (else home). */
  startIn?: string | undefined;
  /** "Save to": the picker chooses a folder and takes a typed file name (this one when the field is empty). */
  saveName?: string | undefined;
  /** The picker's title. */
  pickerTitle?: string | undefined;
  /** Names the Browse… button for assistive tech ("Browse for the compose file"). */
  browseLabel?: string | undefined;
  /** An icon-only Browse button (dense rows); its name is `browseLabel` or "Browse…". */
  compact?: boolean | undefined;
}

/**
 * A path field on the machine Berth runs on: a monospace input and a "Browse…" button that opens the host file
 * browser (HostPathPicker). Validation stays with the field's owner; the input takes every other input attribute.
 */
export function PathInput({ value, onChange, mode, filter, filterLabel, base, startIn, saveName, pickerTitle, browseLabel, compact, className, ...input }: PathInputProps) {
  const [picking, setPicking] = useState(false);
  return (
    <div className="path-input">
      <input {...input} className={`input mono${className ? ` ${className}` : ''}`} value={value} spellCheck={false} onChange={(e) => onChange(e.target.value)} />
      <button
        type="button"
        className={compact ? 'btn path-input-compact' : 'btn'}
        aria-label={browseLabel ?? (compact ? 'Browse…' : undefined)}
        title={browseLabel ?? 'Browse the machine Berth runs on'}
        onClick={() => setPicking(true)}
        disabled={input.disabled}
      >
        <FolderOpen size={14} />
        {!compact && ' Browse…'}
      </button>
      {picking && (
        <HostPathPicker
          open
          onOpenChange={setPicking}
          mode={mode}
          filter={filter}
          filterLabel={filterLabel}
          value={value}
          base={base}
          startIn={startIn}
          saveName={saveName}
          title={pickerTitle}
          onSelect={(p) => onChange(relativeTo(p, base))}
        />
      )}
    </div>
  );
}

/** The path field's problem, as main would answer (the stacks' `absolutePath` rule), or null when empty or fine. */
export function pathProblem(value: string): string | null {
  if (!value) return null;
  const r = absolutePath.safeParse(value);
  return r.success ? null : (r.error.issues[0]?.message ?? 'not a path');
}

/** A labelled absolute-path field with Browse… and the `absolutePath` problem under it (stack dialogs). */
export function PathField({ id, label, value, onChange, placeholder, ...picker }: { id: string; label: string; value: string; onChange(v: string): void; placeholder: string } & Pick<PathInputProps, 'mode' | 'filter' | 'filterLabel' | 'base' | 'startIn' | 'pickerTitle'>) {
  const problem = pathProblem(value);
  return (
    <div className="path-field">
      <label htmlFor={id}>{label}</label>
      <PathInput id={id} value={value} placeholder={placeholder} onChange={(v) => onChange(v.trim())} aria-invalid={!!problem} {...picker} />
      {problem && <p className="field-error">{problem}</p>}
    </div>
  );
}
