import type { BerthErrorShape, BuildMessage, OperationKind, OperationState, TrackedOperation, TransferMessage } from '../../../preload/contract';
import type { BuildStepReport } from '../../../preload/contract/dockerfiles';
import type { PageId } from '../shell/pages';

/**
 * The one model of a long operation in the renderer. Main's lifecycle controller owns every operation
 * (`operations.watch`: state, a 0..1 progress, a last line); a pull, push or build started in this window also has
 * its own stream, which says more (each layer, each build step, the log, the failing step's output). An `Operation`
 * is main's record joined with that stream by main's operation id (the stream's first message names it). Pure: the
 * store (operations-store.ts) feeds it and decides toasts with `outcomesToToast` / `liveOutcomeToast`.
 */
export type StreamKind = 'pull' | 'push' | 'build';

/** What this window's own stream of a pull, push or build said. */
export interface LiveDetail {
  /** This window's key for the stream (main's id comes later, in its first message). */
  key: number;
  kind: StreamKind;
  /** The reference pulled or pushed as typed, or the build's first tag / context folder. */
  subject: string;
  /** Main's operation id, once the stream named it. */
  operationId: number | null;
  startedAt: number;
  /** How the stream ended, with the error it ended with (its details: a failed build step's output). */
  ended: Exclude<OperationState, 'queued' | 'running'> | null;
  endedAt: number | null;
  error: BerthErrorShape | null;
  transfer: Extract<TransferMessage, { type: 'progress' }> | null;
  step: { step: number; total: number; instruction: string } | null;
  context: { bytes: number; files: number; warning: string | null } | null;
  /** The last lines of status / build output (at most MAX_LOG_LINES). */
  log: readonly string[];
  result: { id: string | null; digest: string | null } | null;
  /** A build's per-step report (time, cache, bytes added), once it finished or failed. */
  steps: BuildStepReport[] | null;
  /** What a build was given, so a failure can open its Dockerfile at the failing step. */
  build: { context: string; dockerfile: string } | null;
}

export interface Operation {
  /** Main's id; negative for a start main refused before tracking it (this window's stream key, negated). */
  id: number;
  kind: OperationKind;
  label: string;
  subject: string;
  state: OperationState;
  /** 0..1 when known. */
  progress: number | null;
  /** The latest line of output or progress text. */
  detail: string;
  error: BerthErrorShape | null;
  queuedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  /** This window's stream of it; null for an operation started elsewhere (another page's call, another window). */
  live: LiveDetail | null;
}

export const MAX_LOG_LINES = 2000;

export const isLive = (op: { state: OperationState }) => op.state === 'queued' || op.state === 'running';

export function newLive(key: number, kind: StreamKind, subject: string, startedAt: number, build: LiveDetail['build'] = null): LiveDetail {
  return { key, kind, subject, operationId: null, startedAt, ended: null, endedAt: null, error: null, transfer: null, step: null, context: null, log: [], result: null, steps: null, build };
}

const appendLog = (log: readonly string[], lines: readonly string[]) => (log.length + lines.length > MAX_LOG_LINES ? [...log, ...lines].slice(-MAX_LOG_LINES) : [...log, ...lines]);

/** A pull's or push's stream message applied to its detail. */
export function applyTransferMessage(live: LiveDetail, m: TransferMessage): LiveDetail {
  switch (m.type) {
    case 'operation':
      return { ...live, operationId: m.id };
    case 'progress':
      return { ...live, transfer: m };
    case 'log':
      return { ...live, log: appendLog(live.log, [m.line]) };
    case 'done':
      return { ...live, result: { id: m.id, digest: m.digest } };
  }
}

/** A build's stream message applied to its detail. */
export function applyBuildMessage(live: LiveDetail, m: BuildMessage): LiveDetail {
  switch (m.type) {
    case 'operation':
      return { ...live, operationId: m.id };
    case 'context':
      return { ...live, context: { bytes: m.bytes, files: m.files, warning: m.warning } };
    case 'step':
      return { ...live, step: { step: m.step, total: m.total, instruction: m.instruction } };
    case 'steps':
      return { ...live, steps: m.steps };
    case 'log': {
      const lines = m.text.split('\n').filter((l) => l.trim() !== '');
      return lines.length ? { ...live, log: appendLog(live.log, lines) } : live;
    }
    case 'done':
      return { ...live, result: { id: m.id, digest: null } };
  }
}

