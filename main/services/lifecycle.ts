/**
 * The lifecycle controller: every action on an engine object runs through here, keyed by the object, so two
 * conflicting actions on one container (stop while a restart is still running) are serialized, never raced.
 * Long operations (pull, build, compose up) will hang progress, logs and cancel off the same entries.
 */
export interface OperationInfo {
  id: number;
  key: string;
  label: string;
  startedAt: number;
}

export class LifecycleController {
  private readonly tails = new Map<string, Promise<unknown>>();
  private readonly running = new Map<number, OperationInfo>();
  private nextId = 1;

  /** Runs `fn` after every earlier operation on `key` has settled. */
  run<T>(key: string, label: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const op: OperationInfo = { id: this.nextId++, key, label, startedAt: 0 };
    const result = previous
      .catch(() => undefined)
      .then(() => {
        op.startedAt = Date.now();
        this.running.set(op.id, op);
        return fn();
      })
      .finally(() => {
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
  busy(key: string): boolean {
    return this.tails.has(key);
  }
}
