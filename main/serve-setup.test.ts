import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Router } from './rpc/router';
import { parseServeArgs, serveBanner, serveTls } from './serve-setup';
import { SERVE_ENV } from './test-support/serve-env';
import { tempDir } from './test-support/temp';
import { stubContract } from './test-support/web-target-process';
import { startWebServer, type WebServer } from './transports/websocket';
import { machineNames } from './transports/web-tls';

/** `berth serve --host 0.0.0.0`: HTTPS with a self-signed certificate, the machine's own names, the token kept. */

const config = tempDir('berth-serve-config-');
const env = { ...process.env, BERTH_CONFIG_DIR: config };
const staticDir = tempDir('berth-serve-static-');
writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Berth</title>');
const router = new Router(stubContract, { echo: async (i: { text: string }) => i, ticks: async () => {} });

/** A non-loopback IPv4 address of this machine, if it has one. */
const lan = Object.values(os.networkInterfaces())
  .flat()
  .find((a) => a && a.family === 'IPv4' && !a.internal)?.address;

let server: WebServer;
let ca: string;

beforeAll(async () => {
  const args = parseServeArgs(['--host', '0.0.0.0', '--port', '0']);
  const tls = await serveTls(args, env);
  expect(tls).not.toBeNull();
  ca = tls!.cert;
  server = await startWebServer({ router, staticDir, host: args.host, port: 0, tls: tls! });
});

afterAll(async () => {
  await server?.close();
});

/** GET / over TLS verified against our certificate; a Host header other than `host` is sent with SNI localhost. */
function get(host: string, opts: { hostHeader?: string } = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    https
      .get({ host, port: server.port, path: '/', ca, servername: opts.hostHeader ? 'localhost' : undefined, headers: opts.hostHeader ? { host: opts.hostHeader } : {} }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

describe('web mode off loopback', () => {
  it('makes a self-signed certificate on first run covering every name and address, keeps it, and prints its fingerprint', async () => {
    const file = path.join(config, 'web-tls', 'cert.pem');
    const x509 = new X509Certificate(readFileSync(file));
    for (const name of machineNames('0.0.0.0')) expect(x509.subjectAltName).toContain(name);
    expect(x509.subjectAltName).toContain('IP Address:127.0.0.1');
    const again = await serveTls(parseServeArgs(['--host', '0.0.0.0']), env);
    expect(again).toMatchObject({ created: false, fingerprint256: x509.fingerprint256 });
    const banner = serveBanner(parseServeArgs(['--host', '0.0.0.0']), again, server);
    expect(banner.lines).toContain(`Its SHA-256 fingerprint (check it when the browser asks): ${x509.fingerprint256}`);
    expect(banner.warnings.join('\n')).toMatch(/controls your container engine/);
  });

  it('prints usable https URLs with the token (no 0.0.0.0), the LAN address first', () => {
    expect(server.urlsWithToken.every((u) => u.startsWith('https://') && u.endsWith(`/?token=${server.token}`))).toBe(true);
    expect(server.urlsWithToken.join(' ')).not.toContain('0.0.0.0');
    expect(server.urlsWithToken).toContain(`https://127.0.0.1:${server.port}/?token=${server.token}`);
    expect(server.urlsWithToken).toContain(`https://localhost:${server.port}/?token=${server.token}`);
    if (lan) expect(server.urlWithToken).toBe(`https://${lan}:${server.port}/?token=${server.token}`);
  });

  it("accepts the machine's own names and addresses as Host over verified TLS, refuses others, and plain HTTP", async () => {
    expect(await get('127.0.0.1')).toBe(200);
    expect(await get('localhost')).toBe(200);
    expect(await get('127.0.0.1', { hostHeader: `${os.hostname()}:${server.port}` })).toBe(200);
    if (lan) expect(await get(lan)).toBe(200);
    expect(await get('127.0.0.1', { hostHeader: `rebound.example:${server.port}` })).toBe(421);
    expect(await get('127.0.0.1', { hostHeader: `0.0.0.0:${server.port}` })).toBe(421);
    const plain = await new Promise<string>((resolve) => {
      http.get({ host: '127.0.0.1', port: server.port, path: '/' }, (res) => resolve(`HTTP ${res.statusCode}`)).on('error', (e) => resolve((e as NodeJS.ErrnoException).code ?? 'error'));
    });
    expect(plain).not.toMatch(/^HTTP 200/);
  });

  it('keeps the token and the Origin check over wss', async () => {
    const open = (token: string, origin: string) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`wss://127.0.0.1:${server.port}/rpc?token=${token}`, { origin, ca });
        // A wrong token is closed (1008) right after the upgrade: "open" only if it stays so for a moment.
        ws.on('open', () =>
          setTimeout(() => {
            resolve('open');
            ws.close();
          }, 300),
        );
        ws.on('close', (code) => resolve(`closed ${code}`));
        ws.on('unexpected-response', (_req, res) => resolve(`HTTP ${res.statusCode}`));
        ws.on('error', () => undefined);
      });
    expect(await open(server.token, `https://127.0.0.1:${server.port}`)).toBe('open');
    if (lan) expect(await open(server.token, `https://${lan}:${server.port}`)).toBe('open');
    expect(await open('wrong', `https://127.0.0.1:${server.port}`)).toBe('closed 1008');
    expect(await open(server.token, `http://127.0.0.1:${server.port}`)).toBe('HTTP 403');
    expect(await open(server.token, 'https://evil.example')).toBe('HTTP 403');
  });
});

