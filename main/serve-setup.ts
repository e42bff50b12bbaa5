import path from 'node:path';
import { defaultSettingsPath } from './services/settings';
import { isLoopback } from './transports/websocket';
import { machineNames, selfSignedCertificate, userCertificate, type WebTls } from './transports/web-tls';

/** What `berth serve` was asked for (see serve.ts for the options). */
export interface ServeArgs {
  port: number;
  host: string;
  insecure: boolean;
  cert: string | null;
  key: string | null;
  help: boolean;
}

export const SERVE_USAGE = 'Usage: berth serve [--port N] [--host ADDRESS] [--cert FILE --key FILE] [--insecure]';

/** Parses the command line; throws an Error whose message says what is wrong. */
export function parseServeArgs(argv: string[]): ServeArgs {
  const args: ServeArgs = { port: 7180, host: '127.0.0.1', insecure: false, cert: null, key: null, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--port') {
      const v = Number(value());
      if (!Number.isInteger(v) || v < 0 || v > 65535) throw new Error('--port needs a number from 0 to 65535');
      args.port = v;
    } else if (flag === '--host') {
      const v = value();
      if (!v) throw new Error('--host needs an address');
      args.host = v;
    } else if (flag === '--cert' || flag === '--key') {
      const v = value();
      if (!v) throw new Error(`${flag} needs a file`);
      args[flag === '--cert' ? 'cert' : 'key'] = path.resolve(v);
    } else if (flag === '--insecure') args.insecure = true;
    else if (flag === '--help' || flag === '-h') args.help = true;
    else throw new Error(`unknown option ${arg}`);
  }
  if (!args.cert !== !args.key) throw new Error('--cert and --key go together');
  if (args.insecure && args.cert) throw new Error('--insecure and --cert contradict each other');
  return args;
}

/**
 * The TLS to serve with: the user's certificate, else off loopback (unless --insecure) a self-signed one kept in
 * the config folder (`web-tls/`); null for plain HTTP.
 */
export async function serveTls(args: ServeArgs, env: NodeJS.ProcessEnv = process.env): Promise<WebTls | null> {
  if (args.cert && args.key) return userCertificate(args.cert, args.key);
  if (isLoopback(args.host) || args.insecure) return null;
  return selfSignedCertificate(path.join(path.dirname(defaultSettingsPath(env)), 'web-tls'), machineNames(args.host));
}

/** What `berth serve` prints once it listens: warnings (stderr) and the lines to read (stdout). */
export function serveBanner(args: ServeArgs, tls: WebTls | null, urls: { urlWithToken: string; urlsWithToken: string[] }): { warnings: string[]; lines: string[] } {
  const warnings: string[] = [];
  const lines: string[] = [];
  const loopback = isLoopback(args.host);
  if (!loopback) {
    warnings.push(`Warning: listening on ${args.host}. Anyone who can reach it and has the token controls your container engine (root on this machine).`);
    if (!tls) warnings.push('Warning: --insecure: plain HTTP. The token crosses the network in clear text; use it only on a network you trust.');
  }
  if (tls) {
    lines.push(tls.file ? `HTTPS certificate: ${tls.file}${tls.created ? ' (made now)' : ''}` : 'HTTPS certificate: the one given');
    lines.push(`Its SHA-256 fingerprint (check it when the browser asks): ${tls.fingerprint256}`);
  }
  lines.push('Berth is running in web mode. Open:');
  // Off loopback, every name and address of this machine works: the user picks the one their browser can reach.
  lines.push(...(loopback ? [urls.urlWithToken] : urls.urlsWithToken));
  return { warnings, lines };
}
