import { ChevronDown, ChevronRight, CircleCheck, CircleSlash, CircleX, Hammer, LoaderCircle, Upload, Download, X } from 'lucide-react';
import { useState } from 'react';
import type { LayerProgress } from '../../../../preload/contract';
import { formatBytes } from '../../format/bytes';
import { errorMessage } from '../../format/error-message';
import { cancelOperation, clearFinished, dismissOperation, useOperations, type Operation } from './operations-store';
import { BuildSteps, FailedStepLink } from '../../dockerfile/BuildSteps';
import { buildDockerfilePath } from '../../dockerfile/build-steps-view';

const KIND_ICONS = { pull: Download, push: Upload, build: Hammer } as const;
const PHASE_LABELS: Record<LayerProgress['phase'], string> = {
  waiting: 'waiting',
  downloading: 'downloading',
  verifying: 'verifying',
  extracting: 'extracting',
  pushing: 'pushing',
  done: 'done',
  exists: 'already here',
};

/** Pulls, pushes and builds of this window: progress, log, cancel, result. */
export function OperationsPanel() {
  const operations = useOperations((s) => s.operations);
  if (operations.length === 0) return null;
  const finished = operations.some((o) => o.state !== 'running');
  return (
    <section className="operations-panel" aria-label="Operations" data-testid="operations-panel">
      <header className="operations-header">
        <h2>Operations</h2>
        <span className="muted">{operations.filter((o) => o.state === 'running').length} running</span>
        {finished && (
          <button type="button" className="btn btn-small" onClick={clearFinished}>
            Clear finished
          </button>
        )}
      </header>
      <ul className="operations-list">
        {operations.map((op) => (
          <OperationView key={op.id} op={op} />
        ))}
      </ul>
    </section>
  );
}

function percentOf(op: Operation): number | null {
  if (op.state === 'done') return 100;
  if (op.progress) return op.progress.percent;
  if (op.step && op.step.total > 0) return Math.round(((op.step.step - 1) / op.step.total) * 100);
  return null;
}

function OperationView({ op }: { op: Operation }) {
  const [open, setOpen] = useState(op.kind === 'build');
  const Icon = KIND_ICONS[op.kind];
  const percent = percentOf(op);
  const StateIcon = op.state === 'running' ? LoaderCircle : op.state === 'done' ? CircleCheck : op.state === 'failed' ? CircleX : CircleSlash;
  const details = op.error?.details as { output?: string[]; instruction?: string; step?: number; total?: number } | undefined;
  return (
    <li className={`operation op-${op.state}`} data-testid="operation" data-kind={op.kind} data-subject={op.subject} data-state={op.state}>
      <div className="operation-row">
        <button type="button" className="icon-btn" aria-label={open ? 'Hide details' : 'Show details'} aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? <ChevronDown size={14} /> : <ChevronRight size={14} />}
        </button>
        <Icon size={14} aria-hidden />
        <span className="operation-title">
          <span className="operation-kind">{op.kind}</span> <span className="mono">{op.subject}</span>
        </span>
        <div className="operation-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent ?? undefined} aria-label={`${op.kind} ${op.subject}`}>
          <span style={{ width: `${percent ?? 0}%` }} />
        </div>
        <span className="operation-figure" data-testid="operation-percent">
          {op.state === 'running' ? (percent === null ? '…' : `${percent.toFixed(0)}%`) : op.state}
        </span>
        <span className="operation-detail muted">
          {op.progress && op.progress.bytes.total > 0 && `${formatBytes(op.progress.bytes.current)} / ${formatBytes(op.progress.bytes.total)}`}
          {op.step && `step ${op.step.step}/${op.step.total}`}
          {op.context && ` · context ${formatBytes(op.context.bytes)}`}
        </span>
        <StateIcon size={14} className={op.state === 'running' ? 'spin' : `state-icon-${op.state}`} aria-hidden />
        {op.state === 'running' ? (
          <button type="button" className="btn btn-small" onClick={() => cancelOperation(op.id)} aria-label={`Cancel ${op.kind} ${op.subject}`}>
            Cancel
          </button>
        ) : (
          <button type="button" className="icon-btn" onClick={() => dismissOperation(op.id)} aria-label={`Dismiss ${op.kind} ${op.subject}`}>
            <X size={13} />
          </button>
        )}
      </div>
      {op.context?.warning && <p className="operation-warning">{op.context.warning}</p>}
      {op.state === 'failed' && op.error && <p className="operation-error" role="alert">{errorMessage(op.error)}</p>}
      {op.state === 'failed' && op.build && details?.step ? <FailedStepLink build={op.build} step={details.step} /> : null}
      {open && (
        <div className="operation-body">
          {op.progress && op.progress.layers.length > 0 && (
            <ul className="layer-progress" data-testid="layer-progress">
              {op.progress.layers.map((l) => (
                <li key={l.id} data-phase={l.phase}>
                  <code>{l.id}</code>
                  <div className="operation-bar small">
                    <span style={{ width: `${l.fraction * 100}%` }} />
                  </div>
                  <span className="muted">
                    {PHASE_LABELS[l.phase]}
                    {l.total > 0 && l.phase !== 'exists' ? ` · ${formatBytes(l.current)} / ${formatBytes(l.total)}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {op.step && op.state === 'running' && <p className="operation-step mono">{op.step.instruction}</p>}
          {op.steps && op.steps.length > 0 && <BuildSteps steps={op.steps} dockerfile={op.build ? buildDockerfilePath(op.build) : null} />}
          {details?.output && details.output.length > 0 && (
            <pre className="operation-log failed-output" data-testid="failed-step-output">
              {details.output.join('\n')}
            </pre>
          )}
          {op.log.length > 0 && !details?.output && <pre className="operation-log">{op.log.slice(-200).join('\n')}</pre>}
        </div>
      )}
    </li>
  );
}
