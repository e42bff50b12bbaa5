import net from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * A TCP proxy on 127.0.0.1 that forwards to `target` and slows the replies to about `bytesPerSecond`, so a pull from
 * a registry on the same machine takes seconds instead of milliseconds and a test can act "halfway" through it.
 * `close()` drops every connection and stops listening.
 */
export interface SlowTcpProxy {
  /** `127.0.0.1:<port>` */
  host: string;
  close(): Promise<void>;
}

class Throttle extends Transform {
  private budget = 0;
  private last = Date.now();

  constructor(private readonly rate: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.sendSome(chunk, done);
  }

  private sendSome(chunk: Buffer, done: TransformCallback): void {
    const now = Date.now();
    this.budget = Math.min(this.rate, this.budget + ((now - this.last) / 1000) * this.rate);
    this.last = now;
    const n = Math.min(chunk.length, Math.floor(this.budget));
    if (n > 0) {
      this.push(chunk.subarray(0, n));
      this.budget -= n;
    }
    if (n === chunk.length) return done();
    const rest = chunk.subarray(n);
    setTimeout(() => this.sendSome(rest, done), 20);
  }
}

export async function startSlowTcpProxy(target: { host: string; port: number }, bytesPerSecond: number): Promise<SlowTcpProxy> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    sockets.add(client).add(upstream);
    client.pipe(upstream);
    upstream.pipe(new Throttle(bytesPerSecond)).pipe(client);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
