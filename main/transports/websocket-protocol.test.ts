import { decode, encode } from '@msgpack/msgpack';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthErrorShape } from '../../preload/contract';
import { INPUT_LIMITS, STACK_FILE_MAX_BYTES, WIRE_ENVELOPE_BYTES } from '../../preload/contract/limits';
import { deepArrayBytes, frameWithInput } from '../test-support/malformed-input';
import { afterHandshake, BAD_FRAMES, frame, rawExchange, upgradeRequest } from '../test-support/ws-abuse';
import { startWebTarget, stubContract, type WebTarget } from '../test-support/web-target-process';
import { connectWebClient } from '../test-support/ws-client';

/**
 * Web mode's socket against a client that does not play by the rules, with the server in a process of its own
 * (`web-target.ts stub`: the real transport and router over a two-entry contract, no engine), so a crash is seen
 * as what it is: the process gone.
 */

const TOKEN = randomBytes(24).toString('base64url');
let target: WebTarget;

beforeAll(async () => {
  target = await startWebTarget('stub', { ...process.env, BERTH_TARGET_TOKEN: TOKEN, BERTH_TARGET_HEADERS_TIMEOUT_MS: '1500' });
}, 40_000);

afterAll(async () => {
  await target?.stop();
});

type StubApi = {
  echo(input: unknown): Promise<{ text: string }>;
  ticks(input: unknown, handlers: { next(n: number): void; error?(e: BerthErrorShape): void }): () => void;
};

async function wellBehavedClient() {
  const client = await connectWebClient(`ws://127.0.0.1:${target.port}/rpc?token=${TOKEN}`, { contract: stubContract });
  return { ...client, api: client.api as unknown as StubApi };
}

async function expectStillServing() {
  expect(target.alive(), target.stderr()).toBe(true);
  const client = await wellBehavedClient();
  try {
    await expect(client.api.echo({ text: 'still here' })).resolves.toEqual({ text: 'still here' });
  } finally {
    client.close();
  }
}

