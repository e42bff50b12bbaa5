import { Eye, EyeOff, LoaderCircle } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { ComposeWatchMessage, ComposeWatchState, ComposeWatchSupport } from '../../../../preload/contract';
import { berth } from '../../api';
import { errorMessage } from '../../format/error-message';
import { toast } from '../../stores/toast-store';
import { followComposeWatches, useStackWatch, watchActive } from './compose-watch-store';

interface Target {
  engineId: string;
  path: string;
  projectName?: string;
}

const PHASE_TEXT: Record<ComposeWatchState['phase'], string> = {
  starting: 'starting…',
  watching: 'on',
  stopping: 'stopping…',
  stopped: 'off',
  failed: 'failed',
};

/**
 * The Watch toggle of a stack: shown when some service has `develop.watch`; a switch when the compose CLI has
 * `watch`, else a note whose tooltip says which version it needs. `beforeStart` saves the editor's files (compose
 * watch reads the file on disk).
 */
export function WatchToggle({ target, support, beforeStart }: { target: Target; support: ComposeWatchSupport | null; beforeStart(): Promise<boolean> }) {
  useEffect(followComposeWatches, []);
  const state = useStackWatch(target.engineId, target.path);
  const [busy, setBusy] = useState(false);
  if (!support || support.services.length === 0) return null;
  if (!support.supported) {
    return (
      <span className="badge tone-neutral stack-watch-unsupported" data-testid="stack-watch-unsupported" title={support.reason ?? undefined} tabIndex={0}>
        <EyeOff size={13} aria-hidden /> Watch unavailable
      </span>
    );
  }
  const on = watchActive(state);
  const pending = busy || state?.phase === 'starting' || state?.phase === 'stopping';
  const toggle = async () => {
    setBusy(true);
    try {
      if (on) await berth.stacks.composeWatch.stop(target);
      else if (await beforeStart()) await berth.stacks.composeWatch.start(target);
    } catch (e) {
      toast.error(on ? 'Could not stop compose watch' : 'Could not start compose watch', errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      aria-label="Watch"
      className={`btn stack-watch${on ? ' on' : ''}`}
      data-testid="stack-watch-toggle"
      data-phase={state?.phase ?? 'stopped'}
      disabled={busy || state?.phase === 'stopping'}
      onClick={() => void toggle()}
      title={`compose watch: sync or rebuild ${support.services.join(', ')} when their files change (develop.watch). ${on ? 'Click to stop it.' : 'Starts what is not running first.'}`}
    >
      {pending ? <LoaderCircle size={14} className="spin" aria-hidden /> : on ? <Eye size={14} aria-hidden /> : <EyeOff size={14} aria-hidden />}
      Watch <span className="stack-watch-phase">{PHASE_TEXT[state?.phase ?? 'stopped']}</span>
    </button>
  );
}

const MAX_LINES = 2000;

/** The watch's own output (sync and rebuild events), live, beside the operations' output; why it stopped when it failed. */
export function WatchPanel({ engineId, path }: { engineId: string; path: string }) {
  useEffect(followComposeWatches, []);
  const state = useStackWatch(engineId, path);
  const [lines, setLines] = useState<{ text: string; stream: string }[]>([]);
  const outRef = useRef<HTMLPreElement>(null);
  const projectName = state?.projectName;
  const startedAt = state?.startedAt;
  useEffect(() => {
    if (!projectName) return;
    setLines([]);
    return berth.stacks.composeWatch.output(
      { engineId, projectName },
      {
        next: (m: ComposeWatchMessage) => {
          if (m.type === 'line') setLines((l) => [...l, { text: m.text, stream: m.stream }].slice(-MAX_LINES));
        },
      },
    );
    // A new start of the same stack replays its lines from the start: follow it afresh.
  }, [engineId, projectName, startedAt]);
  const phase = state?.phase;
  // Also when the phase changes: the failure note above the output takes room from it.
  useEffect(() => {
    const el = outRef.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    const frame = requestAnimationFrame(() => (el.scrollTop = el.scrollHeight));
    return () => cancelAnimationFrame(frame);
  }, [lines.length, phase]);
  if (!state) return null;
  return (
    <section className="stack-operation stack-watch-panel" aria-label="Watch output" data-testid="stack-watch-panel" data-phase={state.phase}>
      <h2>
        {watchActive(state) ? <Eye size={14} aria-hidden /> : <EyeOff size={14} aria-hidden />}
        compose watch {PHASE_TEXT[state.phase]}
      </h2>
      {state.phase === 'failed' && state.message && (
        <ul className="stack-failures" data-testid="stack-watch-failure">
          <li>{state.message}</li>
        </ul>
      )}
      <pre ref={outRef} className="stack-output" data-testid="stack-watch-output">
        {lines.map((l, i) => (
          <div key={i} className={l.stream === 'stderr' && /\berror\b|cannot|failed/i.test(l.text) ? 'err' : undefined}>
            {l.text}
          </div>
        ))}
      </pre>
    </section>
  );
}
