import { describe, expect, it } from 'vitest';
import { LifecycleController } from './lifecycle';
import { locks } from './locks';

const k = (id: string) => locks.container('local', id);

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A task that notes `entry` in `log` when it starts, then settles as `result` does. */
function noting<T>(log: string[], entry: string, result: Promise<T>) {
  return () => {
    log.push(entry);
    return result;
  };
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
};

describe('LifecycleController', () => {
  it('operations on the same key run one after another', async () => {
    const lc = new LifecycleController();
    const log: string[] = [];
    const first = deferred<string>();
    const second = deferred<string>();
    const p1 = lc.run(k('c1'), 'stop', noting(log, 'start 1', first.promise));
    const p2 = lc.run(k('c1'), 'remove', noting(log, 'start 2', second.promise));
    await flush();
    expect(log).toEqual(['start 1']);

    first.resolve('one');
    await expect(p1).resolves.toBe('one');
    await flush();
    expect(log).toEqual(['start 1', 'start 2']);
    second.resolve('two');
    await expect(p2).resolves.toBe('two');
  });

  it('the next operation waits for a rejected one to settle, then runs; each caller sees its own outcome', async () => {
    const lc = new LifecycleController();
    const log: string[] = [];
    const first = deferred();
    const p1 = lc.run(k('c1'), 'restart', noting(log, 'start 1', first.promise));
    const p2 = lc.run(k('c1'), 'stop', noting(log, 'start 2', Promise.resolve('stopped')));
    const p1Outcome = p1.catch((e: Error) => `rejected: ${e.message}`);
    await flush();
    expect(log).toEqual(['start 1']);

    first.reject(new Error('engine said no'));
    await expect(p1Outcome).resolves.toBe('rejected: engine said no');
    await expect(p2).resolves.toBe('stopped');
    expect(log).toEqual(['start 1', 'start 2']);
  });

  it('a function that throws synchronously rejects its own call and does not block the key', async () => {
    const lc = new LifecycleController();
    const p1 = lc.run(k('k'), 'bad', () => {
      throw new Error('sync');
    });
    await expect(p1).rejects.toThrow('sync');
    await expect(lc.run(k('k'), 'good', async () => 1)).resolves.toBe(1);
  });

  it('three queued operations keep their order', async () => {
    const lc = new LifecycleController();
    const log: number[] = [];
    const gates = [deferred(), deferred(), deferred()];
    const all = gates.map((g, i) =>
      lc.run(k('k'), `op${i}`, async () => {
        log.push(i);
        await g.promise;
      }),
    );
    await flush();
    expect(log).toEqual([0]);
    gates[2]!.resolve(); // releasing a later one early changes nothing
    await flush();
    expect(log).toEqual([0]);
    gates[0]!.resolve();
    await flush();
    expect(log).toEqual([0, 1]);
    gates[1]!.resolve();
    await Promise.all(all);
    expect(log).toEqual([0, 1, 2]);
  });

  it('different keys run concurrently', async () => {
    const lc = new LifecycleController();
    const log: string[] = [];
    const a = deferred();
    const b = deferred();
    const pa = lc.run(k('a'), 'stop', noting(log, 'a', a.promise));
    const pb = lc.run(k('b'), 'stop', noting(log, 'b', b.promise));
    await flush();
    expect(log.sort()).toEqual(['a', 'b']);
    b.resolve();
    await pb;
    a.resolve();
    await pa;
  });

  it('list() shows the running operations only, and busy() covers queued ones', async () => {
    const lc = new LifecycleController();
    const first = deferred();
    const second = deferred();
    const other = deferred();
    expect(lc.list()).toEqual([]);
    expect(lc.busy(k('c1'))).toBe(false);

    const before = Date.now();
    const p1 = lc.run(k('c1'), 'stop', () => first.promise);
    const p2 = lc.run(k('c1'), 'remove', () => second.promise);
    const p3 = lc.run(k('c2'), 'start', () => other.promise);
    expect(lc.busy(k('c1'))).toBe(true);
    expect(lc.busy(k('c2'))).toBe(true);
    expect(lc.busy(k('c3'))).toBe(false);
    await flush();

    const running = lc.list();
    expect(running.map((o) => [o.key, o.label]).sort()).toEqual([
      [k('c1'), 'stop'],
      [k('c2'), 'start'],
    ]);
    expect(new Set(running.map((o) => o.id)).size).toBe(2);
    expect(running.every((o) => o.startedAt >= before && o.startedAt <= Date.now())).toBe(true);

    first.resolve();
    await p1;
    await flush();
    expect(lc.list().map((o) => o.label).sort()).toEqual(['remove', 'start']);
    expect(lc.busy(k('c1'))).toBe(true);

    second.reject(new Error('x'));
    await expect(p2).rejects.toThrow('x');
    await flush();
    expect(lc.busy(k('c1'))).toBe(false);
    expect(lc.list().map((o) => o.label)).toEqual(['start']);

    other.resolve();
    await p3;
    await flush();
    expect(lc.busy(k('c2'))).toBe(false);
    expect(lc.list()).toEqual([]);
  });
});

