import { describe, expect, it } from 'vitest';
import { baseUrlOf, nextLast, parseChallenge, RegistryClient } from './registries-client';

describe('parseChallenge', () => {
  it('reads Bearer parameters, quoted or not', () => {
    expect(parseChallenge('Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull"')).toEqual({
      scheme: 'bearer',
      params: { realm: 'https://auth.example.com/token', service: 'registry.example.com', scope: 'repository:a/b:pull' },
    });
    expect(parseChallenge('Basic realm=berth-test')).toEqual({ scheme: 'basic', params: { realm: 'berth-test' } });
    expect(parseChallenge('Negotiate abc')).toBeNull();
    expect(parseChallenge(null)).toBeNull();
  });
});

describe('baseUrlOf and nextLast', () => {
  it('speaks HTTP to loopback registries only', () => {
    expect(baseUrlOf('127.0.0.1:5000')).toBe('http://127.0.0.1:5000');
    expect(baseUrlOf('localhost:5000')).toBe('http://localhost:5000');
    expect(baseUrlOf('registry.example.com')).toBe('https://registry.example.com');
    expect(baseUrlOf('docker.io')).toBe('https://registry-1.docker.io');
  });
  it('finds the next page in a Link header', () => {
    expect(nextLast('</v2/_catalog?last=team%2Fapp&n=100>; rel="next"')).toBe('team/app');
    expect(nextLast(null)).toBeNull();
  });
});

describe('RegistryClient', () => {
  it('answers a Bearer challenge with a token fetched using the credentials', async () => {
    const calls: { url: string; auth: string | undefined }[] = [];
    const fake = (async (url: string, init: { headers: Record<string, string> }) => {
      calls.push({ url, auth: init.headers.authorization });
      if (url.startsWith('https://auth.example.com/token')) return new Response(JSON.stringify({ token: 'T' }), { status: 200 });
      if (init.headers.authorization === 'Bearer T') return new Response(JSON.stringify({ repositories: ['a'] }), { status: 200 });
      return new Response('', { status: 401, headers: { 'www-authenticate': 'Bearer realm="https://auth.example.com/token",service="reg"' } });
    }) as unknown as typeof fetch;
    const res = await new RegistryClient('reg.example.com', { username: 'u', password: 'p' }, fake).get('/v2/_catalog');
    expect(res.json).toEqual({ repositories: ['a'] });
    expect(calls[1]).toEqual({ url: 'https://auth.example.com/token?service=reg', auth: `Basic ${Buffer.from('u:p').toString('base64')}` });
  });

  it('says the credentials were refused when the token service answers 401', async () => {
    const fake = (async (url: string) =>
      url.includes('token')
        ? new Response('', { status: 401 })
        : new Response('', { status: 401, headers: { 'www-authenticate': 'Bearer realm="https://r.example.com/token"' } })) as unknown as typeof fetch;
    await expect(new RegistryClient('r.example.com', { username: 'u', password: 'bad' }, fake).get('/v2/')).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
      details: { reason: 'bad-credentials' },
    });
  });
});
