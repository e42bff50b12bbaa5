import { encode } from '@msgpack/msgpack';
import WebSocket from 'ws';
import { contract, type BerthApi, type ContractTree, type StreamHandlers } from '../../preload/contract';
import { createClient, type ClientTransport } from '../../preload/contract/client';
import type { ClientMessage } from '../../preload/contract/wire';
import { decodeServerFrame, streamValue } from '../../preload/contract/wire-decode';

/** A Node client of web mode's socket, built from the contract like the browser's: for tests and benchmarks. */
export async function connectWebClient(
  url: string,
  /** `contract`: another contract than Berth's (a test server's); `api` is then that contract's client. */
  opts: { origin?: string; contract?: ContractTree } = {},
): Promise<{ api: BerthApi; socket: WebSocket; close(): void }> {
  const socket = new WebSocket(url, { origin: opts.origin ?? new URL(url).origin.replace(/^ws/, 'http') });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  let nextId = 1;
  const calls = new Map<number, { resolve(v: unknown): void; reject(e: unknown): void }>();
  const streams = new Map<number, StreamHandlers<unknown>>();
  const inputs = new Map<number, unknown>();
  const send = (m: ClientMessage) => socket.send(encode(m));
  socket.on('message', (data: Buffer) => {
    const m = decodeServerFrame(data);
    if (m.t === 'result') {
      const c = calls.get(m.id);
      calls.delete(m.id);
      if (m.ok) c?.resolve(m.value);
      else c?.reject(m.error);
    } else if (m.t === 'next') streams.get(m.id)?.next(streamValue(m.value, inputs.get(m.id)));
    else if (m.t === 'error') {
      streams.get(m.id)?.error?.(m.error);
      streams.delete(m.id);
      inputs.delete(m.id);
    } else if (m.t === 'complete') {
      streams.get(m.id)?.complete?.();
      streams.delete(m.id);
      inputs.delete(m.id);
    }
  });
  const transport: ClientTransport = {
    call: (path, input) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        calls.set(id, { resolve, reject });
        send({ t: 'call', id, path, input });
      }),
    subscribe: (path, input, handlers) => {
      const id = nextId++;
      streams.set(id, handlers);
      inputs.set(id, input);
      send({ t: 'sub', id, path, input });
      return () => {
        streams.delete(id);
        inputs.delete(id);
        send({ t: 'unsub', id });
      };
    },
  };
  return { api: createClient(opts.contract ?? contract, transport) as BerthApi, socket, close: () => socket.close() };
}
