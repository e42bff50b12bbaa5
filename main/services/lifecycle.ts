import { BerthError } from '../../preload/contract/errors';
import { untilAborted } from './abort';
import type { AreaImplementation, AreaInputs } from '../../preload/contract';
import type { OperationKind, OperationState, TrackedOperation } from '../../preload/contract/operations';
import type { LockKey } from './locks';

/**
 * The lifecycle controller: every action on an engine object runs through here, keyed by the object, so two
 * conflicting actions on one container (stop while a restart is still running) are serialized, never raced.
 * Long operations (pull, push, build, compose, volume transfers, prune) pass a `kind`: they are tracked with
 * progress, a last line of output, a cancel and a final result, and streamed to the app-wide operations panel.
 */
export interface OperationInfo {
  id: number;
  key: LockKey;
  label: string;
  startedAt: number;
}

/** What a tracked operation's body gets: the signal to hand to the engine (aborted by its caller or by cancel). */
export interface OperationHandle {
  signal: AbortSignal;
  progress(fraction: number | null, detail?: string): void;
  detail(text: string): void;
  /** Marks the operation failed with `message` although its body returns normally (a stream that reports failure as a message). */
  fail(message: string): void;
}

export interface RunOptions {
  /** Tracks the operation in the operations panel. */
  kind?: OperationKind;
  /** The caller's signal (a stream's): aborts the operation's own signal too. */
  signal?: AbortSignal;
  /** Told the tracked operation's id as soon as it is tracked (before it waits for its lock), so a stream can name it. */
  onTracked?: (id: number) => void;
}

/** Finished operations kept for the panel. */
const RECENT = 30;

/** Also the `operations` area of the contract: its watch stream and its cancel. */
export class LifecycleController implements AreaImplementation<'operations'> {
  private readonly tails = new Map<LockKey, Promise<unknown>>();
  private readonly running = new Map<number, OperationInfo>();
  private readonly tracked = new Map<number, { op: TrackedOperation; abort: AbortController }>();
  private readonly listeners = new Set<() => void>();
  private nextId = 1;

