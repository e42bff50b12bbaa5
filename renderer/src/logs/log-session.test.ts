import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LogsMessage, StreamHandlers } from '../../../preload/contract';

// The session's stream, played by the test: what `berth.logs.follow` was last given, and whether it is still open.
const stream = vi.hoisted(() => ({ handlers: null as StreamHandlers<unknown> | null, open: 0 }));
vi.mock('../api', () => ({
  berth: {
    logs: {
      follow: (_input: unknown, handlers: StreamHandlers<unknown>) => {
        stream.handlers = handlers;
        stream.open++;
        return () => {
          stream.open--;
        };
      },
    },
  },
}));

const { LogSession } = await import('./log-session');

/** Animation frames on a timer, as a page's would run between tasks. */
beforeEach(() => {
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => setTimeout(() => cb(performance.now()), 1) as unknown as number);
  vi.stubGlobal('cancelAnimationFrame', (id: number) => clearTimeout(id));
});
afterEach(() => {
  vi.unstubAllGlobals();
  stream.handlers = null;
  stream.open = 0;
});

const frames = () => new Promise((r) => setTimeout(r, 20));
const send = (m: LogsMessage) => stream.handlers!.next(m);

describe('LogSession', () => {
  it('tells its listeners at most once a frame, and says when the stream is live', async () => {
    const session = new LogSession({ containerIds: ['c1'], tail: '1000', resume: false });
    const heard = vi.fn();
    session.subscribe(heard);
    session.start();
    expect(session.status).toBe('connecting');
    send({ type: 'caught-up' });
    send({ type: 'caught-up' });
    await frames();
    expect(session.status).toBe('live');
    expect(heard).toHaveBeenCalledTimes(1);
    session.dispose();
    expect(stream.open).toBe(0);
  });

  it('started again after dispose (an effect cleaned up and run again), its new listeners still hear changes', async () => {
    const session = new LogSession({ containerIds: ['c1'], tail: '1000', resume: false });
    const first = vi.fn();
    session.subscribe(first);
    session.start();
    send({ type: 'caught-up' }); // a frame is pending…
    session.dispose(); // …when the effect's cleanup runs
    const second = vi.fn();
    session.subscribe(second);
    session.start();
    expect(stream.open).toBe(1);
    send({ type: 'caught-up' });
    await frames();
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    expect(session.status).toBe('live');
    session.dispose();
  });
});
