import { Activity, CircleX, LoaderCircle, Play, RotateCw, ScrollText, Square, SquareTerminal, CheckCircle2 } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { StackAction } from '../../../../preload/contract';
import { useNavigation } from '../../stores/navigation-store';
import { useToastStore } from '../../stores/toast-store';
import { openTerminal, togglePanel } from '../../terminal/terminal-store';
import { HealthBadge, PortLinks, StateBadge } from '../containers/ContainerCells';
import { openMergedLogs } from '../logs/GroupLogsButton';
import { serviceStepTone, type StackRow } from './stack-rows';
import { useStacksStore, type RunRequest } from './stacks-store';

type OnAction = ((action: StackAction, extra: Partial<RunRequest>) => void) | null;

/** Each service with its containers (state, health) and one click to its logs, a terminal, its stats. */
export function ServicesPanel({ row, declared, onAction }: { row: StackRow | null; declared: string[]; onAction: OnAction }) {
  const services = [...new Set([...declared, ...(row?.services ?? [])])];
  const progress = useStacksStore((s) => {
    const ops = s.operations.filter((o) => o.stackKey === row?.key);
    return ops[ops.length - 1]?.services;
  });
  const openItem = useNavigation((s) => s.open);
  return (
    <section className="stack-services-panel" aria-label="Services">
      <h2>Services</h2>
      {services.length === 0 && <p className="muted">No services yet.</p>}
      <ul className="plain-list">
        {services.map((service) => {
          const containers = row?.containers.filter((c) => c.compose?.service === service) ?? [];
          const running = containers.filter((c) => c.state === 'running');
          const step = progress?.[service];
          return (
            <li key={service} className="stack-service" data-testid="stack-service" data-service={service} data-running={running.length}>
              <div className="stack-service-head">
                <strong>{service}</strong>
                {step && (
                  <span className={`stack-step ${serviceStepTone(step)}`} data-testid="stack-step" data-tone={serviceStepTone(step)} title={step.error}>
                    {step.state === 'working' ? <LoaderCircle size={12} className="spin" aria-hidden /> : step.state === 'failed' ? <CircleX size={12} aria-hidden /> : <CheckCircle2 size={12} aria-hidden />}
                    {step.step}
                  </span>
                )}
                <span className="stack-service-actions">
                  {containers.length > 0 && (
                    <button type="button" className="icon-btn" aria-label={`Logs of ${service}`} title="Logs" onClick={() => openMergedLogs(containers.map((c) => ({ engineId: c.engineId, id: c.id })), { label: row?.name ?? service })}>
                      <ScrollText size={14} />
                    </button>
                  )}
                  {onAction && (
                    <>
                      <button type="button" className="icon-btn" aria-label={`Start ${service}`} title="Start" onClick={() => onAction(containers.length ? 'start' : 'up', { services: [service] })}>
                        <Play size={14} />
                      </button>
                      <button type="button" className="icon-btn" aria-label={`Stop ${service}`} title="Stop" disabled={running.length === 0} onClick={() => onAction('stop', { services: [service] })}>
                        <Square size={14} />
                      </button>
                      <button type="button" className="icon-btn" aria-label={`Restart ${service}`} title="Restart" disabled={containers.length === 0} onClick={() => onAction('restart', { services: [service] })}>
                        <RotateCw size={14} />
                      </button>
                      <ScaleControl service={service} current={containers.length} onScale={(n) => onAction('up', { services: [service], scale: [{ service, replicas: n }] })} />
                    </>
                  )}
                </span>
              </div>
              {step?.state === 'failed' && step.error && <p className="stack-service-error">{step.error}</p>}
              <ul className="stack-containers">
                {containers.length === 0 && <li className="muted">not created</li>}
                {containers.map((c) => (
                  <li key={c.id} data-testid="stack-container" data-container-name={c.name} data-state={c.state}>
                    <button type="button" className="btn-link stack-container-link mono" onClick={() => openItem(c.id, null, 'containers')} title="Open the container">
                      {c.name}
                    </button>
                    <StateBadge state={c.state} />
                    {c.health && <HealthBadge health={c.health} />}
                    {c.ports.some((p) => p.publicPort) && <PortLinks ports={c.ports.filter((p) => p.publicPort)} />}
                    <span className="stack-service-actions">
                      <button
                        type="button"
                        className="icon-btn"
                        aria-label={`Terminal in ${c.name}`}
                        title="Terminal"
                        disabled={c.state !== 'running'}
                        onClick={() => {
                          openTerminal({ engineId: c.engineId, containerId: c.id, containerName: c.name });
                          togglePanel(true);
                        }}
                      >
                        <SquareTerminal size={14} />
                      </button>
                      <button type="button" className="icon-btn" aria-label={`Stats of ${c.name}`} title="Stats" onClick={() => openItem(c.id, 'stats', 'containers')}>
                        <Activity size={14} />
                      </button>
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ScaleControl({ service, current, onScale }: { service: string; current: number; onScale(n: number): void }) {
  const [value, setValue] = useState(String(current || 1));
  useEffect(() => setValue(String(current || 1)), [current]);
  const n = Number(value);
  const valid = Number.isInteger(n) && n >= 0 && n <= 100;
  return (
    <span className="stack-scale">
      <input className="input" type="number" min={0} max={100} aria-label={`Replicas of ${service}`} value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="button" className="btn" disabled={!valid || n === current} onClick={() => onScale(n)}>
        Scale
      </button>
    </span>
  );
}

/** The latest compose operation of this stack: the command, per-service progress, failures, the output. */
export function OperationPanel({ stackKey }: { stackKey: string }) {
  const op = useStacksStore((s) => [...s.operations].reverse().find((o) => o.stackKey === stackKey));
  const outRef = useRef<HTMLPreElement>(null);
  const lineCount = op?.lines.length ?? 0;
  // A toast arriving (the outcome of this very run) adds room below the last line: scroll to it again.
  const toastCount = useToastStore((s) => s.toasts.length);
  useEffect(() => {
    const el = outRef.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    const frame = requestAnimationFrame(() => requestAnimationFrame(() => (el.scrollTop = el.scrollHeight)));
    return () => cancelAnimationFrame(frame);
  }, [lineCount, toastCount]);
  if (!op) {
    return (
      <section className="stack-operation" aria-label="Operation output">
        <h2>Output</h2>
        <p className="muted">The output of up, down and the other actions shows here.</p>
      </section>
    );
  }
  return (
    <section className="stack-operation" aria-label="Operation output" data-testid="stack-operation" data-running={op.running} data-ok={op.ok === null ? '' : String(op.ok)}>
      <h2>
        {op.running ? <LoaderCircle size={14} className="spin" aria-hidden /> : op.ok ? <CheckCircle2 size={14} className="ok" aria-hidden /> : <CircleX size={14} className="failed" aria-hidden />}
        {op.label} {op.running ? 'running' : op.ok ? 'done' : 'failed'}
        {op.cancel && (
          <button type="button" className="btn stack-cancel" onClick={op.cancel}>
            Cancel
          </button>
        )}
      </h2>
      {op.failures.length > 0 && (
        <ul className="stack-failures" data-testid="stack-failures">
          {op.failures.map((f, i) => (
            <li key={i}>
              {f.service && <strong>{f.service}: </strong>}
              {f.message}
            </li>
          ))}
        </ul>
      )}
      <pre ref={outRef} className="stack-output" data-testid="stack-output">
        {op.lines.map((l, i) => (
          <div key={i} className={/\berror\b/i.test(l.text) ? 'err' : undefined}>
            {l.text}
          </div>
        ))}
      </pre>
    </section>
  );
}
