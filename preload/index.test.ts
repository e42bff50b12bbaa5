import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { contract, flattenContract, type BerthApi, type BerthErrorShape } from './contract';
import { IPC_CHANNELS, type ServerMessage } from './contract/wire';

// Fake renderer side of Electron: contextBridge records what is exposed; ipcRenderer records what is sent and lets the
// test play main (answer invokes, push berth:stream messages).
const fake = vi.hoisted(() => {
  type Listener = (event: unknown, message: unknown) => void;
  const exposed: { key: string; api: unknown }[] = [];
  const listeners = new Map<string, Listener[]>();
  const sent: { channel: string; message: unknown }[] = [];
  const invokes: unknown[][] = [];
  let answer: (channel: string, ...args: unknown[]) => Promise<unknown> = async () => ({ ok: true, value: null });
  return {
    exposed,
    sent,
    invokes,
    listeners,
    setAnswer(fn: typeof answer) {
      answer = fn;
    },
    push(message: unknown) {
      for (const l of listeners.get('berth:stream') ?? []) l({}, message);
    },
    electron: {
      contextBridge: {
        exposeInMainWorld(key: string, api: unknown) {
          exposed.push({ key, api });
        },
      },
      ipcRenderer: {
        invoke(channel: string, ...args: unknown[]) {
          invokes.push([channel, ...args]);
          return answer(channel, ...args);
        },
        send(channel: string, message: unknown) {
          sent.push({ channel, message });
        },
        on(channel: string, listener: Listener) {
          listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
        },
      },
    },
  };
});
vi.mock('electron', () => fake.electron);

let berth: BerthApi;
beforeAll(async () => {
  await import('./index');
  berth = fake.exposed[0]?.api as BerthApi;
});
afterEach(() => {
  fake.sent.length = 0;
  fake.invokes.length = 0;
});

const at = (root: unknown, path: string) => path.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)?.[k], root);

describe('preload', () => {
  it("exposes exactly one global, 'berth', and listens only on berth:stream", () => {
    expect(fake.exposed.map((e) => e.key)).toEqual(['berth']);
    expect([...fake.listeners.keys()]).toEqual([IPC_CHANNELS.stream]);
  });

  it('window.berth has a function for every contract path, and nothing else', () => {
    const paths = flattenContract(contract).map((e) => e.path);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(typeof at(berth, path), path).toBe('function');
    const leaves: string[] = [];
    const walk = (node: object, prefix: string) => {
      for (const [k, v] of Object.entries(node)) {
        const p = prefix ? `${prefix}.${k}` : k;
        if (typeof v === 'function') leaves.push(p);
        else walk(v as object, p);
      }
    };
    walk(berth, '');
    expect(leaves.sort()).toEqual([...paths].sort());
  });

  it('a method call round-trips through berth:call', async () => {
    fake.setAnswer(async (_channel, path) => ({ ok: true, value: [{ id: 'abc', path }] }));
    await expect(berth.containers.list({})).resolves.toEqual([{ id: 'abc', path: 'containers.list' }]);
    expect(fake.invokes).toEqual([[IPC_CHANNELS.call, 'containers.list', {}]]);
  });

  it('a failed call rejects with a plain { code, message, details } object', async () => {
    const error: BerthErrorShape = { code: 'CONFLICT', message: 'name in use', details: { name: 'web' } };
    fake.setAnswer(async () => ({ ok: false, error }));
    const rejection = await berth.containers.start({ id: 'abc' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(rejection).toEqual(error);
    expect(rejection).not.toBeInstanceOf(Error);
  });

  it('a broken channel rejects with TRANSPORT_CLOSED', async () => {
    fake.setAnswer(async () => {
      throw new Error("No handler registered for 'berth:call'");
    });
    await expect(berth.containers.list({})).rejects.toMatchObject({ code: 'TRANSPORT_CLOSED' });
  });

  it('a stream subscribes with an id, receives its messages, and unsubscribes', () => {
    const a: unknown[] = [];
    const b: unknown[] = [];
    const stopA = berth.events.watch({}, { next: (m) => a.push(m), complete: () => a.push('done') });
    berth.events.watch({ types: ['container'] }, { next: (m) => b.push(m), error: (e) => b.push(e) });
    const subs = fake.sent.filter((s) => s.channel === IPC_CHANNELS.subscribe).map((s) => s.message as { id: number; path: string; input: unknown });
    expect(subs.map((s) => [s.path, s.input])).toEqual([
      ['events.watch', {}],
      ['events.watch', { types: ['container'] }],
    ]);
    const idA = subs[0]!.id;
    const idB = subs[1]!.id;
    expect(idA).not.toBe(idB);

    const bytes = new Uint8Array([1, 2, 3]);
    fake.push({ t: 'next', id: idA, value: 'one' } satisfies ServerMessage);
    fake.push({ t: 'next', id: idB, value: bytes } satisfies ServerMessage);
    fake.push({ t: 'error', id: idB, error: { code: 'ENGINE_UNREACHABLE', message: 'gone' } } satisfies ServerMessage);
    fake.push({ t: 'next', id: idB, value: 'after error' } satisfies ServerMessage);
    expect(a).toEqual(['one']);
    expect(b).toEqual([bytes, { code: 'ENGINE_UNREACHABLE', message: 'gone' }]);

    stopA();
    stopA();
    expect(fake.sent.filter((s) => s.channel === IPC_CHANNELS.unsubscribe).map((s) => s.message)).toEqual([{ t: 'unsub', id: idA }]);
    fake.push({ t: 'next', id: idA, value: 'late' } satisfies ServerMessage);
    expect(a).toEqual(['one']);
  });
});