describe('serve options', () => {
  it('plain HTTP off loopback only with --insecure, and then with a warning', async () => {
    const insecure = parseServeArgs(['--host', '0.0.0.0', '--insecure']);
    expect(await serveTls(insecure, env)).toBeNull();
    const banner = serveBanner(insecure, null, { urlWithToken: 'http://10.0.0.5:7180/?token=t', urlsWithToken: ['http://10.0.0.5:7180/?token=t'] });
    expect(banner.warnings.join('\n')).toMatch(/--insecure: plain HTTP/);
    // loopback stays plain HTTP, one URL, no warning
    const local = parseServeArgs([]);
    expect(await serveTls(local, env)).toBeNull();
    expect(serveBanner(local, null, { urlWithToken: 'http://127.0.0.1:7180/?token=t', urlsWithToken: ['a', 'b'] })).toEqual({
      warnings: [],
      lines: ['Berth is running in web mode. Open:', 'http://127.0.0.1:7180/?token=t'],
    });
  });

  it('a given certificate is used as it is (and must match its key); bad combinations are refused', async () => {
    const dir = tempDir('berth-serve-user-cert-');
    const made = await serveTls(parseServeArgs(['--host', '0.0.0.0']), { BERTH_CONFIG_DIR: dir });
    const cert = path.join(dir, 'web-tls', 'cert.pem');
    const key = path.join(dir, 'web-tls', 'key.pem');
    expect(await serveTls(parseServeArgs(['--host', '127.0.0.1', '--cert', cert, '--key', key]), env)).toMatchObject({ fingerprint256: made!.fingerprint256, created: false });
    const other = path.join(config, 'web-tls', 'key.pem');
    await expect(serveTls(parseServeArgs(['--cert', cert, '--key', other]), env)).rejects.toThrow(/is not the key of/);
    expect(() => parseServeArgs(['--cert', cert])).toThrow('--cert and --key go together');
    expect(() => parseServeArgs(['--insecure', '--cert', cert, '--key', key])).toThrow(/contradict/);
    expect(() => parseServeArgs(['--port', 'x'])).toThrow(/--port/);
  });
});

describe('npm run serve', () => {
  it('starts the server with the environment the tests and benchmarks give it (SERVE_ENV)', () => {
    const pkg = JSON.parse(readFileSync(path.join(__dirname, '../package.json'), 'utf8')) as { scripts: Record<string, string> };
    const launch = /(?:^|&& )((?:\w+=\S+ )*)node dist\/main\/serve\.cjs$/.exec(pkg.scripts.serve!);
    expect(launch, pkg.scripts.serve).not.toBeNull();
    const env = Object.fromEntries(launch![1]!.trim().split(/\s+/).filter(Boolean).map((kv) => kv.split('=') as [string, string]));
    expect(env).toEqual(SERVE_ENV);
  });
});