describe('web mode survives a client that breaks the WebSocket protocol', () => {
  it.each(Object.entries(BAD_FRAMES))('a wrong token followed at once by %s closes that socket only', async (_name, bad) => {
    const { closed, answer } = await rawExchange(target.port, (socket) => socket.write(Buffer.concat([Buffer.from(upgradeRequest(target.port, 'wrong-token')), bad])));
    expect(closed).toBe(true);
    expect(answer.toString('latin1')).toMatch(/^HTTP\/1.1 101/);
    await expectStillServing();
  });

  it.each(Object.entries(BAD_FRAMES))('with the token, %s closes that socket only', async (_name, bad) => {
    const { closed } = await rawExchange(target.port, afterHandshake(target.port, TOKEN, bad));
    expect(closed).toBe(true);
    await expectStillServing();
  });

  it('a frame over the cap (the largest input the contract takes, plus the envelope) closes that socket only, with 1009', async () => {
    // The cap follows from the contract (stacks.save: a whole compose file); the stub's router has only small entries.
    expect(STACK_FILE_MAX_BYTES).toBeGreaterThan(INPUT_LIMITS.bytes);
    const client = await wellBehavedClient();
    const code = new Promise<number>((resolve) => client.socket.once('close', (c) => resolve(c)));
    client.socket.send(encode({ t: 'call', id: 1, path: 'echo', input: { text: 'x'.repeat(INPUT_LIMITS.bytes + WIRE_ENVELOPE_BYTES + 1) } }));
    expect(await code).toBe(1009);
    await expectStillServing();
  });

  // Then 16 MiB the client has queued: small valid frames, 1 KiB each. Were the server to drain them (as ws does while
  // it waits for the client's close), the client's queue would flush and its socket close cleanly; the server cuts the
  // socket instead, with the rest unread, which the kernel answers with a reset.
  it.each([
    ['a bad frame', TOKEN, BAD_FRAMES['reserved bits set']!],
    ['a wrong token', 'wrong-token', Buffer.alloc(0)],
  ])('after %s the server stops reading that socket: what the client still sends is not read', async (_name, token, first) => {
    const flood = Buffer.concat(Array.from({ length: 16 * 1024 }, () => frame(0x2, Buffer.alloc(1024, 0x61))));
    const outcome = await new Promise<{ error?: string; closed: boolean }>((resolve) => {
      let error: string | undefined;
      const write = afterHandshake(target.port, token, Buffer.concat([first, flood]));
      const socket = net.connect(target.port, '127.0.0.1', () => write(socket));
      socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code));
      socket.on('close', () => resolve({ error, closed: true }));
      setTimeout(() => {
        socket.destroy();
        resolve({ error, closed: false });
      }, 10_000);
    });
    expect(outcome.closed).toBe(true);
    expect(outcome.error).toMatch(/^(ECONNRESET|EPIPE)$/);
    await expectStillServing();
  });

  it('an input over the limit but within a frame is refused with INVALID_INPUT, and the socket stays open', async () => {
    const client = await wellBehavedClient();
    try {
      await expect(client.api.echo({ text: 'x'.repeat(INPUT_LIMITS.bytes + 10) })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringMatching(/larger than 256 KiB/),
      });
      await expect(client.api.echo({ text: 'ok' })).resolves.toEqual({ text: 'ok' });
    } finally {
      client.close();
    }
  });

  it('deep nesting and a __proto__ key refuse that one call with INVALID_INPUT; the socket and its streams go on', async () => {
    const client = await wellBehavedClient();
    try {
      const ticks: number[] = [];
      const off = client.api.ticks({ everyMs: 20 }, { next: (n) => ticks.push(n) });
      const answers: { t: string; id: number }[] = [];
      client.socket.on('message', (d: Buffer) => answers.push(decode(d) as { t: string; id: number }));
      // The deep one as raw bytes: @msgpack/msgpack's encoder refuses to nest that deep.
      client.socket.send(frameWithInput('call', 900, 'echo', { name: 'deep', raw: deepArrayBytes(200_000) }));
      client.socket.send(frameWithInput('call', 901, 'echo', { name: 'proto', input: JSON.parse('{"__proto__":true}') }));
      const results = () => answers.filter((a) => a.t === 'result');
      await expect.poll(() => results().length, { timeout: 5000 }).toBe(2);
      expect(results()).toEqual([
        { t: 'result', id: 900, ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT', message: 'Invalid input to echo — nested more than 32 levels deep.' }) },
        { t: 'result', id: 901, ok: false, error: expect.objectContaining({ code: 'INVALID_INPUT', message: expect.stringMatching(/__proto__/) }) },
      ]);
      const before = ticks.length;
      await expect.poll(() => ticks.length, { timeout: 5000 }).toBeGreaterThan(before + 2);
      await expect(client.api.echo({ text: 'after' })).resolves.toEqual({ text: 'after' });
      off();
    } finally {
      client.close();
    }
  });

  it('20,000 refused subscriptions leave nothing behind on their socket', async () => {
    const client = await wellBehavedClient();
    try {
      const refuse = async (n: number) => {
        const errors: BerthErrorShape[] = [];
        for (let i = 0; i < n; i++) client.api.ticks({ everyMs: 'soon' }, { next() {}, error: (e) => errors.push(e) });
        await expect.poll(() => errors.length, { timeout: 20_000 }).toBe(n);
        expect(new Set(errors.map((e) => e.code))).toEqual(new Set(['INVALID_INPUT']));
      };
      await refuse(2_000); // warm-up
      const before = (await target.memoryAfterGc()).heapUsed;
      await refuse(20_000);
      const grown = (await target.memoryAfterGc()).heapUsed - before;
      // Each refused stream used to stay in the socket's map, holding its message: 67 MB for these 20,000.
      expect(grown).toBeLessThan(2 * 1024 * 1024);
    } finally {
      client.close();
    }
  }, 60_000);

  it('slow-loris handshakes are cut after the headers timeout, and a client on another socket is served meanwhile', async () => {
    const sockets = Array.from({ length: 50 }, () => {
      const s = net.connect(target.port, '127.0.0.1');
      s.on('error', () => undefined);
      s.write(`GET /rpc?token=${TOKEN} HTTP/1.1\r\nHost: 127.0.0.1:${target.port}\r\n`);
      return s;
    });
    const drip = setInterval(() => {
      for (const s of sockets) if (!s.destroyed) s.write('X-Slow: 1\r\n');
    }, 200);
    try {
      await expectStillServing();
      const closedAll = Promise.all(sockets.map((s) => new Promise<void>((resolve) => (s.closed ? resolve() : s.once('close', () => resolve())))));
      // Loose: the headers timeout is 1.5 s here; the server checks every second.
      await expect(Promise.race([closedAll.then(() => 'closed'), new Promise((r) => setTimeout(() => r('still open'), 15_000))])).resolves.toBe('closed');
    } finally {
      clearInterval(drip);
      for (const s of sockets) s.destroy();
    }
    await expectStillServing();
  }, 30_000);
});
