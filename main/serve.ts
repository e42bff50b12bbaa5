import { existsSync } from 'node:fs';
import path from 'node:path';
import { createBackend } from './backend';
import { startWebServer } from './transports/websocket';

/**
 * `berth serve`: the whole app in a browser tab. Plain Node, no Electron.
 *   --port N     port to listen on (default 7180; 0 picks a free one)
 *   --host H     address to bind (default 127.0.0.1; anything else exposes the engine to that network)
 */
function parseArgs(argv: string[]): { port: number; host: string } {
  let port = 7180;
  let host = '127.0.0.1';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--port') {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 0 || v > 65535) fail(`--port needs a number from 0 to 65535`);
      port = v;
    } else if (flag === '--host') {
      const v = value();
      if (!v) fail('--host needs an address');
      host = v!;
    } else if (flag === '--help' || flag === '-h') {
      console.log('Usage: berth serve [--port N] [--host ADDRESS]');
      process.exit(0);
    } else {
      fail(`unknown option ${arg}`);
    }
  }
  return { port, host };
}

function fail(message: string): never {
  console.error(`berth serve: ${message}`);
  process.exit(2);
}

async function main() {
  const { port, host } = parseArgs(process.argv.slice(2));
  const backend = await createBackend();
  const staticDir = path.resolve(__dirname, '../renderer');
  if (!existsSync(path.join(staticDir, 'index.html'))) fail(`the renderer is not built (${staticDir}); run \`npm run build\` first`);
  let server;
  try {
    server = await startWebServer({ router: backend.router, staticDir, host, port });
  } catch (err) {
    const e = err as { code?: string };
    fail(e.code === 'EADDRINUSE' ? `port ${port} is in use; pick another with --port` : String(err));
  }
  if (host !== '127.0.0.1' && host !== 'localhost' && host !== '::1') {
    console.warn(`Warning: listening on ${host}. Anyone who can reach it and has the token controls your container engine.`);
  }
  console.log('Berth is running in web mode. Open:');
  console.log(server.urlWithToken);
  const shutdown = async () => {
    await server.close();
    await backend.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

void main();
