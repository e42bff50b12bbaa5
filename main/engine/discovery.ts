import { createHash } from 'node:crypto';
import path from 'node:path';
import type { EndpointSource } from '../../preload/contract/engine';
import { parseUrl } from '../parse-url';

/** Where and how to reach one engine; turned into dockerode options by connection.ts. */
export interface EndpointCandidate {
  /** Shown to the user, e.g. `unix:///var/run/docker.sock` or `tcp://10.0.0.5:2376 (TLS)`. */
  endpoint: string;
  source: EndpointSource;
  sourceDetail: string;
  transport:
    | { kind: 'unix'; socketPath: string }
    | { kind: 'npipe'; socketPath: string }
    | { kind: 'tcp'; host: string; port: number; tls: TlsMaterial | null }
    /** `port` only when the URL names one: otherwise ~/.ssh/config (or 22) decides, as for the docker CLI. */
    | { kind: 'ssh'; host: string; port?: number; username?: string };
}

export interface TlsMaterial {
  /** Paths of PEM files; any may be missing (then the system CAs / no client cert are used). */
  ca?: string;
  cert?: string;
  key?: string;
  verify: boolean;
}

export interface DiscoveryInput {
  env: Record<string, string | undefined>;
  homedir: string;
  platform: NodeJS.Platform;
  readFile(p: string): string | null;
}

export interface DiscoveryResult {
  candidates: EndpointCandidate[];
  /** A configuration error that stops discovery (bad DOCKER_HOST, missing context); shown as is. */
  problem?: string;
}

/**
 * Finds the engine the way the docker CLI does: DOCKER_HOST, else the current context (DOCKER_CONTEXT, then
 * `currentContext` in config.json), else the usual sockets — Docker's and then Podman's Docker-compatible one.
 * Pure: all file and environment access comes through `input`, so every rule is unit-tested.
 */
export function discoverEndpoints(input: DiscoveryInput): DiscoveryResult {
  const { env } = input;
  const configDir = env.DOCKER_CONFIG || path.join(input.homedir, '.docker');

  const dockerHost = env.DOCKER_HOST?.trim();
  if (dockerHost) {
    const tls = tlsFromEnv(env, configDir);
    const parsed = parseHost(dockerHost, tls, 'DOCKER_HOST', 'DOCKER_HOST');
    return 'problem' in parsed ? { candidates: [], problem: parsed.problem } : { candidates: [parsed] };
  }

  const contextName = env.DOCKER_CONTEXT?.trim() || readCurrentContext(input, configDir);
  if (contextName && contextName !== 'default') {
    const fromContext = contextEndpoint(input, configDir, contextName);
    return 'problem' in fromContext ? { candidates: [], problem: fromContext.problem } : { candidates: [fromContext] };
  }

  return { candidates: defaultSockets(input) };
}

function defaultSockets(input: DiscoveryInput): EndpointCandidate[] {
  if (input.platform === 'win32') {
    return [
      {
        endpoint: 'npipe:////./pipe/docker_engine',
        source: 'default-socket',
        sourceDetail: 'Docker default pipe',
        transport: { kind: 'npipe', socketPath: '//./pipe/docker_engine' },
      },
      {
        endpoint: 'npipe:////./pipe/podman-machine-default',
        source: 'default-socket',
        sourceDetail: 'Podman machine pipe',
        transport: { kind: 'npipe', socketPath: '//./pipe/podman-machine-default' },
      },
    ];
  }
  const sockets: [string, string][] = [
    ['/var/run/docker.sock', 'Docker default socket'],
    [path.join(input.homedir, '.docker/run/docker.sock'), 'Docker Desktop user socket'],
  ];
  const runtimeDir = input.env.XDG_RUNTIME_DIR;
  if (runtimeDir) sockets.push([path.join(runtimeDir, 'podman/podman.sock'), 'Podman rootless socket']);
  sockets.push(['/run/podman/podman.sock', 'Podman system socket']);
  return sockets.map(([socketPath, detail]) => ({
    endpoint: `unix://${socketPath}`,
    source: 'default-socket' as const,
    sourceDetail: detail,
    transport: { kind: 'unix' as const, socketPath },
  }));
}

function tlsFromEnv(env: DiscoveryInput['env'], configDir: string): TlsMaterial | null {
  const verify = isTruthy(env.DOCKER_TLS_VERIFY);
  const certDir = env.DOCKER_CERT_PATH || (verify ? configDir : undefined);
  if (!verify && !env.DOCKER_CERT_PATH && !isTruthy(env.DOCKER_TLS)) return null;
  if (!certDir) return { verify };
  return {
    ca: path.join(certDir, 'ca.pem'),
    cert: path.join(certDir, 'cert.pem'),
    key: path.join(certDir, 'key.pem'),
    verify,
  };
}

function isTruthy(v: string | undefined): boolean {
  return v !== undefined && v !== '' && v !== '0' && v.toLowerCase() !== 'false';
}

