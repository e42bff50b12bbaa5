import { BerthError } from '../../preload/contract/errors';
import type { Credentials } from './registries-config';
import { hostOf } from './registries-config';

/**
 * A small Registry HTTP API v2 client: GET with the 401 challenge answered (`WWW-Authenticate: Basic` → send the
 * credentials; `Bearer realm=…,service=…,scope=…` → fetch a token from the realm with them, then retry).
 */

export interface Challenge {
  scheme: 'basic' | 'bearer';
  params: Record<string, string>;
}

/** Parses `Bearer realm="https://auth/token",service="registry",scope="repository:x:pull"`. Pure. */
export function parseChallenge(header: string | null): Challenge | null {
  if (!header) return null;
  const m = /^\s*(\w+)\s*(.*)$/s.exec(header);
  if (!m) return null;
  const scheme = m[1]!.toLowerCase();
  if (scheme !== 'basic' && scheme !== 'bearer') return null;
  const params: Record<string, string> = {};
  const re = /(\w+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g;
  let p: RegExpExecArray | null;
  while ((p = re.exec(m[2]!))) params[p[1]!.toLowerCase()] = (p[2] ?? p[3] ?? '').replace(/\\(.)/g, '$1');
  return { scheme, params };
}

/** Loopback registries speak plain HTTP by default, as the engine allows for them; the rest HTTPS. */
export function baseUrlOf(server: string): string {
  const host = hostOf(server);
  if (host === 'docker.io' || host === 'index.docker.io') return 'https://registry-1.docker.io';
  const bare = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const loopback = bare === 'localhost' || /^127\./.test(bare) || bare === '::1';
  return `${loopback ? 'http' : 'https'}://${host}`;
}

const TIMEOUT_MS = 15_000;

export interface RegistryResponse {
  status: number;
  headers: Headers;
  json: unknown;
}

export class RegistryClient {
  constructor(
    private readonly server: string,
    private readonly creds: Credentials | null,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** GETs `path` (e.g. `/v2/_catalog?n=100`), answering an auth challenge once. Throws a BerthError. */
  async get(path: string): Promise<RegistryResponse> {
    const url = `${baseUrlOf(this.server)}${path}`;
    let res = await this.request(url, {});
    if (res.status === 401) {
      const challenge = parseChallenge(res.headers.get('www-authenticate'));
      if (!challenge) throw this.denied(false);
      const authorization = await this.authorize(challenge);
      if (!authorization) throw this.denied(false);
      res = await this.request(url, { authorization });
      if (res.status === 401 || res.status === 403) throw this.denied(true);
    }
    if (res.status === 403) throw this.denied(this.creds !== null);
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (res.status === 404) {
      throw new BerthError('NOT_FOUND', `${hostOf(this.server)} has no ${path.replace(/\?.*$/, '')}: ${registryMessage(json) ?? 'not found'}.`);
    }
    if (res.status >= 400) {
      throw new BerthError('ENGINE_ERROR', `${hostOf(this.server)} answered ${res.status}: ${registryMessage(json) ?? (text.slice(0, 200) || res.statusText)}`);
    }
    return { status: res.status, headers: res.headers, json };
  }

  private async authorize(challenge: Challenge): Promise<string | null> {
    const basic = this.creds?.password !== undefined ? Buffer.from(`${this.creds.username}:${this.creds.password}`).toString('base64') : null;
    if (challenge.scheme === 'basic') return basic ? `Basic ${basic}` : null;
    const realm = challenge.params.realm;
    if (!realm) return null;
    const tokenUrl = new URL(realm);
    if (challenge.params.service) tokenUrl.searchParams.set('service', challenge.params.service);
    if (challenge.params.scope) tokenUrl.searchParams.set('scope', challenge.params.scope);
    const headers: Record<string, string> = {};
    if (basic) headers.authorization = `Basic ${basic}`;
    let res: Response;
    if (this.creds?.identityToken) {
      const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: this.creds.identityToken, service: challenge.params.service ?? '', client_id: 'berth' });
      if (challenge.params.scope) body.set('scope', challenge.params.scope);
      res = await this.request(tokenUrl.toString(), { 'content-type': 'application/x-www-form-urlencoded' }, 'POST', body.toString());
    } else {
      res = await this.request(tokenUrl.toString(), headers);
    }
    if (res.status === 401 || res.status === 403) throw this.denied(basic !== null || this.creds?.identityToken !== undefined);
    if (!res.ok) throw new BerthError('ENGINE_ERROR', `The token service of ${hostOf(this.server)} answered ${res.status}.`);
    const body = (await res.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    return token ? `Bearer ${token}` : null;
  }

  private denied(withCreds: boolean): BerthError {
    const host = hostOf(this.server);
    return withCreds
      ? new BerthError('PERMISSION_DENIED', `${host} refused the username and password (401): check them and log in again.`, { reason: 'bad-credentials' })
      : new BerthError('PERMISSION_DENIED', `${host} needs you to log in first.`, { reason: 'login-required' });
  }

  private async request(url: string, headers: Record<string, string>, method = 'GET', body?: string): Promise<Response> {
    try {
      return await this.fetchImpl(url, {
        method,
        headers: { accept: 'application/json', ...headers },
        ...(body === undefined ? {} : { body }),
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'follow',
      });
    } catch (err) {
      const e = err as { name?: string; cause?: { code?: string; message?: string } };
      const host = hostOf(this.server);
      if (e.name === 'TimeoutError') throw new BerthError('TIMEOUT', `The registry ${host} did not answer within ${TIMEOUT_MS / 1000} s.`);
      const code = e.cause?.code ?? '';
      throw new BerthError('ENGINE_ERROR', `The registry ${host} does not answer (${code || e.cause?.message || 'no connection'}).`, {
        reason: 'registry-unreachable',
      });
    }
  }
}

function registryMessage(json: unknown): string | null {
  const errors = (json as { errors?: { message?: string; code?: string }[] } | null)?.errors;
  if (Array.isArray(errors) && errors[0]) return errors[0].message ?? errors[0].code ?? null;
  return null;
}

/** `</v2/_catalog?last=x&n=100>; rel="next"` → `x`. Pure. */
export function nextLast(link: string | null): string | null {
  if (!link) return null;
  const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(link);
  if (!m) return null;
  return new URL(m[1]!, 'http://registry').searchParams.get('last');
}
