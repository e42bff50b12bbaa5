import { useState } from 'react';
import type { EngineStatus } from '../../../preload/contract';
import './dialog.css';
import { engineName } from '../data/engines';
import { pageOrPrimaryEngine, useEnabledEngines, usePageEngine } from '../data/scope';

/**
 * The engine a dialog acts on when nothing fixes it (pull, build, create, prune…): the page's engine, else the
 * primary one; with several engines and "All engines" shown, the dialog lets the user choose (<EngineChoice/>).
 */
export function useDialogEngine(fixed?: string): [string, (engineId: string) => void] {
  return useState(() => fixed ?? pageOrPrimaryEngine());
}

/** "Engine: [Build box ▾]" in a dialog, only when there is a choice to make. */
export function EngineChoice({ value, onChange }: { value: string; onChange(engineId: string): void }) {
  const engines = useEnabledEngines();
  const page = usePageEngine();
  if (engines.length <= 1 || page !== null) return null;
  return (
    <label className="engine-choice">
      <span>Engine</span>
      <EngineSelect engines={engines} value={value} onChange={onChange} />
    </label>
  );
}

interface EngineSelectProps {
  engines: readonly EngineStatus[];
  value: string;
  onChange(engineId: string): void;
  disabled?: boolean;
  /** The accessible name, where no visible label names the select. */
  label?: string;
}

/** A choice among `engines`, each by its name. */
export function EngineSelect({ engines, value, onChange, disabled, label }: EngineSelectProps) {
  return (
    <select className="select" aria-label={label} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value)}>
      {engines.map((s) => (
        <option key={s.engineId} value={s.engineId}>
          {engineName(s)}
        </option>
      ))}
    </select>
  );
}