/** Parses a DOCKER_HOST-style URL: unix://, tcp://, http(s)://, ssh://, npipe://. */
export function parseHost(
  host: string,
  tls: TlsMaterial | null,
  source: EndpointSource,
  sourceDetail: string,
): EndpointCandidate | { problem: string } {
  const bad = (why: string) => ({ problem: `${sourceDetail} is "${host}", which ${why}.` });
  const m = /^([a-z]+):\/\/(.*)$/i.exec(host);
  if (!m) return bad('is not a URL like unix:///var/run/docker.sock or tcp://host:2376');
  const scheme = m[1]!.toLowerCase();
  const rest = m[2]!;
  switch (scheme) {
    case 'unix': {
      if (!rest.startsWith('/')) return bad('needs an absolute socket path (unix:///path/to/docker.sock)');
      return { endpoint: `unix://${rest}`, source, sourceDetail, transport: { kind: 'unix', socketPath: rest } };
    }
    case 'npipe':
      return { endpoint: host, source, sourceDetail, transport: { kind: 'npipe', socketPath: rest || '//./pipe/docker_engine' } };
    case 'tcp':
    case 'http':
    case 'https': {
      // Parsed as a non-special scheme: under http:// the URL parser would drop an explicit :80 as the default.
      const url = parseUrl(`tcp://${rest}`);
      if (!url) return bad('has no valid host and port');
      if (!url.hostname) return bad('has no host');
      const useTls = tls ?? (scheme === 'https' ? { verify: true } : null);
      const port = url.port ? Number(url.port) : useTls ? 2376 : 2375;
      const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
      return {
        endpoint: `tcp://${url.hostname}:${port}${useTls ? ' (TLS)' : ''}`,
        source,
        sourceDetail,
        transport: { kind: 'tcp', host: hostname, port, tls: useTls },
      };
    }
    case 'ssh': {
      const url = parseUrl(`ssh://${rest}`);
      if (!url) return bad('has no valid host');
      if (!url.hostname) return bad('has no host');
      const port = url.port ? Number(url.port) : undefined;
      return {
        endpoint: `ssh://${url.username ? `${url.username}@` : ''}${url.hostname}${port ? `:${port}` : ''}`,
        source,
        sourceDetail,
        transport: { kind: 'ssh', host: url.hostname, ...(port ? { port } : {}), ...(url.username ? { username: decodeURIComponent(url.username) } : {}) },
      };
    }
    default:
      return bad(`uses the unsupported scheme "${scheme}://" (use unix://, tcp://, ssh:// or npipe://)`);
  }
}

function readCurrentContext(input: DiscoveryInput, configDir: string): string | undefined {
  const raw = input.readFile(path.join(configDir, 'config.json'));
  if (!raw) return undefined;
  try {
    const cfg = JSON.parse(raw) as { currentContext?: unknown };
    return typeof cfg.currentContext === 'string' && cfg.currentContext ? cfg.currentContext : undefined;
  } catch {
    return undefined; // the docker CLI also falls back to the default context on an unreadable config
  }
}

/** Context metadata lives under a folder named by the SHA-256 of the context's name. */
export function contextDigest(name: string): string {
  return createHash('sha256').update(name).digest('hex');
}

function contextEndpoint(input: DiscoveryInput, configDir: string, name: string): EndpointCandidate | { problem: string } {
  const digest = contextDigest(name);
  const metaPath = path.join(configDir, 'contexts', 'meta', digest, 'meta.json');
  const raw = input.readFile(metaPath);
  const detail = `context "${name}"`;
  if (!raw) return { problem: `The current docker context is "${name}", but ${metaPath} does not exist. Run \`docker context use default\` or create the context.` };
  let meta: { Endpoints?: { docker?: { Host?: unknown; SkipTLSVerify?: unknown } } };
  try {
    meta = JSON.parse(raw);
  } catch {
    return { problem: `The metadata of docker context "${name}" (${metaPath}) is not valid JSON.` };
  }
  const dockerEndpoint = meta.Endpoints?.docker;
  const host = typeof dockerEndpoint?.Host === 'string' ? dockerEndpoint.Host : '';
  if (!host) return { problem: `Docker context "${name}" has no docker endpoint.` };
  const tlsDir = path.join(configDir, 'contexts', 'tls', digest, 'docker');
  const hasTls = input.readFile(path.join(tlsDir, 'ca.pem')) !== null || input.readFile(path.join(tlsDir, 'cert.pem')) !== null;
  const tls: TlsMaterial | null = hasTls
    ? {
        ca: path.join(tlsDir, 'ca.pem'),
        cert: path.join(tlsDir, 'cert.pem'),
        key: path.join(tlsDir, 'key.pem'),
        verify: dockerEndpoint?.SkipTLSVerify !== true,
      }
    : null;
  return parseHost(host, tls, 'context', detail);
}
