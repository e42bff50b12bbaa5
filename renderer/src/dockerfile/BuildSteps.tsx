import { FileCode2 } from 'lucide-react';
import type { BuildStepReport } from '../../../preload/contract/dockerfiles';
import { formatBytes } from '../format/bytes';
import { openDockerfileDialog } from './dockerfile-dialogs';
import { buildDockerfilePath, buildSummary, formatStepTime } from './build-steps-view';

/**
 * Why a build took what it took: each step's time (with a bar against the slowest), cache hit or miss, the bytes its
 * layer added, and where the cache broke. `dockerfile` (the build's) lets a step open the editor on its line.
 */
export function BuildSteps({ steps, dockerfile }: { steps: BuildStepReport[]; dockerfile: string | null }) {
  const slowest = Math.max(1, ...steps.map((s) => s.ms));
  const summary = buildSummary(steps);
  return (
    <div data-testid="build-steps">
      <p className="build-steps-summary">{summary}</p>
      <table className="build-steps">
        <thead>
          <tr>
            <th>#</th>
            <th>Instruction</th>
            <th className="num">Time</th>
            <th>Cache</th>
            <th className="num">Added</th>
            {dockerfile && <th aria-label="Open in the editor" />}
          </tr>
        </thead>
        <tbody>
          {steps.map((s) => (
            <tr key={s.step} className={s.failed ? 'failed' : undefined} data-testid="build-step" data-cached={s.cached} data-step={s.step}>
              <td className="num">{s.step}</td>
              <td>
                <span className="instruction">{s.instruction}</span>
                <span className="bar" style={{ width: `${Math.max(1, (s.ms / slowest) * 100)}%` }} aria-hidden />
                {s.note && <span className="note">{s.note}</span>}
              </td>
              <td className="num">{formatStepTime(s.ms)}</td>
              <td>{/^(FROM|ARG)\b/i.test(s.instruction) ? <span className="muted">—</span> : s.failed ? <span className="cache-miss">failed</span> : s.cached ? <span className="cache-hit">hit</span> : <span className="cache-miss">miss</span>}</td>
              <td className="num">{s.size === null ? '' : s.size === 0 ? <span className="muted">0 B</span> : formatBytes(s.size)}</td>
              {dockerfile && (
                <td>
                  <button type="button" className="icon-btn" aria-label={`Show step ${s.step} in the Dockerfile`} title="Open the Dockerfile at this step" onClick={() => openDockerfileDialog({ kind: 'edit', path: dockerfile, step: s.step })}>
                    <FileCode2 size={13} />
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Under a failed build: open its Dockerfile with the cursor on the failing instruction. */
export function FailedStepLink({ build, step }: { build: { context: string; dockerfile: string }; step: number }) {
  return (
    <button type="button" className="btn btn-small" onClick={() => openDockerfileDialog({ kind: 'edit', path: buildDockerfilePath(build), step })}>
      <FileCode2 size={13} aria-hidden /> Open the Dockerfile at step {step}
    </button>
  );
}