/** The stream's end: done, or the error it failed with (`CANCELLED`: cancelled). */
export function endLive(live: LiveDetail, error: BerthErrorShape | null, at: number): LiveDetail {
  if (live.ended) return live;
  return { ...live, ended: !error ? 'done' : error.code === 'CANCELLED' ? 'cancelled' : 'failed', endedAt: at, error };
}

/** "pull nginx:1.27" → "nginx:1.27": what an operation acts on, from main's label. */
const subjectOf = (label: string) => label.slice(label.indexOf(' ') + 1);

/**
 * Main's records joined with this window's streams: one `Operation` each. A stream's own end is the final word for
 * this window (it carries the error's details); until then main's record says where the operation is. A stream main
 * has not listed yet, or refused before tracking, stands alone. Newest stream-only entries first, then main's order.
 */
export function mergeOperations(tracked: readonly TrackedOperation[], streams: readonly LiveDetail[]): Operation[] {
  const byId = new Map<number, LiveDetail>();
  for (const s of streams) if (s.operationId !== null) byId.set(s.operationId, s);
  const listed = new Set(tracked.map((t) => t.id));
  const alone = streams
    .filter((s) => s.operationId === null || !listed.has(s.operationId))
    .sort((a, b) => b.startedAt - a.startedAt)
    .map(
      (s): Operation => ({
        id: s.operationId ?? -s.key,
        kind: s.kind,
        label: `${s.kind} ${s.subject}`,
        subject: s.subject,
        state: s.ended ?? 'running',
        progress: s.ended === 'done' ? 1 : null,
        detail: '',
        error: s.error,
        queuedAt: s.startedAt,
        startedAt: s.startedAt,
        finishedAt: s.endedAt,
        live: s,
      }),
    );
  const joined = tracked.map((t): Operation => {
    const live = byId.get(t.id) ?? null;
    const error = live?.error ?? (t.error === null ? null : { code: 'ENGINE_ERROR' as const, message: t.error });
    return { ...t, state: live?.ended ?? t.state, subject: live?.subject ?? subjectOf(t.label), error: live?.ended && live.ended !== 'failed' ? null : error, finishedAt: t.finishedAt ?? live?.endedAt ?? null, live };
  });
  return [...alone, ...joined];
}

/**
 * The page that starts each kind of operation and shows its own view of it (the panel links there; no toast while
 * it is on screen), and the kinds whose starter elsewhere in this window waits for the outcome and says it itself:
 * a bulk action (its summary, containers/bulk), a pull the run dialog starts before it runs the container, and an
 * image copied to another engine (its dialog, images/CopyImageDialog).
 */
export const KINDS: Record<OperationKind, { page: PageId | null; reportedByCaller?: true }> = {
  pull: { page: 'images', reportedByCaller: true },
  push: { page: 'images' },
  build: { page: 'images' },
  copy: { page: 'images', reportedByCaller: true },
  prune: { page: 'images' },
  backup: { page: 'volumes' },
  restore: { page: 'volumes' },
  clone: { page: 'volumes' },
  compose: { page: 'stacks' },
  bulk: { page: 'containers', reportedByCaller: true },
  remove: { page: null },
};

export interface OutcomeToast {
  ok: boolean;
  title: string;
  message: string | undefined;
}

const VERBS: Record<StreamKind, string> = { pull: 'Pulled', push: 'Pushed', build: 'Built' };
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** What to toast when a stream this window started ends: every outcome, on any page, but a cancel. */
export function liveOutcomeToast(live: LiveDetail): OutcomeToast | null {
  if (live.ended === 'done') return { ok: true, title: `${VERBS[live.kind]} ${live.subject}`, message: 'Done.' };
  if (live.ended === 'failed') return { ok: false, title: `Could not ${live.kind} ${live.subject}`, message: live.error?.message };
  return null;
}

/**
 * What to toast for a new list from main: the operations that finished since the last list, whose page is not on
 * screen, that this window's own stream does not report (`liveOutcomeToast` does) and no waiting caller reports.
 */
export function outcomesToToast(before: readonly TrackedOperation[], after: readonly TrackedOperation[], page: PageId, ownStreams: ReadonlySet<number>): OutcomeToast[] {
  const wasLive = new Set(before.filter(isLive).map((o) => o.id));
  return after
    .filter((o) => wasLive.has(o.id) && !isLive(o) && o.state !== 'cancelled' && !ownStreams.has(o.id))
    .filter((o) => !KINDS[o.kind].reportedByCaller && KINDS[o.kind].page !== page)
    .map((o) => (o.state === 'done' ? { ok: true, title: capitalize(o.label), message: 'Done.' } : { ok: false, title: `Could not ${o.label}`, message: o.error ?? undefined }));
}
