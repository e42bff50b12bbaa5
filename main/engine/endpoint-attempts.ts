import { readdirSync } from 'node:fs';
import os from 'node:os';
import type { EndpointAttempt } from '../../preload/contract/engine';
import { toBerthError } from '../errors';
import type { EndpointCandidate } from './discovery';
import { SshConnectError, type SshEnvironment } from './ssh-tunnel';

/**
 * What an engine connection tells about its endpoints: each attempt described (its error said plainly, TLS and ssh
 * included), the hint shown when none answers, and the ssh environment read from the user's machine.
 */

export function describe(c: EndpointCandidate): EndpointAttempt {
  return { endpoint: c.endpoint, source: c.source, sourceDetail: c.sourceDetail };
}

export function defaultSshEnvironment(readFile: (p: string) => string | null): SshEnvironment {
  return { homedir: os.homedir(), localUser: os.userInfo().username, env: process.env, readFile, listDir: (d) => { try { return readdirSync(d); } catch { return []; } } };
}

export class TlsFileMissing extends Error {
  constructor(
    readonly label: string,
    readonly file: string,
  ) {
    super(`the TLS ${label} file ${file} does not exist or cannot be read`);
  }
}

/** TLS failures by OpenSSL/Node code, in words that say which side is wrong. */
const TLS_ERRORS: Record<string, string> = {
  CERT_HAS_EXPIRED: "the engine's TLS certificate has expired",
  CERT_NOT_YET_VALID: "the engine's TLS certificate is not valid yet (check the clock)",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the engine's certificate is self-signed and not in the CA file",
  SELF_SIGNED_CERT_IN_CHAIN: "the engine's certificate is not signed by the CA Berth was given (wrong ca.pem?)",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the engine's certificate is not signed by the CA Berth was given (wrong ca.pem?)",
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "the engine's certificate is not signed by the CA Berth was given (wrong ca.pem?)",
  ERR_TLS_CERT_ALTNAME_INVALID: "the engine's certificate is for another host name",
  ERR_SSL_SSLV3_ALERT_CERTIFICATE_EXPIRED: 'the engine refused the client certificate: it has expired',
  ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE: 'the engine refused the client certificate (not signed by its CA, or wrong key)',
  ERR_SSL_TLSV1_ALERT_UNKNOWN_CA: 'the engine refused the client certificate: it does not know the CA that signed it',
  ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED: 'the engine wants a client certificate and none was given (cert.pem and key.pem)',
  ERR_SSL_WRONG_VERSION_NUMBER: 'TLS was expected but the other side does not speak TLS (a plain-HTTP port?)',
  ERR_OSSL_X509_KEY_VALUES_MISMATCH: 'the client key does not belong to the client certificate',
};

