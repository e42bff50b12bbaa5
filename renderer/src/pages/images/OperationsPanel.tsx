import { ChevronDown, ChevronRight, CircleCheck, CircleSlash, CircleX, Copy, Hammer, LoaderCircle, Upload, Download, X } from 'lucide-react';
import { useMemo, useState } from 'react';
import type { LayerProgress } from '../../../../preload/contract';
import { formatBytes } from '../../format/bytes';
import { errorMessage } from '../../format/error-message';
import { cancelOperation, clearFinished, dismissOperation, useOperations, type Operation } from '../../operations/operations-store';
import { BuildSteps, FailedStepLink } from '../../dockerfile/BuildSteps';
import { buildDockerfilePath } from '../../dockerfile/build-steps-view';

const KIND_ICONS = { pull: Download, push: Upload, build: Hammer, copy: Copy } as const;
const PHASE_LABELS: Record<LayerProgress['phase'], string> = {
  waiting: 'waiting',
  downloading: 'downloading',
  verifying: 'verifying',
  extracting: 'extracting',
  pushing: 'pushing',
  done: 'done',
  exists: 'already here',
};

const isImageOperation = (op: Operation) => op.kind === 'pull' || op.kind === 'push' || op.kind === 'build' || op.kind === 'copy';
/** Queued behind another operation on the same reference reads as running here, as it always has. */
const shownState = (op: Operation) => (op.state === 'queued' ? 'running' : op.state);

/** Pulls, pushes and builds: progress (per layer, per step for those this window started), log, cancel, result. */
export function OperationsPanel() {
  const all = useOperations((s) => s.operations);
  const hidden = useOperations((s) => s.hidden);
  const operations = useMemo(() => all.filter((o) => isImageOperation(o) && (o.state === 'queued' || o.state === 'running' || !hidden.has(o.id))), [all, hidden]);
  if (operations.length === 0) return null;
  const finished = operations.some((o) => shownState(o) !== 'running');
  return (
    <section className="operations-panel" aria-label="Operations" data-testid="operations-panel">
      <header className="operations-header">
        <h2 className="caption">Operations</h2>
        <span className="muted">{operations.filter((o) => shownState(o) === 'running').length} running</span>
        {finished && (
          <button type="button" className="btn btn-small" onClick={() => clearFinished(isImageOperation)}>
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
  if (op.live?.transfer) return op.live.transfer.percent;
  if (op.live?.step && op.live.step.total > 0) return Math.round(((op.live.step.step - 1) / op.live.step.total) * 100);
  return op.progress === null ? null : op.progress * 100;
}

function OperationView({ op }: { op: Operation }) {
  const [open, setOpen] = useState(op.kind === 'build');
  const Icon = KIND_ICONS[op.kind as keyof typeof KIND_ICONS];
  const percent = percentOf(op);
  const state = shownState(op);
  const { transfer, step, context, steps, build, log } = op.live ?? { transfer: null, step: null, context: null, steps: null, build: null, log: [] };
  const StateIcon = state === 'running' ? LoaderCircle : state === 'done' ? CircleCheck : state === 'failed' ? CircleX : CircleSlash;
  const details = op.error?.details as { output?: string[]; instruction?: string; step?: number; total?: number } | undefined;
  return (
    <li className={`operation op-${state}`} data-testid="operation" data-kind={op.kind} data-subject={op.subject} data-state={state}>
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
          {state === 'running' ? (percent === null ? '…' : `${percent.toFixed(0)}%`) : state}
        </span>
        <span className="operation-detail muted">
          {transfer && transfer.bytes.total > 0 && `${formatBytes(transfer.bytes.current)} / ${formatBytes(transfer.bytes.total)}`}
          {step && `step ${step.step}/${step.total}`}
          {context && ` · context ${formatBytes(context.bytes)}`}
        </span>
        <StateIcon size={14} className={state === 'running' ? 'spin' : `state-icon-${state}`} aria-hidden />
        {state === 'running' ? (
          <button type="button" className="btn btn-small" onClick={() => cancelOperation(op)} aria-label={`Cancel ${op.kind} ${op.subject}`}>
            Cancel
          </button>
        ) : (
          <button type="button" className="icon-btn" onClick={() => dismissOperation(op)} aria-label={`Dismiss ${op.kind} ${op.subject}`}>
            <X size={13} />
          </button>
        )}
      </div>
      {context?.warning && <p className="operation-message tone-warning">{context.warning}</p>}
      {state === 'failed' && op.error && <p className="operation-message tone-danger" role="alert">{errorMessage(op.error)}</p>}
      {state === 'failed' && build && details?.step ? <FailedStepLink build={build} step={details.step} /> : null}
      {open && (
        <div className="operation-body">
          {transfer && transfer.layers.length > 0 && (
            <ul className="layer-progress" data-testid="layer-progress">
              {transfer.layers.map((l) => (
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
          {step && state === 'running' && <p className="operation-step mono">{step.instruction}</p>}
          {steps && steps.length > 0 && <BuildSteps steps={steps} dockerfile={build ? buildDockerfilePath(build) : null} />}
          {details?.output && details.output.length > 0 && (
            <pre className="operation-log failed-output" data-testid="failed-step-output">
              {details.output.join('\n')}
            </pre>
          )}
          {log.length > 0 && !details?.output && <pre className="operation-log">{log.slice(-200).join('\n')}</pre>}
        </div>
      )}
    </li>
  );
}