describe('LifecycleController: tracked operations', () => {
  it('a tracked operation is listed queued, running with its progress, then done with its result', async () => {
    const lc = new LifecycleController();
    const blocker = deferred();
    const body = deferred();
    void lc.run(k('img'), 'tag x', () => blocker.promise);
    const p = lc.run(
      k('img'),
      'pull x',
      async (op) => {
        op.progress(0.25, 'Downloading');
        await body.promise;
        return 'pulled';
      },
      { kind: 'pull' },
    );
    expect(lc.operations().map((o) => [o.label, o.state])).toEqual([['pull x', 'queued']]);
    blocker.resolve();
    await flush();
    expect(lc.operations()[0]).toMatchObject({ state: 'running', progress: 0.25, detail: 'Downloading' });
    body.resolve();
    await expect(p).resolves.toBe('pulled');
    expect(lc.operations()[0]).toMatchObject({ state: 'done', progress: 1, error: null });
    expect(lc.operations()[0]!.finishedAt).not.toBeNull();
  });

  it('cancel aborts the signal the body hands to the engine; the operation ends cancelled', async () => {
    const lc = new LifecycleController();
    let seen: AbortSignal | null = null;
    const p = lc.run(
      k('vol'),
      'back up v',
      (op) =>
        new Promise<void>((_, reject) => {
          seen = op.signal;
          op.signal.addEventListener('abort', () => reject(Object.assign(new Error('Cancelled.'), { code: 'CANCELLED' })));
        }),
      { kind: 'backup' },
    );
    await flush();
    const id = lc.operations()[0]!.id;
    expect(await lc.cancel({ id })).toEqual({ cancelled: true });
    await expect(p).rejects.toThrow('Cancelled.');
    expect(seen!.aborted).toBe(true);
    expect(lc.operations()[0]).toMatchObject({ state: 'cancelled', error: null });
    expect(await lc.cancel({ id })).toEqual({ cancelled: false });
  });

  it("the caller's signal (a closed stream) aborts the operation too; a queued one never starts", async () => {
    const lc = new LifecycleController();
    const blocker = deferred();
    void lc.run(k('img'), 'first', () => blocker.promise);
    const caller = new AbortController();
    let started = false;
    const p = lc.run(
      k('img'),
      'pull y',
      async () => {
        started = true;
      },
      { kind: 'pull', signal: caller.signal },
    );
    caller.abort();
    blocker.resolve();
    await expect(p).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(started).toBe(false);
    expect(lc.operations()[0]!.state).toBe('cancelled');
  });

  it('a failure keeps its message; fail() marks a body that returned normally as failed; untracked runs are not listed', async () => {
    const lc = new LifecycleController();
    await expect(lc.run(k('a'), 'build z', () => Promise.reject(new Error('step 2 failed')), { kind: 'build' })).rejects.toThrow();
    await lc.run(k('b'), 'up of web', async (op) => op.fail('web: port is already allocated'), { kind: 'compose' });
    await lc.run(k('c'), 'stop c', async () => undefined);
    expect(lc.operations().map((o) => [o.label, o.state, o.error])).toEqual([
      ['up of web', 'failed', 'web: port is already allocated'],
      ['build z', 'failed', 'step 2 failed'],
    ]);
  });

  it('watch sends the list at once and again after changes, until its signal aborts', async () => {
    const lc = new LifecycleController();
    const seen: string[][] = [];
    const abort = new AbortController();
    const watching = lc.watch({}, (m) => seen.push(m.operations.map((o) => `${o.label}:${o.state}`)), abort.signal, undefined, 0);
    await lc.run(k('k'), 'prune images', async () => 'ok', { kind: 'prune' });
    await new Promise((r) => setTimeout(r, 5));
    abort.abort();
    await watching;
    expect(seen[0]).toEqual([]);
    expect(seen.at(-1)).toEqual(['prune images:done']);
  });
});
