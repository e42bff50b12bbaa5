import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import WebSocket from 'ws';
import { contract, flattenContract } from '../preload/contract';
import { malformedInputs, RawRpc } from '../main/test-support/malformed-input';
import { afterHandshake, BAD_FRAMES, frame, rawExchange, upgradeRequest } from '../main/test-support/ws-abuse';
import { CannotRun, fmt, percentile, pool, rssMb, rssPartsMb, sleep, type Benchmark } from './lib';
import { pidOf, serveForBench } from './serve';

const MALFORMED_CALLS = 10_000;
const ABUSIVE_CONNECTIONS = 1_000;
/** Sockets the malformed calls are spread over, and calls in flight on each. */
const CALL_SOCKETS = 4;
const CALLS_IN_FLIGHT = 16;
const CONNECTIONS_AT_ONCE = 50;

/**
 * abuse-rss: `berth serve` under 10,000 malformed calls (every contract entry, the fuzz test's inputs) and 1,000
 * abusive connections (bad frames before and after the token, oversized frames, slow-loris handshakes, foreign
 * Origin) at once, while a well-behaved client (abuse-probe.ts, its own process and socket) makes a cheap call
 * every 20 ms.
 */
export const abuseRss: Benchmark = {
  name: 'abuse-rss',
  describe: 'RSS of berth serve after 10,000 malformed calls + 1,000 abusive connections, ref = RSS before; the latency of a well-behaved client meanwhile',
  async run(ctx) {
    // The server runs with its inspector on (loopback, a free port) so RSS can be read after a forced GC as well:
    // without one, V8 collects when it pleases and RSS says as much about its timing as about what is kept.
    const inspectPort = await freePort();
    const server = await serveForBench(ctx, { ...process.env, NODE_OPTIONS: `--inspect=127.0.0.1:${inspectPort}` });
    const pid = pidOf(server);
    const url = new URL(server.url);
    const port = Number(url.port);
    const token = url.searchParams.get('token') ?? '';
    const inspector = await Inspector.connect(inspectPort);
    ctx.defer(() => inspector.close());
    /** RSS and the V8 heap in use, after a full GC. */
    const afterGc = async () => {
      await inspector.send('HeapProfiler.collectGarbage');
      await sleep(500);
      const heap = (await inspector.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
      return { rss: rssMb(pid), parts: rssPartsMb(pid), heap: heap.usedSize / (1024 * 1024), heapTotal: heap.totalSize / (1024 * 1024) };
    };

    const prober = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'abuse-probe.ts'), String(port), token], { stdio: ['pipe', 'pipe', 'inherit'] });
    ctx.defer(() => prober.kill());
    const proberOut = readline.createInterface({ input: prober.stdout });
    const proberLines = proberOut[Symbol.asyncIterator]();
    if ((await proberLines.next()).value !== 'ready') throw new CannotRun('the well-behaved client did not connect');
    const phase = (name: string) => prober.stdin.write(`${name}\n`);

    // Warm up (JIT, schemas), then the baseline.
    const all = flattenContract(contract).flatMap(({ path: p, entry }) => malformedInputs(entry).map((input) => ({ path: p, kind: entry.kind, input })));
    const warm = await RawRpc.connect(port, token);
    await pool(all.slice(0, 500), CALLS_IN_FLIGHT, (c) => warm.send(c.kind, c.path, c.input));
    warm.close();
    phase('idle');
    await sleep(3000);
    phase('settle');
    const before = rssMb(pid);
    const beforeGc = await afterGc();

    // ---- the storm ----
    /** 10,000 malformed calls over CALL_SOCKETS sockets and 1,000 abusive connections, at once. */
    const storm = async () => {
      const cpu0 = cpuSeconds(pid);
      const codes = new Map<string, number>();
      const t0 = performance.now();
      const calls = (async () => {
        const sockets = await Promise.all(Array.from({ length: CALL_SOCKETS }, () => RawRpc.connect(port, token)));
        let next = 0;
        await Promise.all(
          sockets.map((rpc) =>
            pool(Array.from({ length: CALLS_IN_FLIGHT }), CALLS_IN_FLIGHT, async () => {
              while (next < MALFORMED_CALLS) {
                const c = all[next++ % all.length]!;
                const error = await rpc.send(c.kind, c.path, c.input).catch(() => ({ code: 'NO_ANSWER' }));
                const code = error?.code ?? 'ACCEPTED';
                codes.set(code, (codes.get(code) ?? 0) + 1);
              }
            }),
          ),
        );
        const open = sockets.filter((s) => s.open).length;
        for (const s of sockets) s.close();
        return open;
      })();
      const abuse = pool(Array.from({ length: ABUSIVE_CONNECTIONS }, (_, i) => i), CONNECTIONS_AT_ONCE, (i) => abusiveConnection(port, token, i));
      const [openAfter] = await Promise.all([calls, abuse]);
      return { codes, openAfter, stormMs: performance.now() - t0, stormCpu: cpuSeconds(pid) - cpu0 };
    };
    phase('storm');
    const { codes, openAfter, stormMs, stormCpu } = await storm();
    phase('after');
    await sleep(3000);
    const after = rssMb(pid);
    const afterGcs = await afterGc();
    // The same storm again: whether what the first left behind is kept for reuse (the allocator's high-water mark) or
    // grows with every storm.
    phase('storm 2');
    await storm();
    phase('after 2');
    await sleep(3000);
    const afterGcs2 = await afterGc();
    prober.stdin.write('end\n');
    const samples = JSON.parse(((await proberLines.next()).value as string | undefined) ?? '{}') as Record<string, number[]>;
    const idle = samples.idle ?? [];
    const during = samples.storm ?? [];
    const alive = server.child.exitCode === null && server.child.signalCode === null;
    if (!alive) throw new CannotRun('berth serve died during the storm');

    const slow = during.filter((ms) => ms > 50).length;
    const invalid = codes.get('INVALID_INPUT') ?? 0;
    return {
      berth: afterGcs.rss,
      ref: beforeGc.rss,
      unit: 'MB',
      table: [
        ['RSS before → after, forced GC', `${fmt(beforeGc.rss, ' MB')} → ${fmt(afterGcs.rss, ' MB')} (growth ${fmt(afterGcs.rss - beforeGc.rss, ' MB')}; target ≤ 20 MB)`],
        [
          'RSS parts, forced GC',
          `written (anon) ${fmt(beforeGc.parts.anon, ' MB')} → ${fmt(afterGcs.parts.anon, ' MB')}; mapped files (code read in) ${fmt(beforeGc.parts.file, ' MB')} → ${fmt(afterGcs.parts.file, ' MB')}`,
        ],
        ['V8 heap in use, forced GC', `${fmt(beforeGc.heap, ' MB')} → ${fmt(afterGcs.heap, ' MB')} (what JavaScript still holds)`],
        ['V8 heap reserved, forced GC', `${fmt(beforeGc.heapTotal, ' MB')} → ${fmt(afterGcs.heapTotal, ' MB')} (pages V8 keeps for the next allocations)`],
        ['the same storm again', `RSS after it, forced GC: ${fmt(afterGcs2.rss, ' MB')} (${fmt(afterGcs2.rss - afterGcs.rss, ' MB')} over the first storm's)`],
        ['RSS before → after, no GC', `${fmt(before, ' MB')} → ${fmt(after, ' MB')} (growth ${fmt(after - before, ' MB')}), 3 s after each phase`],
        ['malformed calls', `${MALFORMED_CALLS} over ${CALL_SOCKETS} sockets; ${invalid} INVALID_INPUT${[...codes].filter(([c]) => c !== 'INVALID_INPUT').map(([c, n]) => `, ${n} ${c}`).join('')}; sockets still open ${openAfter}/${CALL_SOCKETS}`],
        ['abusive connections', `${ABUSIVE_CONNECTIONS} (${CONNECTIONS_AT_ONCE} at a time): bad frames before/after the token, oversized, slow-loris, foreign Origin`],
        ['storm took', `${fmt(stormMs / 1000, ' s')}; berth serve used ${fmt(stormCpu, ' s')} of CPU meanwhile`],
        ['well-behaved client, idle', `${idle.length} calls: p50 ${fmt(percentile(idle, 50), ' ms')}, p99 ${fmt(percentile(idle, 99), ' ms')}, max ${fmt(Math.max(...idle), ' ms')}`],
        ['well-behaved client, storm', `${during.length} calls: p50 ${fmt(percentile(during, 50), ' ms')}, p99 ${fmt(percentile(during, 99), ' ms')}, max ${fmt(Math.max(...during), ' ms')}; ${slow} over 50 ms (target 0)`],
        ['server', alive ? 'still up' : 'DIED'],
      ],
    };
  },
};

