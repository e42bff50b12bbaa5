import type * as Crypto from 'node:crypto';
import { PassThrough } from 'node:stream';
import { describe, expect, it, vi } from 'vitest';
import type { CallContext, TerminalMessage } from '../../preload/contract';
import type { EngineRegistry } from '../engine/registry';
import { sessionKey, TerminalService } from './terminal';

// Every session gets the same id here: even then, two engines' sessions must not answer for each other.
vi.mock('node:crypto', async (orig) => ({ ...(await orig<typeof Crypto>()), randomBytes: () => Buffer.from('0123456789abcdef', 'hex') }));

const ctx: CallContext = { transport: 'test', clientId: 'client-a' };
const CONTAINER = 'c0ffee'.repeat(10) + 'abcd';

/** An engine whose one container answers inspect and exec like the Engine API, its TTY a PassThrough we can read. */
function fakeEngine(id: string) {
  const typed: string[] = [];
  const sizes: string[] = [];
  const tty = new PassThrough();
  tty.on('data', (b: Buffer) => typed.push(b.toString()));
  const exec = {
    start: async () => tty,
    resize: async ({ w, h }: { w: number; h: number }) => void sizes.push(`${w}x${h}`),
    inspect: async () => ({ Running: false, ExitCode: 0 }),
  };
  const container = {
    inspect: async () => ({ Name: `/box-on-${id}`, Id: CONTAINER, State: { Running: true, Paused: false }, Config: { Tty: false, OpenStdin: false } }),
    exec: async () => exec,
    wait: async () => ({}),
  };
  const engine = {
    id,
    api: { getContainer: (cid: string) => (cid === CONTAINER ? container : null) },
    onStatus: () => () => undefined,
  };
  return { engine, typed, sizes, end: () => tty.end() };
}

describe('terminal sessions are keyed by engine and session id', () => {
  it('two engines with the same container id (and the same session id) keep their sessions apart', async () => {
    const a = fakeEngine('local');
    const b = fakeEngine('ctx-twin');
    const engines = { get: (id = 'local') => (id === 'local' ? a.engine : b.engine) } as unknown as EngineRegistry;
    const service = new TerminalService(engines);
    const ready: Record<string, string> = {};
    const open = (engineId: string) =>
      service.open({ engineId, containerId: CONTAINER, mode: 'exec', command: ['sh'], cols: 80, rows: 24 }, (m: TerminalMessage) => {
        if (m.type === 'ready') ready[engineId] = m.sessionId;
      }, new AbortController().signal, ctx);
    const runs = [open('local'), open('ctx-twin')];
    await vi.waitFor(() => expect(Object.keys(ready)).toHaveLength(2));
    expect(ready.local).toBe(ready['ctx-twin']);
    expect(service.openSessions).toBe(2);

    const sessionId = ready.local!;
    await service.write({ engineId: 'ctx-twin', sessionId, data: new TextEncoder().encode('on b\r') }, ctx);
    await service.write({ engineId: 'local', sessionId, data: new TextEncoder().encode('on a\r') }, ctx);
    // No engine named: the default engine's session, as the contract says.
    await service.write({ sessionId, data: new TextEncoder().encode('default\r') }, ctx);
    await service.resize({ engineId: 'ctx-twin', sessionId, cols: 120, rows: 40 }, ctx);
    expect(a.typed.join('')).toBe('on a\rdefault\r');
    expect(b.typed.join('')).toBe('on b\r');
    expect(b.sizes.at(-1)).toBe('120x40');
    expect(a.sizes.at(-1)).toBe('80x24');

    // One engine's session ending leaves the other's in place.
    b.end();
    await runs[1];
    expect(service.openSessions).toBe(1);
    await expect(service.write({ engineId: 'ctx-twin', sessionId, data: new Uint8Array([10]) }, ctx)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await service.write({ engineId: 'local', sessionId, data: new TextEncoder().encode('still a\r') }, ctx);
    expect(a.typed.join('')).toContain('still a');
    a.end();
    await runs[0];
    expect(service.openSessions).toBe(0);
  });

  it('a session key names the engine, and no engine means the default one', () => {
    expect(sessionKey('ctx-twin', 'ab')).not.toBe(sessionKey('local', 'ab'));
    expect(sessionKey(undefined, 'ab')).toBe(sessionKey('local', 'ab'));
  });
});
