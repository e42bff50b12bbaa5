import { encode } from '@msgpack/msgpack';
import WebSocket from 'ws';
import type { z } from 'zod';
import type { BerthErrorShape, ContractEntry } from '../../preload/contract';
import { INPUT_LIMITS } from '../../preload/contract/limits';
import type { ServerMessage } from '../../preload/contract/wire';
import { decodeServerFrame } from '../../preload/contract/wire-decode';
import { inputBoundsProblem } from '../rpc/input-bounds';

/**
 * Inputs no contract entry may accept, for the fuzz test and the abuse benchmark: wrong types, missing and extra
 * fields, huge strings, NaN, null, deep nesting, prototype keys. Each is kept only if the entry's own schema (or
 * the router's bounds) refuses it, so "INVALID_INPUT for every one" is a fair thing to expect.
 */
export interface MalformedInput {
  name: string;
  /** The input, encoded as usual… */
  input?: unknown;
  /** … or the input's MessagePack bytes as they are (what an encoder refuses to write). */
  raw?: Buffer;
}

/** `[[[…[]…]]]`, `levels` deep, as MessagePack bytes: 1 byte a level. */
export const deepArrayBytes = (levels: number) => Buffer.concat([Buffer.alloc(levels, 0x91), Buffer.from([0x90])]);

export function malformedInputs(entry: ContractEntry): MalformedInput[] {
  const maxBytes = entry.maxInputBytes ?? INPUT_LIMITS.bytes;
  const keys = Object.keys((entry.input as unknown as { shape?: Record<string, unknown> }).shape ?? {});
  const candidates: MalformedInput[] = [
    { name: 'a string', input: 'not an object' },
    { name: 'a number', input: 42 },
    { name: 'NaN', input: NaN },
    { name: 'an array', input: [1, 2, 3] },
    { name: 'true', input: true },
    { name: 'null', input: null },
    { name: 'no fields', input: {} },
    { name: 'an extra field', input: { zzUnknownField: 1 } },
    { name: 'constructor.prototype', input: { constructor: { prototype: { polluted: true } } } },
    { name: 'an own __proto__ key', input: JSON.parse('{"__proto__":{"polluted":true}}') },
    { name: 'a huge string', input: { [keys[0] ?? 'text']: 'x'.repeat(maxBytes + 1024) } },
    { name: '200,000 levels of arrays', raw: deepArrayBytes(200_000) },
    { name: '40 levels of objects', input: nestedObjects(40) },
    { name: '200,000 values', input: { [keys[0] ?? 'ids']: new Array(200_000).fill(1) } },
  ];
  for (const key of keys) {
    for (const [name, value] of [
      ['NaN', NaN],
      ['null', null],
      ['-Infinity', -Infinity],
      ['an object', { a: 1 }],
      ['nested arrays', [[[]]]],
      ['1.5', 1.5],
      ['a control character', '\u0000\u001b'],
    ] as const) {
      candidates.push({ name: `${key}: ${name}`, input: { [key]: value } });
    }
  }
  return candidates.filter((c) => c.raw !== undefined || refuses(entry.input, c.input, maxBytes));
}

function refuses(schema: z.ZodType, input: unknown, maxBytes: number): boolean {
  if (inputBoundsProblem(input, maxBytes)) return true;
  return !schema.safeParse(input ?? {}).success;
}

function nestedObjects(levels: number): unknown {
  let v: unknown = {};
  for (let i = 0; i < levels; i++) v = { a: v };
  return v;
}

/** A message with its `input` given as MessagePack bytes (encoded or raw). */
export function frameWithInput(t: 'call' | 'sub', id: number, path: string, input: MalformedInput): Buffer {
  const head = Buffer.from(encode({ t, id, path }));
  head[0] = 0x84; // a fixmap of 4 entries: the 3 above and `input`
  const body = input.raw ?? Buffer.from(encode(input.input, { ignoreUndefined: true }));
  return Buffer.concat([head, Buffer.from(encode('input')), body]);
}

/**
 * A web-mode socket driven by hand: sends any frame and waits for the answer to its id (`result` for a call,
 * `error`/`next`/`complete` for a stream).
 */
export class RawRpc {
  private nextId = 1_000_000;
  private readonly waiting = new Map<number, (m: ServerMessage) => void>();

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      const m = decodeServerFrame(data);
      const w = this.waiting.get(m.id);
      if (w) {
        this.waiting.delete(m.id);
        w(m);
      }
    });
  }

  static async connect(port: number, token: string): Promise<RawRpc> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/rpc?token=${token}`, { origin: `http://127.0.0.1:${port}` });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    socket.on('error', () => undefined);
    return new RawRpc(socket);
  }

  get open(): boolean {
    return this.socket.readyState === WebSocket.OPEN;
  }

  /** Sends `path` with the malformed input as a call or a stream; the error it was answered with (null: none). */
  async send(kind: 'method' | 'stream', path: string, input: MalformedInput, timeoutMs = 10_000): Promise<BerthErrorShape | null> {
    const id = this.nextId++;
    const answer = this.answer(id, timeoutMs);
    this.socket.send(frameWithInput(kind === 'method' ? 'call' : 'sub', id, path, input));
    const m = await answer;
    if (m.t === 'result') return m.ok ? null : m.error;
    if (m.t === 'error') return m.error;
    this.socket.send(encode({ t: 'unsub', id })); // the stream started: stop it
    return null;
  }

  /** A well-formed call; resolves with its value or rejects with its error. */
  async call(path: string, input: unknown, timeoutMs = 10_000): Promise<unknown> {
    const id = this.nextId++;
    const answer = this.answer(id, timeoutMs);
    this.socket.send(encode({ t: 'call', id, path, input }));
    const m = await answer;
    if (m.t === 'result' && m.ok) return m.value;
    throw m.t === 'result' && !m.ok ? m.error : new Error(`unexpected ${m.t}`);
  }

  close(): void {
    this.socket.close();
  }

  private answer(id: number, timeoutMs: number): Promise<ServerMessage> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new Error(`no answer to message ${id} within ${timeoutMs} ms (socket ${this.open ? 'open' : 'closed'})`));
      }, timeoutMs);
      this.waiting.set(id, (m) => {
        clearTimeout(timer);
        resolve(m);
      });
    });
  }
}
