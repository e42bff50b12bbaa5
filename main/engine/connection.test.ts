import { describe, expect, it } from 'vitest';
import type { EndpointAttempt } from '../../preload/contract/engine';
import { hintFor } from './endpoint-attempts';
import type { EndpointCandidate } from './discovery';

const unixCandidate = (source: EndpointCandidate['source'], sourceDetail: string, socketPath: string): EndpointCandidate => ({
  endpoint: `unix://${socketPath}`,
  source,
  sourceDetail,
  transport: { kind: 'unix', socketPath },
});
const attempt = (c: EndpointCandidate, errorCode: EndpointAttempt['errorCode']): EndpointAttempt => ({
  endpoint: c.endpoint,
  source: c.source,
  sourceDetail: c.sourceDetail,
  error: 'x',
  errorCode,
});

const defaults = [
  unixCandidate('default-socket', 'Docker default socket', '/var/run/docker.sock'),
  unixCandidate('default-socket', 'Podman system socket', '/run/podman/podman.sock'),
];

describe('hintFor', () => {
  it('permission denied on any endpoint → the docker-group advice, even with DOCKER_HOST', () => {
    const hint = hintFor([attempt(defaults[0]!, 'ENGINE_UNREACHABLE'), attempt(defaults[1]!, 'PERMISSION_DENIED')], defaults);
    expect(hint).toMatch(/may not open it/);
    expect(hint).toContain('"docker" group');

    const viaHost = unixCandidate('DOCKER_HOST', 'DOCKER_HOST', '/custom.sock');
    expect(hintFor([attempt(viaHost, 'PERMISSION_DENIED')], [viaHost])).toContain('"docker" group');
  });

  it('a single DOCKER_HOST endpoint that does not answer → fix or unset DOCKER_HOST, naming the endpoint', () => {
    const c: EndpointCandidate = {
      endpoint: 'tcp://10.0.0.5:2376 (TLS)',
      source: 'DOCKER_HOST',
      sourceDetail: 'DOCKER_HOST',
      transport: { kind: 'tcp', host: '10.0.0.5', port: 2376, tls: { verify: true } },
    };
    const hint = hintFor([attempt(c, 'ENGINE_UNREACHABLE')], [c]);
    expect(hint).toContain('DOCKER_HOST points at tcp://10.0.0.5:2376 (TLS)');
    expect(hint).toMatch(/unset DOCKER_HOST/);
  });

  it('a single context endpoint → names the context and suggests `docker context use default`', () => {
    const c = unixCandidate('context', 'context "colima"', '/home/u/.colima/default/docker.sock');
    const hint = hintFor([attempt(c, 'TIMEOUT')], [c]);
    expect(hint).toContain('context "colima"');
    expect(hint).toContain('unix:///home/u/.colima/default/docker.sock');
    expect(hint).toContain('docker context use default');
    expect(hint).not.toMatch(/DOCKER_HOST points/);
  });

  it('default sockets (or nothing tried) → the generic start-an-engine advice', () => {
    const generic = hintFor(defaults.map((c) => attempt(c, 'ENGINE_UNREACHABLE')), defaults);
    expect(generic).toMatch(/^No container engine answers/);
    expect(generic).toContain('podman.socket');
    expect(generic).toContain('DOCKER_HOST');
    expect(hintFor([], [])).toBe(generic);
    // one default socket alone is still the generic case
    expect(hintFor([attempt(defaults[0]!, 'ENGINE_UNREACHABLE')], [defaults[0]!])).toBe(generic);
  });
});
