import { decode, encode, ExtData } from '@msgpack/msgpack';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { JSON_TEXT_EXT, PACKED_EXT, type ClientMessage, type ServerMessage } from '../../preload/contract/wire';
import type { WirePacking } from '../../preload/contract/packed';
import { BerthError } from '../../preload/contract/errors';
import { INPUT_LIMITS, WIRE_ENVELOPE_BYTES } from '../../preload/contract/limits';
import { toErrorShape } from '../errors';
import { inputRefused, tooLarge } from '../rpc/input-bounds';
import type { Router } from '../rpc/router';
import { scanFrame } from './frame-scan';
import { machineNames } from './web-tls';

/** Same policy as renderer/index.html's meta tag, sent as a header too. */
export const WEB_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The message around an input adds a few values (t, id, path). */
const FRAME_LIMITS = { depth: INPUT_LIMITS.depth, values: INPUT_LIMITS.values + 8 };

/** How long a client may take to send its request headers (a slow-loris holds a socket open by dribbling them). */
const HEADERS_TIMEOUT_MS = 10_000;

export interface WebServerOptions {
  router: Router;
  /** Built renderer folder (dist/renderer). */
  staticDir: string;
  host?: string;
  port?: number;
  /** Fixed token for tests; a random one per start otherwise. */
  token?: string;
  /** How long a client may take to send its request headers; 10 s by default. */
  headersTimeoutMs?: number;
  /** Serve HTTPS/WSS with this key and certificate (PEM). Off loopback, serve.ts always gives one unless --insecure. */
  tls?: { key: string; cert: string };
  /**
   * The names a browser may use for this server (Host and Origin are checked against them). By default the loopback
   * names for a loopback address, else the machine's own names and addresses (web-tls.ts `machineNames`).
   */
  names?: string[];
}

export interface WebServer {
  url: string;
  /** The URL to open, with the token. */
  urlWithToken: string;
  /** Every URL that reaches this server (one per name), with the token. */
  urlsWithToken: string[];
  token: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Web mode: serves the built renderer and one WebSocket endpoint (`/rpc`) that multiplexes every call and stream.
 * Access needs the per-start token; the Origin must be this server's own (a page elsewhere, including one that
 * rebinds its DNS name to 127.0.0.1, is refused); binds to 127.0.0.1 unless told otherwise.
 */
