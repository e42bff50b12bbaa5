import { randomBytes } from 'node:crypto';
import net from 'node:net';

/**
 * Clients that break the WebSocket protocol, for the protocol-abuse test and the abuse-rss benchmark: raw frames
 * (RFC 6455) a well-behaved library never sends, and raw sockets to send them on.
 */

/** A masked client frame (RFC 6455 §5.2): FIN + opcode, the payload masked with a random key. */
export function frame(opcode: number, payload: Buffer, opts: { rsv?: number; masked?: boolean } = {}): Buffer {
  const masked = opts.masked ?? true;
  const head = [0x80 | ((opts.rsv ?? 0) << 4) | opcode];
  let len: Buffer;
  if (payload.length < 126) len = Buffer.from([(masked ? 0x80 : 0) | payload.length]);
  else if (payload.length < 65536) {
    len = Buffer.alloc(3);
    len[0] = (masked ? 0x80 : 0) | 126;
    len.writeUInt16BE(payload.length, 1);
  } else {
    len = Buffer.alloc(9);
    len[0] = (masked ? 0x80 : 0) | 127;
    len.writeBigUInt64BE(BigInt(payload.length), 1);
  }
  if (!masked) return Buffer.concat([Buffer.from(head), len, payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload.map((b, i) => b ^ key[i % 4]!));
  return Buffer.concat([Buffer.from(head), len, key, body]);
}

/** The four kinds of bad frame that used to end the process. */
export const BAD_FRAMES: Record<string, Buffer> = {
  // A header announcing a 1 TiB payload (64-bit length), then nothing.
  'a 64-bit length over the cap': Buffer.concat([Buffer.from([0x82, 0x80 | 127]), Buffer.from([0, 0, 1, 0, 0, 0, 0, 0]), randomBytes(4)]),
  'reserved bits set': frame(0x2, Buffer.from([1, 2, 3]), { rsv: 0b111 }),
  'an unmasked client frame': frame(0x2, Buffer.from([1, 2, 3]), { masked: false }),
  'an unknown opcode': frame(0x3, Buffer.from([1, 2, 3])),
};

export function upgradeRequest(port: number, token: string): string {
  return (
    `GET /rpc?token=${encodeURIComponent(token)} HTTP/1.1\r\n` +
    `Host: 127.0.0.1:${port}\r\n` +
    `Origin: http://127.0.0.1:${port}\r\n` +
    'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`
  );
}

/** Opens a raw socket; resolves once the server has closed it (or after `waitMs`), with what it answered. */
export function rawExchange(port: number, write: (socket: net.Socket) => void, waitMs = 5000): Promise<{ closed: boolean; answer: Buffer }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    let settled = false;
    const done = (closed: boolean) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve({ closed, answer: Buffer.concat(chunks) });
    };
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', () => done(true));
    socket.on('close', () => done(true));
    socket.on('connect', () => write(socket));
    setTimeout(() => done(false), waitMs);
  });
}

/** Writes the upgrade request, waits for the 101, then writes `after`. */
export function afterHandshake(port: number, token: string, after: Buffer) {
  return (socket: net.Socket) => {
    socket.write(upgradeRequest(port, token));
    let seen = '';
    const onData = (d: Buffer) => {
      seen += d.toString('latin1');
      if (seen.includes('\r\n\r\n')) {
        socket.off('data', onData);
        socket.write(after);
      }
    };
    socket.on('data', onData);
  };
}

