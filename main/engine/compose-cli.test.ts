import { existsSync, readlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeEnvFor, defaultCertDir } from './compose-cli';
import type { EndpointCandidate } from './discovery';

const shell = { PATH: '/usr/bin', DOCKER_HOST: 'tcp://elsewhere:2375', DOCKER_CONTEXT: 'other', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/old' };

describe('composeEnvFor: the compose CLI reaches the same engine as Berth', () => {
  it('a socket: DOCKER_HOST, and nothing of the shell’s other engine', () => {
    const c: EndpointCandidate = { endpoint: 'unix:///run/podman/podman.sock', source: 'default-socket', sourceDetail: 'Podman system socket', transport: { kind: 'unix', socketPath: '/run/podman/podman.sock' } };
    const env = composeEnvFor(c, undefined, shell);
    expect(env.DOCKER_HOST).toBe('unix:///run/podman/podman.sock');
    expect(env.DOCKER_CONTEXT).toBeUndefined();
    expect(env.DOCKER_TLS_VERIFY).toBeUndefined();
    expect(env.DOCKER_CERT_PATH).toBeUndefined();
    expect(env.PATH).toBe('/usr/bin');
  });

  it('a context: DOCKER_CONTEXT, as the user would type `docker --context`', () => {
    const c: EndpointCandidate = { endpoint: 'ssh://berth-world-ssh', source: 'context', sourceDetail: 'context "berth-world-ssh"', transport: { kind: 'ssh', host: 'berth-world-ssh' } };
    const env = composeEnvFor(c, undefined, shell);
    expect(env.DOCKER_CONTEXT).toBe('berth-world-ssh');
    expect(env.DOCKER_HOST).toBeUndefined();
  });

  it('TCP with TLS: DOCKER_HOST without the "(TLS)" label, DOCKER_TLS_VERIFY and a cert folder', () => {
    const c: EndpointCandidate = {
      endpoint: 'tcp://10.0.0.5:2376 (TLS)',
      source: 'added',
      sourceDetail: 'added in Settings',
      transport: { kind: 'tcp', host: '10.0.0.5', port: 2376, tls: { verify: true, ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem' } },
    };
    const env = composeEnvFor(c, undefined, shell);
    expect(env).toMatchObject({ DOCKER_HOST: 'tcp://10.0.0.5:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' });
    const noVerify = composeEnvFor({ ...c, transport: { ...c.transport, tls: { verify: false } } as EndpointCandidate['transport'] }, undefined, shell);
    expect(noVerify.DOCKER_TLS).toBe('1');
    expect(noVerify.DOCKER_TLS_VERIFY).toBeUndefined();
  });

  it('no endpoint at all (a discovery problem): no DOCKER_HOST of the shell’s is passed on either', () => {
    expect(composeEnvFor(null, undefined, shell).DOCKER_HOST).toBeUndefined();
  });

  it('TLS files named otherwise get a private folder of links named as the CLI wants', () => {
    const dir = defaultCertDir({ verify: true, ca: '/srv/pki/root.crt', cert: '/srv/pki/me.crt', key: '/srv/pki/me.key' });
    expect(readlinkSync(`${dir}/ca.pem`)).toBe('/srv/pki/root.crt');
    expect(readlinkSync(`${dir}/cert.pem`)).toBe('/srv/pki/me.crt');
    expect(readlinkSync(`${dir}/key.pem`)).toBe('/srv/pki/me.key');
    expect(defaultCertDir({ verify: true, ca: '/srv/pki/root.crt', cert: '/srv/pki/me.crt', key: '/srv/pki/me.key' })).toBe(dir);
    expect(existsSync(dir)).toBe(true);
  });
});