export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const assets = sirv(opts.staticDir, { etag: true, dev: false, single: true, gzip: false });

  const headersTimeout = opts.headersTimeoutMs ?? HEADERS_TIMEOUT_MS;
  const handler: http.RequestListener = (req, res) => {
    res.setHeader('Content-Security-Policy', WEB_CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    if (!hostAllowed(req.headers.host, allowedHosts)) {
      res.statusCode = 421;
      res.end('Misdirected request');
      return;
    }
    assets(req, res, () => {
      res.statusCode = 404;
      res.end('Not found');
    });
  };
  // Node checks for slow requests every `connectionsCheckingInterval` (30 s by default): often enough here.
  const serverOptions = { connectionsCheckingInterval: Math.min(headersTimeout, 1000) };
  const server = opts.tls
    ? https.createServer({ ...serverOptions, key: opts.tls.key, cert: opts.tls.cert, handshakeTimeout: headersTimeout }, handler)
    : http.createServer(serverOptions, handler);

  server.headersTimeout = headersTimeout;
  server.requestTimeout = 30_000;

  // No frame may be larger than the largest input the contract takes (limits.ts): ws closes the socket (1009) on one
  // that is, and only that socket.
  // allowSynchronousEvents: false hands over one message per socket per event-loop turn: a client that floods its
  // socket (a burst of refused calls) cannot make every other socket wait for its whole backlog.
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.router.largestInputBytes + WIRE_ENVELOPE_BYTES, allowSynchronousEvents: false });
  let allowedHosts = new Set<string>();
  let allowedOrigins = new Set<string>();

  server.on('upgrade', (req, socket, head) => {
    // Until ws takes the socket over, a reset or a write to a gone client is this handler's to swallow: an unhandled
    // 'error' would end the process.
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://x');
    const refuse = (status: number, why: string) => {
      socket.end(`HTTP/1.1 ${status} ${why}\r\nConnection: close\r\n\r\n`);
    };
    if (url.pathname !== '/rpc') return refuse(404, 'Not Found');
    if (!hostAllowed(req.headers.host, allowedHosts)) return refuse(421, 'Misdirected Request');
    if (!req.headers.origin || !allowedOrigins.has(req.headers.origin.toLowerCase())) return refuse(403, 'Forbidden');
    const given = url.searchParams.get('token') ?? '';
    wss.handleUpgrade(req, socket, head, (ws) => {
      // Frames the client sent right after its request (over the size cap, reserved bits, unmasked, unknown opcode)
      // make ws emit 'error' and close this socket; without a listener that error would end the process. ws would then
      // go on reading (and dropping) whatever the client still sends until it answers the close: a 5 MiB frame is read
      // whole, 64 KiB at a time. Once the close frame is out, the socket is cut instead.
      ws.on('error', () => socket.end(() => socket.destroy()));
      // Close with 1008 (policy) rather than refusing the upgrade, so the page can tell a bad token from a dead server.
      // Nothing more is read from it: once the close frame is out, the socket goes.
      if (!tokensEqual(given, token)) {
        ws.close(1008, 'invalid token');
        socket.end(() => socket.destroy());
        return;
      }
      serveSocket(ws, opts.router);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const scheme = opts.tls ? 'https' : 'http';
  const names = (opts.names ?? (isLoopback(host) ? ['127.0.0.1', 'localhost', '::1'] : machineNames(host))).map((n) => (n.includes(':') ? `[${n}]` : n));
  allowedHosts = new Set(names.map((n) => `${n}:${port}`.toLowerCase()));
  allowedOrigins = new Set(names.map((n) => `${scheme}://${n}:${port}`.toLowerCase()));
  // The URL to print first: the bind address itself, or for a wildcard the first address another machine can use.
  const bindName = host.includes(':') ? `[${host}]` : host;
  const first = host === '0.0.0.0' || host === '::' ? (names.find((n) => !isLoopback(n.replace(/^\[|\]$/g, '')) && /^[\d.[]/.test(n)) ?? names[0]!) : bindName;
  const urls = [first, ...names.filter((n) => n !== first)].map((n) => `${scheme}://${n}:${port}/`);
  const url = urls[0]!;

  return {
    url,
    urlWithToken: `${url}?token=${token}`,
    urlsWithToken: urls.map((u) => `${u}?token=${token}`),
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function hostAllowed(hostHeader: string | undefined, allowed: Set<string>): boolean {
  return !!hostHeader && allowed.has(hostHeader.toLowerCase());
}

function tokensEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

let socketCounter = 0;

const jsonText = (value: unknown) => new ExtData(JSON_TEXT_EXT, Buffer.from(JSON.stringify(value)));

/** A stream's message packed its own way (packed.ts), knowing the stream's input; as it is if packing fails. */
function packedWith(packing: WirePacking, input: unknown) {
  return (value: unknown) => {
    try {
      return new ExtData(PACKED_EXT, encode([packing.name, packing.pack(value, input)], { ignoreUndefined: true }));
    } catch {
      return value;
    }
  };
}

/** One socket = one client: its calls and streams, multiplexed by id, all cancelled when it closes. */
function serveSocket(ws: WebSocket, router: Router) {
  const clientId = `ws-${++socketCounter}`;
  const ctx = { transport: 'websocket', clientId };
  const streams = new Map<number, () => void>();
  const send = (m: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(encode(m, { ignoreUndefined: true }));
  };

  ws.on('message', (data, isBinary) => {
    if (!isBinary) return ws.close(1003, 'binary MessagePack frames only');
    const frame = data as Buffer;
    // The frame's shape is checked before decoding: a deep or huge structure is refused without being built.
    const scan = scanFrame(frame, FRAME_LIMITS);
    // An input too large for its entry is refused before it is decoded, in the router's words: measured as the router
    // measures it, so an over-long string in a frame within the cap is never built either.
    const limit = scan.path === null ? null : router.inputLimit(scan.path);
    if (!scan.problem && limit !== null && (scan.inputBytes > limit || frame.byteLength > limit + WIRE_ENVELOPE_BYTES)) scan.problem = tooLarge(limit);
    let m: ClientMessage;
    try {
      if (scan.problem) throw inputRefused(scan.path ?? 'Berth', scan.problem);
      m = decode(frame) as ClientMessage;
      if (!m || typeof m !== 'object' || typeof (m as { id?: unknown }).id !== 'number') throw new Error('shape');
    } catch (err) {
      // Refuse the one call or stream by its id; only a message without one (no client of ours sends it) closes.
      if (scan.id === null) return ws.close(1003, 'unsupported message');
      const error = (err instanceof BerthError ? err : new BerthError('INVALID_INPUT', 'Invalid input — not a message Berth can read.')).toShape();
      if (scan.t === 'sub') send({ t: 'error', id: scan.id, error });
      else if (scan.t === 'call') send({ t: 'result', id: scan.id, ok: false, error });
      return;
    }
    switch (m.t) {
      case 'call':
        router.call(m.path, m.input, ctx).then(
          (value) => send({ t: 'result', id: m.id, ok: true, value: value ?? null }),
          (err) => send({ t: 'result', id: m.id, ok: false, error: toErrorShape(err) }),
        );
        return;
      case 'sub': {
        streams.get(m.id)?.();
        const id = m.id;
        // Plain-data streams (the big lists) go as JSON text: the page parses it natively (wire.ts JSON_TEXT_EXT).
        // Small messages sent often (stats rounds) go packed (packed.ts).
        const packing = router.packing(m.path);
        const wire = packing ? packedWith(packing, m.input) : router.jsonMessages(m.path) ? jsonText : (value: unknown) => value;
        let ended = false;
        const end = () => {
          ended = true;
          streams.delete(id);
        };
        const unsubscribe = router.subscribe(
          m.path,
          m.input,
          {
            next: (value) => send({ t: 'next', id, value: wire(value) }),
            error: (error) => {
              end();
              send({ t: 'error', id, error });
            },
            complete: () => {
              end();
              send({ t: 'complete', id });
            },
          },
          ctx,
        );
        // A stream that failed at once (bad path or input) has been reported already: keeping it would leak an
        // entry per refused subscription for the socket's life.
        if (!ended) streams.set(id, unsubscribe);
        return;
      }
      case 'unsub':
        streams.get(m.id)?.();
        streams.delete(m.id);
        return;
      default:
        send({ t: 'error', id: (m as { id: number }).id, error: new BerthError('UNKNOWN_METHOD', 'Unknown message type.').toShape() });
    }
  });

  ws.on('close', () => {
    streams.clear();
    router.disposeClient(clientId);
  });
}
