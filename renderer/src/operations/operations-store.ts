import { create } from 'zustand';
import type { BerthErrorShape, BuildMessage, TrackedOperation, TransferMessage } from '../../../preload/contract';
import { berth } from '../api';
import { followStream } from '../data/follow-stream';
import { useNavigation } from '../stores/navigation-store';
import { toast } from '../stores/toast-store';
import {
  applyBuildMessage,
  applyTransferMessage,
  endLive,
  isLive,
  liveOutcomeToast,
  mergeOperations,
  newLive,
  outcomesToToast,
  type LiveDetail,
  type Operation,
  type OutcomeToast,
  type StreamKind,
} from './operations-model';

export { isLive, KINDS, type Operation } from './operations-model';

export type BuildInput = Parameters<typeof berth.images.build>[0];

interface OperationsStore {
  /** Main's tracked operations, as `operations.watch` last listed them. */
  tracked: readonly TrackedOperation[];
  /** This window's own pull, push and build streams, by their key. */
  streams: ReadonlyMap<number, LiveDetail>;
  /** The two joined (operations-model.ts): what every view reads. */
  operations: readonly Operation[];
  /** Finished operations the user cleared or dismissed (main keeps the last few). */
  hidden: ReadonlySet<number>;
  panelOpen: boolean;
}

/**
 * Every long operation of the app in one store: main's lifecycle controller's list, joined with the richer stream
 * of each pull, push and build this window started. The one place that toasts an operation's outcome.
 */
export const useOperations = create<OperationsStore>()(() => ({ tracked: [], streams: new Map(), operations: [], hidden: new Set(), panelOpen: false }));

function set(next: Partial<Pick<OperationsStore, 'tracked' | 'streams'>>) {
  useOperations.setState((s) => {
    const tracked = next.tracked ?? s.tracked;
    const streams = next.streams ?? s.streams;
    return { tracked, streams, operations: mergeOperations(tracked, [...streams.values()]) };
  });
}

function show(t: OutcomeToast) {
  if (t.ok) toast.success(t.title, t.message);
  else toast.error(t.title, t.message);
}

function applyTracked(tracked: TrackedOperation[]) {
  const { tracked: before, streams } = useOperations.getState();
  set({ tracked });
  const own = new Set([...streams.values()].flatMap((s) => (s.operationId === null ? [] : [s.operationId])));
  for (const t of outcomesToToast(before, tracked, useNavigation.getState().page, own)) show(t);
}

/** Follows main's operations for the life of the window (every engine's: main's one lifecycle controller). */
export function followOperations(): () => void {
  const stream = followStream<{ operations: TrackedOperation[] }>({
    open: (h) => berth.operations.watch({}, h),
    onMessage: (m) => applyTracked(m.operations),
  });
  return () => stream.stop();
}

let nextKey = 1;
/** This window's way to stop each stream it started, by stream key. */
const stops = new Map<number, () => void>();

function updateStream(key: number, fn: (live: LiveDetail) => LiveDetail) {
  const live = useOperations.getState().streams.get(key);
  if (!live) return;
  set({ streams: new Map(useOperations.getState().streams).set(key, fn(live)) });
}

function endStream(key: number, error: BerthErrorShape | null) {
  stops.delete(key);
  const before = useOperations.getState().streams.get(key);
  if (!before || before.ended) return;
  updateStream(key, (live) => endLive(live, error, Date.now()));
  const after = useOperations.getState().streams.get(key);
  const outcome = after && liveOutcomeToast(after);
  if (outcome) show(outcome);
}

/** Opens a pull, push or build stream, feeding `apply` with its messages; the stream lives until it ends. */
function startStream<M>(live: LiveDetail, open: (h: { next: (m: M) => void; error: (e: BerthErrorShape) => void; complete: () => void }) => () => void, apply: (live: LiveDetail, m: M) => LiveDetail, onMessage?: (m: M) => void): number {
  set({ streams: new Map(useOperations.getState().streams).set(live.key, live) });
  const stop = open({
    next: (m) => {
      updateStream(live.key, (l) => apply(l, m));
      onMessage?.(m);
    },
    error: (e) => endStream(live.key, e),
    complete: () => endStream(live.key, null),
  });
  if (useOperations.getState().streams.get(live.key)?.ended) return live.key;
  stops.set(live.key, stop);
  return live.key;
}

function startTransfer(kind: Exclude<StreamKind, 'build'>, ref: string, engineId: string): number {
  const call = kind === 'pull' ? berth.images.pull : berth.images.push;
  return startStream<TransferMessage>(newLive(nextKey++, kind, ref, Date.now()), (h) => call({ engineId, ref }, h), applyTransferMessage);
}

/** Pulls `ref` into, or pushes it from, one engine. */
export const startPull = (ref: string, engineId: string) => startTransfer('pull', ref, engineId);
export const startPush = (ref: string, engineId: string) => startTransfer('push', ref, engineId);

/** Builds an image; `onBuilt` hears the new image's id. */
export function startBuild(input: BuildInput, onBuilt?: (imageId: string) => void): number {
  const subject = input.tags?.[0] ?? input.context;
  const live = newLive(nextKey++, 'build', subject, Date.now(), { context: input.context, dockerfile: input.dockerfile ?? 'Dockerfile' });
  return startStream<BuildMessage>(live, (h) => berth.images.build(input, h), applyBuildMessage, (m) => {
    if (m.type === 'done') onBuilt?.(m.id);
  });
}

/**
 * Cancels an operation: main aborts its engine request. One this window streams is also stopped here and marked
 * cancelled at once (its stream would say so a moment later).
 */
export function cancelOperation(op: Operation) {
  const key = op.live?.key;
  if (key !== undefined && stops.has(key)) {
    stops.get(key)?.();
    endStream(key, { code: 'CANCELLED', message: 'Cancelled.' });
  }
  if (op.id > 0) berth.operations.cancel({ id: op.id }).catch(() => undefined);
}

/** Hides finished operations (all of them, or those `which` picks) from the panels; their streams' details go. */
export function clearFinished(which: (op: Operation) => boolean = () => true) {
  const finished = useOperations.getState().operations.filter((o) => !isLive(o) && which(o));
  hide(finished);
}

export function dismissOperation(op: Operation) {
  if (!isLive(op)) hide([op]);
}

function hide(ops: readonly Operation[]) {
  const streams = new Map(useOperations.getState().streams);
  for (const o of ops) if (o.live) streams.delete(o.live.key);
  useOperations.setState((s) => ({ hidden: new Set([...s.hidden, ...ops.map((o) => o.id)]) }));
  set({ streams });
}

export function toggleOperationsPanel(open = !useOperations.getState().panelOpen) {
  useOperations.setState({ panelOpen: open });
}