export function withError(attempt: EndpointAttempt, err: unknown, timeoutMs = 2000): EndpointAttempt {
  const e = err as { code?: string; name?: string; statusCode?: number; message?: string; library?: string; reason?: string };
  if (err instanceof SshConnectError) {
    return { ...attempt, error: err.message, errorCode: err.failure === 'TIMEOUT' ? 'TIMEOUT' : err.failure === 'UNREACHABLE' ? 'ENGINE_UNREACHABLE' : err.failure === 'CHANNEL' ? 'ENGINE_ERROR' : 'PERMISSION_DENIED' };
  }
  if (err instanceof TlsFileMissing) return { ...attempt, error: err.message, errorCode: 'INVALID_CONFIG' };
  if (e?.code && TLS_ERRORS[e.code]) return { ...attempt, error: TLS_ERRORS[e.code], errorCode: 'PERMISSION_DENIED' };
  if (e?.library === 'SSL routines' || /^ERR_SSL_|^ERR_TLS_/.test(e?.code ?? '')) return { ...attempt, error: `TLS failed: ${e.reason ?? e.message}`, errorCode: 'PERMISSION_DENIED' };
  if (e?.code === 'ENOENT') return { ...attempt, error: 'no socket at this path', errorCode: 'ENGINE_UNREACHABLE' };
  if (e?.code === 'ECONNREFUSED') return { ...attempt, error: 'connection refused (nothing listens there)', errorCode: 'ENGINE_UNREACHABLE' };
  if (e?.code === 'EACCES' || e?.code === 'EPERM')
    return { ...attempt, error: 'permission denied on the socket', errorCode: 'PERMISSION_DENIED' };
  if (e?.code === 'ENOTFOUND' || e?.code === 'EAI_AGAIN') return { ...attempt, error: 'the host name does not resolve', errorCode: 'ENGINE_UNREACHABLE' };
  if (e?.code === 'EHOSTUNREACH' || e?.code === 'ENETUNREACH') return { ...attempt, error: `the host cannot be reached (${e.code})`, errorCode: 'ENGINE_UNREACHABLE' };
  if (e?.code === 'ECONNRESET') return { ...attempt, error: 'the other side closed the connection at once (TLS expected and missing, or not an engine)', errorCode: 'ENGINE_ERROR' };
  if (e?.code?.startsWith('HPE_')) return { ...attempt, error: 'something answers there, but not with HTTP: it is not a container engine', errorCode: 'ENGINE_ERROR' };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError' || e?.code === 'ETIMEDOUT')
    return { ...attempt, error: `no answer within ${Math.round(timeoutMs / 1000)} s`, errorCode: 'TIMEOUT' };
  if (typeof e?.statusCode === 'number' && (e.statusCode === 404 || e.statusCode === 400 || e.statusCode === 405))
    return { ...attempt, error: `it answers HTTP but not the Docker API (HTTP ${e.statusCode} on /_ping): not a container engine`, errorCode: 'ENGINE_ERROR' };
  const b = toBerthError(err);
  return { ...attempt, error: b.message, errorCode: b.code === 'PERMISSION_DENIED' ? 'PERMISSION_DENIED' : 'ENGINE_ERROR' };
}

/** What the user can do, from what failed. `cliPick`: the engine the docker CLI would use (hints name its settings). */
export function hintFor(tried: EndpointAttempt[], candidates: EndpointCandidate[], cliPick = true): string {
  const only = candidates.length === 1 ? candidates[0] : undefined;
  if (tried.some((t) => t.errorCode === 'PERMISSION_DENIED' && /^(unix|npipe):/.test(t.endpoint))) {
    return 'The engine socket exists but this user may not open it. Add your user to the "docker" group and log in again, or run rootless Docker / Podman and point DOCKER_HOST at its socket.';
  }
  if (only) {
    const what = !cliPick
      ? only.source === 'context'
        ? `Docker ${only.sourceDetail} points at ${only.endpoint}`
        : only.endpoint
      : only.source === 'DOCKER_HOST'
        ? `DOCKER_HOST points at ${only.endpoint}`
        : only.source === 'context'
          ? `The current docker context (${only.sourceDetail}) points at ${only.endpoint}`
          : null;
    const first = tried[0];
    // A reason that is not "nobody answers" (TLS, ssh keys, not an engine) is the hint itself: it says what to fix.
    if (what && first?.error && first.errorCode !== 'ENGINE_UNREACHABLE' && first.errorCode !== 'TIMEOUT') return `${what}: ${first.error}.`;
    if (what && !cliPick) return `${what}, which does not answer${first?.error ? ` (${first.error})` : ''}. Start the engine there or check the address; Berth keeps trying.`;
    if (only.source === 'DOCKER_HOST') return `DOCKER_HOST points at ${only.endpoint}, which does not answer. Start the engine there, or fix or unset DOCKER_HOST.`;
    if (only.source === 'context') {
      return `The current docker context (${only.sourceDetail}) points at ${only.endpoint}, which does not answer. Start that engine, or switch with \`docker context use default\`.`;
    }
  }
  return 'No container engine answers. Start Docker (Docker Desktop, or `sudo systemctl start docker`), or Podman’s socket (`systemctl --user start podman.socket`), or set DOCKER_HOST to your engine.';
}