  /** Runs `fn` after every earlier operation on `key` has settled. */
  run<T>(key: LockKey, label: string, fn: (op: OperationHandle) => Promise<T>, options: RunOptions = {}): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const op: OperationInfo = { id: this.nextId++, key, label, startedAt: 0 };
    const abort = new AbortController();
    const onCallerAbort = () => abort.abort();
    options.signal?.addEventListener('abort', onCallerAbort, { once: true });
    if (options.signal?.aborted) abort.abort();
    const t: TrackedOperation | null = options.kind
      ? {
          id: op.id,
          kind: options.kind,
          label,
          state: 'queued',
          progress: null,
          detail: '',
          error: null,
          queuedAt: Date.now(),
          startedAt: null,
          finishedAt: null,
        }
      : null;
    if (t) {
      this.track(t, abort);
      options.onTracked?.(t.id);
    }
    let failure: string | null = null;
    const handle: OperationHandle = {
      fail: (message) => {
        failure = message;
      },
      signal: abort.signal,
      progress: (fraction, detail) => {
        if (!t) return;
        t.progress = fraction === null ? null : Math.max(0, Math.min(1, fraction));
        if (detail !== undefined) t.detail = detail.slice(0, 300);
        this.changed();
      },
      detail: (text) => {
        if (!t || !text.trim()) return;
        t.detail = text.slice(0, 300);
        this.changed();
      },
    };
    const result = previous
      .catch(() => undefined)
      .then(() => {
        if (abort.signal.aborted) throw new BerthError('CANCELLED', 'Cancelled before it started.');
        op.startedAt = Date.now();
        this.running.set(op.id, op);
        if (t) {
          t.state = 'running';
          t.startedAt = op.startedAt;
          this.changed();
        }
        return fn(handle);
      })
      .then(
        (value) => {
          // A stream that was cancelled may end quietly; it still counts as cancelled.
          if (t) this.settle(t, abort.signal.aborted ? 'cancelled' : failure !== null ? 'failed' : 'done', failure);
          return value;
        },
        (err: unknown) => {
          const code = (err as { code?: unknown } | null)?.code;
          if (t)
            this.settle(
              t,
              abort.signal.aborted || code === 'CANCELLED' ? 'cancelled' : 'failed',
              String((err as { message?: unknown } | null)?.message ?? err),
            );
          throw err;
        },
      )
      .finally(() => {
        options.signal?.removeEventListener('abort', onCallerAbort);
        this.running.delete(op.id);
        if (this.tails.get(key) === settled) this.tails.delete(key);
      });
    const settled = result.catch(() => undefined);
    this.tails.set(key, settled);
    return result;
  }

  /** Operations running right now. */
  list(): OperationInfo[] {
    return [...this.running.values()];
  }

  /** Whether anything is queued or running on `key`. */
  busy(key: LockKey): boolean {
    return this.tails.has(key);
  }

  /** Tracked (long) operations: queued and running first, then the recent finished ones, newest first. */
  operations(): TrackedOperation[] {
    const all = [...this.tracked.values()].map((x) => ({ ...x.op }));
    const live = all.filter((o) => o.state === 'queued' || o.state === 'running').sort((a, b) => b.id - a.id);
    const done = all.filter((o) => o.state !== 'queued' && o.state !== 'running').sort((a, b) => (b.finishedAt ?? 0) - (a.finishedAt ?? 0) || b.id - a.id);
    return [...live, ...done];
  }

  /** `operations.current`: the tracked operations now. */
  current(): Promise<{ operations: TrackedOperation[] }> {
    return Promise.resolve({ operations: this.operations() });
  }

  /** `operations.cancel`: cancels a tracked operation that is queued or running; false when there is none. */
  cancel(input: AreaInputs<'operations'>['cancel']): Promise<{ cancelled: boolean }> {
    const x = this.tracked.get(input.id);
    if (!x || (x.op.state !== 'queued' && x.op.state !== 'running')) return Promise.resolve({ cancelled: false });
    x.abort.abort();
    return Promise.resolve({ cancelled: true });
  }

  /** Calls `listener` after every change to the tracked operations. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The `operations.watch` stream: the list now, then after changes, at most every `everyMs`. */
  async watch(
    _input: AreaInputs<'operations'>['watch'],
    emit: (m: { operations: TrackedOperation[] }) => void,
    signal: AbortSignal,
    _ctx?: unknown,
    everyMs = 200,
  ): Promise<void> {
    let timer: NodeJS.Timeout | null = null;
    let last = 0;
    const send = () => {
      timer = null;
      last = Date.now();
      emit({ operations: this.operations() });
    };
    const off = this.subscribe(() => {
      if (timer) return;
      timer = setTimeout(send, Math.max(0, last + everyMs - Date.now()));
    });
    send();
    try {
      await untilAborted(signal);
    } finally {
      off();
      if (timer) clearTimeout(timer);
    }
  }

  private track(op: TrackedOperation, abort: AbortController) {
    this.tracked.set(op.id, { op, abort });
    const finished = [...this.tracked.values()].filter((x) => x.op.finishedAt !== null);
    if (finished.length > RECENT) {
      finished.sort((a, b) => (a.op.finishedAt ?? 0) - (b.op.finishedAt ?? 0));
      for (const x of finished.slice(0, finished.length - RECENT)) this.tracked.delete(x.op.id);
    }
    this.changed();
  }

  private settle(op: TrackedOperation, state: OperationState, error: string | null) {
    op.state = state;
    op.error = state === 'failed' ? error : null;
    op.finishedAt = Date.now();
    if (state === 'done') op.progress = 1;
    this.changed();
  }

  private changed() {
    for (const l of this.listeners) l();
  }
}
