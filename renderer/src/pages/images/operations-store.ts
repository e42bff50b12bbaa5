import { create } from 'zustand';
import type { BerthErrorShape, BuildMessage, TransferMessage } from '../../../../preload/contract';
import type { BuildStepReport } from '../../../../preload/contract/dockerfiles';
import { berth } from '../../api';
import { errorMessage } from '../../format/error-message';
import { toast } from '../../stores/toast-store';
import { useImageListView } from './images-store';

export type OperationKind = 'pull' | 'push' | 'build';
export type BuildInput = Parameters<typeof berth.images.build>[0];

export interface Operation {
  id: number;
  kind: OperationKind;
  /** The reference pulled or pushed, or the build's first tag / context folder. */
  subject: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  progress: Extract<TransferMessage, { type: 'progress' }> | null;
  step: { step: number; total: number; instruction: string } | null;
  context: { bytes: number; files: number; warning: string | null } | null;
  /** The last lines of status / build output. */
  log: string[];
  error: BerthErrorShape | null;
  result: { id: string | null; digest: string | null } | null;
  startedAt: number;
  /** A build's per-step report (time, cache, bytes added), once it finished or failed. */
  steps: BuildStepReport[] | null;
  /** What a build was given, so a failure can open its Dockerfile at the failing step. */
  build: { context: string; dockerfile: string } | null;
}

const MAX_LOG_LINES = 2000;
let nextId = 1;
const cancels = new Map<number, () => void>();

interface OperationsStore {
  operations: readonly Operation[];
}

/**
 * Long image operations (pull, push, build) in one place: each has progress, a log, a cancel and a result. Several
 * run at once; main serializes two on the same reference. A cancelled one leaves nothing half-done in the list:
 * it is marked cancelled and can be dismissed.
 */
export const useOperations = create<OperationsStore>()(() => ({ operations: [] }));

function update(id: number, fn: (op: Operation) => Partial<Operation>) {
  useOperations.setState((s) => ({ operations: s.operations.map((op) => (op.id === id ? { ...op, ...fn(op) } : op)) }));
}

const appendLog = (log: string[], lines: string[]) => (log.length + lines.length > MAX_LOG_LINES ? [...log, ...lines].slice(-MAX_LOG_LINES) : [...log, ...lines]);

function begin(kind: OperationKind, subject: string): number {
  const id = nextId++;
  const op: Operation = { id, kind, subject, state: 'running', progress: null, step: null, context: null, log: [], error: null, result: null, startedAt: Date.now(), steps: null, build: null };
  useOperations.setState((s) => ({ operations: [op, ...s.operations] }));
  return id;
}

function finish(id: number, kind: OperationKind, subject: string, error: BerthErrorShape | null) {
  cancels.delete(id);
  if (!error) {
    update(id, () => ({ state: 'done' }));
    toast.success(`${VERBS[kind]} ${subject}`, 'Done.');
  } else if (error.code === 'CANCELLED') {
    update(id, () => ({ state: 'cancelled', error }));
  } else {
    update(id, () => ({ state: 'failed', error }));
    toast.error(`Could not ${kind} ${subject}`, errorMessage(error));
  }
}

const VERBS: Record<OperationKind, string> = { pull: 'Pulled', push: 'Pushed', build: 'Built' };

function startTransfer(kind: 'pull' | 'push', ref: string, engineId: string): number {
  const id = begin(kind, ref);
  const call = kind === 'pull' ? berth.images.pull : berth.images.push;
  let failed: BerthErrorShape | null = null;
  const stop = call(
    { engineId, ref },
    {
      next: (m) => {
        if (m.type === 'progress') update(id, () => ({ progress: m }));
        else if (m.type === 'log') update(id, (op) => ({ log: appendLog(op.log, [m.line]) }));
        else update(id, () => ({ result: { id: m.id, digest: m.digest } }));
      },
      error: (e) => {
        failed = e;
        finish(id, kind, ref, e);
      },
      complete: () => {
        if (!failed) finish(id, kind, ref, null);
      },
    },
  );
  cancels.set(id, () => {
    stop();
    finish(id, kind, ref, { code: 'CANCELLED', message: 'Cancelled.' });
  });
  return id;
}

/** Pulls `ref` into, or pushes it from, one engine. */
export const startPull = (ref: string, engineId: string) => startTransfer('pull', ref, engineId);
export const startPush = (ref: string, engineId: string) => startTransfer('push', ref, engineId);

export function startBuild(input: BuildInput): number {
  const subject = input.tags?.[0] ?? input.context;
  const id = begin('build', subject);
  update(id, () => ({ build: { context: input.context, dockerfile: input.dockerfile ?? 'Dockerfile' } }));
  let failed: BerthErrorShape | null = null;
  const stop = berth.images.build(input, {
    next: (m: BuildMessage) => {
      if (m.type === 'context') update(id, () => ({ context: m }));
      else if (m.type === 'step') update(id, () => ({ step: m }));
      else if (m.type === 'steps') update(id, () => ({ steps: m.steps }));
      else if (m.type === 'log') {
        const lines = m.text.split('\n').filter((l) => l.trim() !== '');
        if (lines.length) update(id, (op) => ({ log: appendLog(op.log, lines) }));
      }
      else {
        update(id, () => ({ result: { id: m.id, digest: null } }));
        useImageListView.getState().highlight(m.id);
      }
    },
    error: (e) => {
      failed = e;
      finish(id, 'build', subject, e);
    },
    complete: () => {
      if (!failed) finish(id, 'build', subject, null);
    },
  });
  cancels.set(id, () => {
    stop();
    finish(id, 'build', subject, { code: 'CANCELLED', message: 'Build cancelled.' });
  });
  return id;
}

export function cancelOperation(id: number): void {
  cancels.get(id)?.();
}

export function dismissOperation(id: number): void {
  useOperations.setState((s) => ({ operations: s.operations.filter((op) => op.id !== id || op.state === 'running') }));
}

export function clearFinished(): void {
  useOperations.setState((s) => ({ operations: s.operations.filter((op) => op.state === 'running') }));
}
