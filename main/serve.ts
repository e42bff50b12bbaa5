import { existsSync } from 'node:fs';
import path from 'node:path';
import { createBackend } from './backend';
import { parseServeArgs, SERVE_USAGE, serveBanner, serveTls, type ServeArgs } from './serve-setup';
import { startWebServer } from './transports/websocket';
import type { WebTls } from './transports/web-tls';

/**
 * `berth serve`: the whole app in a browser tab. Plain Node, no Electron.
 *   --port N            port to listen on (default 7180; 0 picks a free one)
 *   --host H            address to bind (default 127.0.0.1). Anything else exposes the engine to that network, so it
 *                       is served over HTTPS: a self-signed certificate made on first run (its fingerprint printed)
 *   --cert F --key F    … or this certificate and key (PEM), on any address
 *   --insecure          plain HTTP off loopback (the token then crosses the network readable by anyone on the path)
 */
function fail(message: string): never {
  console.error(`berth serve: ${message}`);
  process.exit(2);
}

async function main() {
  let args: ServeArgs;
  try {
    args = parseServeArgs(process.argv.slice(2));
  } catch (err) {
    fail((err as Error).message);
  }
  if (args.help) {
    console.log(SERVE_USAGE);
    process.exit(0);
  }
  const staticDir = path.resolve(__dirname, '../renderer');
  if (!existsSync(path.join(staticDir, 'index.html'))) fail(`the renderer is not built (${staticDir}); run \`npm run build\` first`);
  let tls: WebTls | null = null;
  try {
    tls = await serveTls(args);
  } catch (err) {
    fail(`could not set up HTTPS: ${(err as Error).message}`);
  }
  const backend = await createBackend();
  let server;
  try {
    server = await startWebServer({ router: backend.router, staticDir, host: args.host, port: args.port, tls: tls ?? undefined });
  } catch (err) {
    const e = err as { code?: string };
    fail(e.code === 'EADDRINUSE' ? `port ${args.port} is in use; pick another with --port` : String(err));
  }
  const { warnings, lines } = serveBanner(args, tls, server);
  for (const w of warnings) console.warn(w);
  for (const l of lines) console.log(l);
  const shutdown = async () => {
    await server.close();
    await backend.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