let oversized: Buffer | undefined;

/** One abusive connection of kind `i % 8`; resolves when it is over (closed by the server, or given up). */
async function abusiveConnection(port: number, token: string, i: number): Promise<void> {
  const bad = Object.values(BAD_FRAMES);
  switch (i % 8) {
    case 0:
    case 1: // a wrong token, then at once a bad frame
      await rawExchange(port, (s) => s.write(Buffer.concat([Buffer.from(upgradeRequest(port, 'wrong')), bad[i % bad.length]!])), 3000);
      return;
    case 2:
    case 3: // the token, then a bad frame
      await rawExchange(port, afterHandshake(port, token, bad[i % bad.length]!), 3000);
      return;
    case 4: // the token, then a frame over the cap (sent whole: 5 MiB)
      await rawExchange(port, afterHandshake(port, token, (oversized ??= frame(0x2, Buffer.alloc(5 * 1024 * 1024, 0xa1)))), 5000);
      return;
    case 5: // a foreign Origin
      await rawExchange(port, (s) => s.write(upgradeRequest(port, token).replace(/Origin: [^\r]+/, 'Origin: http://evil.example')), 3000);
      return;
    default: {
      // slow-loris: headers dribbled, never finished; given up after 2 s (the server cuts them at 10 s)
      const s = net.connect(port, '127.0.0.1');
      s.on('error', () => undefined);
      s.write(`GET /rpc?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
      const drip = setInterval(() => s.write('X-Slow: 1\r\n'), 400);
      await sleep(2000);
      clearInterval(drip);
      s.destroy();
    }
  }
}

/** utime + stime of a process, in seconds (/proc/<pid>/stat counts 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

/** The server's own V8 inspector (`--inspect`), for one thing: a forced GC before reading RSS. */
class Inspector {
  private nextId = 1;
  private constructor(private readonly ws: WebSocket) {}

  static async connect(port: number): Promise<Inspector> {
    const list = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
    const ws = new WebSocket(list[0]!.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    return new Inspector(ws);
  }

  send(method: string): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const onMessage = (data: Buffer) => {
        const m = JSON.parse(data.toString()) as { id?: number; result?: Record<string, unknown> };
        if (m.id !== id) return;
        this.ws.off('message', onMessage);
        resolve(m.result ?? {});
      };
      this.ws.on('message', onMessage);
      this.ws.send(JSON.stringify({ id, method }));
    });
  }

  close(): void {
    this.ws.close();
  }
}
