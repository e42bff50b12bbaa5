import { describe, expect, it } from 'vitest';
import { contextDigest, discoverEndpoints, parseHost, type DiscoveryInput, type EndpointCandidate } from './discovery';

const HOME = '/home/ada';

/** A discovery input whose file system is a plain object of path → contents. */
function input(env: Record<string, string | undefined> = {}, files: Record<string, string> = {}, platform: NodeJS.Platform = 'linux'): DiscoveryInput {
  return {
    env,
    homedir: HOME,
    platform,
    readFile: (p) => (Object.hasOwn(files, p) ? files[p]! : null),
  };
}

function only(result: ReturnType<typeof discoverEndpoints>): EndpointCandidate {
  expect(result.problem).toBeUndefined();
  expect(result.candidates).toHaveLength(1);
  return result.candidates[0]!;
}

function problemOf(result: ReturnType<typeof discoverEndpoints>): string {
  expect(result.candidates).toEqual([]);
  expect(typeof result.problem).toBe('string');
  return result.problem!;
}

function metaPath(configDir: string, name: string) {
  return `${configDir}/contexts/meta/${contextDigest(name)}/meta.json`;
}
function tlsDir(configDir: string, name: string) {
  return `${configDir}/contexts/tls/${contextDigest(name)}/docker`;
}
function meta(host: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({ Name: 'x', Metadata: {}, Endpoints: { docker: { Host: host, ...extra } } });
}

const LINUX_DEFAULTS = ['/var/run/docker.sock', `${HOME}/.docker/run/docker.sock`, '/run/podman/podman.sock'];
const socketsOf = (r: ReturnType<typeof discoverEndpoints>) =>
  r.candidates.map((c) => (c.transport.kind === 'unix' || c.transport.kind === 'npipe' ? c.transport.socketPath : c.endpoint));

describe('DOCKER_HOST', () => {
  it('unix:// gives that socket and nothing else', () => {
    const c = only(discoverEndpoints(input({ DOCKER_HOST: 'unix:///custom/docker.sock' })));
    expect(c).toEqual({
      endpoint: 'unix:///custom/docker.sock',
      source: 'DOCKER_HOST',
      sourceDetail: 'DOCKER_HOST',
      transport: { kind: 'unix', socketPath: '/custom/docker.sock' },
    });
  });

  it('surrounding whitespace is ignored', () => {
    const c = only(discoverEndpoints(input({ DOCKER_HOST: '  unix:///x.sock \n' })));
    expect(c.transport).toEqual({ kind: 'unix', socketPath: '/x.sock' });
  });

  it('tcp:// without a port defaults to 2375 and no TLS', () => {
    const c = only(discoverEndpoints(input({ DOCKER_HOST: 'tcp://10.0.0.5' })));
    expect(c.endpoint).toBe('tcp://10.0.0.5:2375');
    expect(c.transport).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 2375, tls: null });
  });

  it('tcp:// keeps an explicit port, including 80', () => {
    expect(only(discoverEndpoints(input({ DOCKER_HOST: 'tcp://engine.lan:4243' }))).transport).toMatchObject({ host: 'engine.lan', port: 4243 });
    expect(only(discoverEndpoints(input({ DOCKER_HOST: 'tcp://engine.lan:80' }))).transport).toMatchObject({ host: 'engine.lan', port: 80 });
  });

  it('tcp:// with DOCKER_TLS_VERIFY=1 defaults to 2376 and uses the PEM files of DOCKER_CERT_PATH', () => {
    const c = only(discoverEndpoints(input({ DOCKER_HOST: 'tcp://10.0.0.5', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' })));
    expect(c.endpoint).toBe('tcp://10.0.0.5:2376 (TLS)');
    expect(c.transport).toEqual({
      kind: 'tcp',
      host: '10.0.0.5',
      port: 2376,
      tls: { ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem', verify: true },
    });
  });

  it('DOCKER_TLS_VERIFY without DOCKER_CERT_PATH looks for the PEM files in the config dir', () => {
    const c = only(discoverEndpoints(input({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1' })));
    expect(c.transport).toMatchObject({
      tls: { ca: `${HOME}/.docker/ca.pem`, cert: `${HOME}/.docker/cert.pem`, key: `${HOME}/.docker/key.pem`, verify: true },
    });
  });

  it('DOCKER_TLS_VERIFY=0 or false means no TLS', () => {
    for (const v of ['0', 'false', 'FALSE', '']) {
      const c = only(discoverEndpoints(input({ DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: v })));
      expect(c.transport, v).toEqual({ kind: 'tcp', host: 'h', port: 2375, tls: null });
    }
  });

  it('DOCKER_TLS=1 turns TLS on without verification', () => {
    const c = only(discoverEndpoints(input({ DOCKER_HOST: 'tcp://h', DOCKER_TLS: '1' })));
    expect(c.transport).toEqual({ kind: 'tcp', host: 'h', port: 2376, tls: { verify: false } });
  });

  it('https:// means TLS with verification even without the TLS variables', () => {
    const c = only(discoverEndpoints(input({ DOCKER_HOST: 'https://engine.example.com' })));
    expect(c.endpoint).toBe('tcp://engine.example.com:2376 (TLS)');
    expect(c.transport).toEqual({ kind: 'tcp', host: 'engine.example.com', port: 2376, tls: { verify: true } });
  });

  it('ssh://user@host:port keeps the user and port; without one, ~/.ssh/config or 22 decides later', () => {
    const c = only(discoverEndpoints(input({ DOCKER_HOST: 'ssh://deploy@build.lan:2222' })));
    expect(c.endpoint).toBe('ssh://deploy@build.lan:2222');
    expect(c.transport).toEqual({ kind: 'ssh', host: 'build.lan', port: 2222, username: 'deploy' });
    const d = only(discoverEndpoints(input({ DOCKER_HOST: 'ssh://build.lan' })));
    expect(d.endpoint).toBe('ssh://build.lan');
    expect(d.transport).toEqual({ kind: 'ssh', host: 'build.lan' });
  });

  it('npipe:// gives that pipe', () => {
    const c = only(discoverEndpoints(input({ DOCKER_HOST: 'npipe:////./pipe/custom' }, {}, 'win32')));
    expect(c.transport).toEqual({ kind: 'npipe', socketPath: '//./pipe/custom' });
    expect(c.endpoint).toBe('npipe:////./pipe/custom');
  });

  it('IPv6 literals: brackets kept in the endpoint, stripped from the host handed to the socket', () => {
    const c = only(discoverEndpoints(input({ DOCKER_HOST: 'tcp://[::1]:2375' })));
    expect(c.endpoint).toBe('tcp://[::1]:2375');
    expect(c.transport).toEqual({ kind: 'tcp', host: '::1', port: 2375, tls: null });
  });

  it('wins over DOCKER_CONTEXT and config.json', () => {
    const files = {
      [`${HOME}/.docker/config.json`]: JSON.stringify({ currentContext: 'remote' }),
      [metaPath(`${HOME}/.docker`, 'remote')]: meta('tcp://remote:2375'),
    };
    const c = only(discoverEndpoints(input({ DOCKER_HOST: 'unix:///a.sock', DOCKER_CONTEXT: 'remote' }, files)));
    expect(c.source).toBe('DOCKER_HOST');
    expect(c.transport).toEqual({ kind: 'unix', socketPath: '/a.sock' });
  });

  it.each([
    ['localhost:2375', /not a URL/],
    ['/var/run/docker.sock', /not a URL/],
    ['unix://relative/docker.sock', /absolute socket path/],
    ['ftp://host', /unsupported scheme "ftp:\/\/"/],
    ['tcp://', /host/],
    ['tcp://:2375', /host/],
    ['tcp://host:99999', /host and port/],
    ['ssh://', /host/],
  ])('malformed %s → a problem that names DOCKER_HOST and no candidates', (value, why) => {
    const problem = problemOf(discoverEndpoints(input({ DOCKER_HOST: value })));
    expect(problem).toContain('DOCKER_HOST');
    expect(problem).toContain(`"${value}"`);
    expect(problem).toMatch(why);
  });
});

describe('docker context', () => {
  const configDir = `${HOME}/.docker`;

  it('config.json currentContext selects the context, found by the SHA-256 of its name', () => {
    expect(contextDigest('colima')).toMatch(/^[0-9a-f]{64}$/);
    const files = {
      [`${configDir}/config.json`]: JSON.stringify({ currentContext: 'colima' }),
      [metaPath(configDir, 'colima')]: meta(`unix://${HOME}/.colima/default/docker.sock`),
    };
    const c = only(discoverEndpoints(input({}, files)));
    expect(c).toEqual({
      endpoint: `unix://${HOME}/.colima/default/docker.sock`,
      source: 'context',
      sourceDetail: 'context "colima"',
      transport: { kind: 'unix', socketPath: `${HOME}/.colima/default/docker.sock` },
    });
  });

  it('the digest is of the name: a context stored under another digest is not found', () => {
    const files = {
      [`${configDir}/config.json`]: JSON.stringify({ currentContext: 'colima' }),
      [`${configDir}/contexts/meta/colima/meta.json`]: meta('unix:///wrong.sock'),
    };
    expect(problemOf(discoverEndpoints(input({}, files)))).toContain(metaPath(configDir, 'colima'));
  });

  it('DOCKER_CONTEXT beats config.json currentContext', () => {
    const files = {
      [`${configDir}/config.json`]: JSON.stringify({ currentContext: 'a' }),
      [metaPath(configDir, 'a')]: meta('unix:///a.sock'),
      [metaPath(configDir, 'b')]: meta('unix:///b.sock'),
    };
    const c = only(discoverEndpoints(input({ DOCKER_CONTEXT: 'b' }, files)));
    expect(c.sourceDetail).toBe('context "b"');
    expect(c.transport).toEqual({ kind: 'unix', socketPath: '/b.sock' });
  });

  it('DOCKER_CONTEXT=default beats a non-default currentContext and gives the default sockets', () => {
    const files = {
      [`${configDir}/config.json`]: JSON.stringify({ currentContext: 'a' }),
      [metaPath(configDir, 'a')]: meta('unix:///a.sock'),
    };
    const r = discoverEndpoints(input({ DOCKER_CONTEXT: 'default' }, files));
    expect(r.problem).toBeUndefined();
    expect(socketsOf(r)).toEqual(LINUX_DEFAULTS);
  });

  it('currentContext "default" gives the default sockets', () => {
    const r = discoverEndpoints(input({}, { [`${configDir}/config.json`]: JSON.stringify({ currentContext: 'default' }) }));
    expect(r.problem).toBeUndefined();
    expect(r.candidates.every((c) => c.source === 'default-socket')).toBe(true);
    expect(socketsOf(r)).toEqual(LINUX_DEFAULTS);
  });

  it('an unreadable config.json or one without currentContext falls back to the default sockets', () => {
    for (const raw of ['{not json', '{}', JSON.stringify({ currentContext: 42 }), JSON.stringify({ currentContext: '' })]) {
      const r = discoverEndpoints(input({}, { [`${configDir}/config.json`]: raw }));
      expect(r.problem, raw).toBeUndefined();
      expect(socketsOf(r), raw).toEqual(LINUX_DEFAULTS);
    }
  });

  it('a tcp context with TLS files uses the PEM files under contexts/tls/<digest>/docker and verifies', () => {
    const dir = tlsDir(configDir, 'remote');
    const files = {
      [metaPath(configDir, 'remote')]: meta('tcp://remote.lan:2376'),
      [`${dir}/ca.pem`]: 'CA',
      [`${dir}/cert.pem`]: 'CERT',
      [`${dir}/key.pem`]: 'KEY',
    };
    const c = only(discoverEndpoints(input({ DOCKER_CONTEXT: 'remote' }, files)));
    expect(c.endpoint).toBe('tcp://remote.lan:2376 (TLS)');
    expect(c.transport).toEqual({
      kind: 'tcp',
      host: 'remote.lan',
      port: 2376,
      tls: { ca: `${dir}/ca.pem`, cert: `${dir}/cert.pem`, key: `${dir}/key.pem`, verify: true },
    });
  });

  it('SkipTLSVerify: true turns verification off but keeps the TLS material', () => {
    const dir = tlsDir(configDir, 'remote');
    const files = {
      [metaPath(configDir, 'remote')]: meta('tcp://remote.lan', { SkipTLSVerify: true }),
      [`${dir}/ca.pem`]: 'CA',
    };
    const c = only(discoverEndpoints(input({ DOCKER_CONTEXT: 'remote' }, files)));
    expect(c.transport).toMatchObject({ port: 2376, tls: { ca: `${dir}/ca.pem`, verify: false } });
  });

  it('a tcp context without TLS files is plain tcp on 2375', () => {
    const files = { [metaPath(configDir, 'plain')]: meta('tcp://plain.lan') };
    const c = only(discoverEndpoints(input({ DOCKER_CONTEXT: 'plain' }, files)));
    expect(c.transport).toEqual({ kind: 'tcp', host: 'plain.lan', port: 2375, tls: null });
  });

  it('an ssh context', () => {
    const files = { [metaPath(configDir, 'box')]: meta('ssh://me@box:2200') };
    const c = only(discoverEndpoints(input({ DOCKER_CONTEXT: 'box' }, files)));
    expect(c.transport).toEqual({ kind: 'ssh', host: 'box', port: 2200, username: 'me' });
    expect(c.source).toBe('context');
  });

  it('a missing context → a problem naming the context and the meta.json path', () => {
    const problem = problemOf(discoverEndpoints(input({ DOCKER_CONTEXT: 'gone' })));
    expect(problem).toContain('"gone"');
    expect(problem).toContain(metaPath(configDir, 'gone'));
    expect(problem).toContain('docker context use default');
  });

  it('a meta.json that is not JSON → a problem', () => {
    const problem = problemOf(discoverEndpoints(input({ DOCKER_CONTEXT: 'bad' }, { [metaPath(configDir, 'bad')]: '{"Endpoints":' })));
    expect(problem).toMatch(/"bad".*not valid JSON/);
  });

  it('a meta.json without a docker endpoint → a problem', () => {
    const files = { [metaPath(configDir, 'k8s')]: JSON.stringify({ Endpoints: { kubernetes: { Host: 'https://k' } } }) };
    expect(problemOf(discoverEndpoints(input({ DOCKER_CONTEXT: 'k8s' }, files)))).toMatch(/"k8s" has no docker endpoint/);
  });

  it('a context whose Host is malformed → a problem naming the context', () => {
    const files = { [metaPath(configDir, 'odd')]: meta('bogus') };
    const problem = problemOf(discoverEndpoints(input({ DOCKER_CONTEXT: 'odd' }, files)));
    expect(problem).toContain('context "odd"');
    expect(problem).toContain('"bogus"');
  });

  it('DOCKER_CONFIG replaces ~/.docker for config.json, contexts and TLS', () => {
    const cfg = '/etc/alt-docker';
    const dir = tlsDir(cfg, 'r');
    const files = {
      // the same context under ~/.docker must be ignored
      [`${HOME}/.docker/config.json`]: JSON.stringify({ currentContext: 'home' }),
      [metaPath(`${HOME}/.docker`, 'home')]: meta('unix:///home.sock'),
      [`${cfg}/config.json`]: JSON.stringify({ currentContext: 'r' }),
      [metaPath(cfg, 'r')]: meta('tcp://r:2376'),
      [`${dir}/cert.pem`]: 'CERT',
    };
    const c = only(discoverEndpoints(input({ DOCKER_CONFIG: cfg }, files)));
    expect(c.sourceDetail).toBe('context "r"');
    expect(c.transport).toMatchObject({ host: 'r', tls: { cert: `${dir}/cert.pem`, verify: true } });
  });

  it('DOCKER_CONFIG is where DOCKER_TLS_VERIFY looks for the PEM files', () => {
    const c = only(discoverEndpoints(input({ DOCKER_HOST: 'tcp://h', DOCKER_TLS_VERIFY: '1', DOCKER_CONFIG: '/cfg' })));
    expect(c.transport).toMatchObject({ tls: { ca: '/cfg/ca.pem', cert: '/cfg/cert.pem', key: '/cfg/key.pem' } });
  });
});

describe('default sockets', () => {
  it('Linux/macOS without XDG_RUNTIME_DIR: Docker, Docker Desktop user socket, Podman system socket — in that order', () => {
    const r = discoverEndpoints(input());
    expect(r.problem).toBeUndefined();
    expect(socketsOf(r)).toEqual(LINUX_DEFAULTS);
    expect(r.candidates.map((c) => c.endpoint)).toEqual(LINUX_DEFAULTS.map((p) => `unix://${p}`));
    expect(r.candidates.every((c) => c.source === 'default-socket' && c.transport.kind === 'unix')).toBe(true);
  });

  it('with XDG_RUNTIME_DIR the rootless Podman socket comes before the system one', () => {
    const r = discoverEndpoints(input({ XDG_RUNTIME_DIR: '/run/user/1000' }));
    expect(socketsOf(r)).toEqual([
      '/var/run/docker.sock',
      `${HOME}/.docker/run/docker.sock`,
      '/run/user/1000/podman/podman.sock',
      '/run/podman/podman.sock',
    ]);
    expect(r.candidates[2]!.sourceDetail).toMatch(/rootless/i);
  });

  it('Windows: the Docker pipe then the Podman machine pipe', () => {
    const r = discoverEndpoints(input({}, {}, 'win32'));
    expect(r.candidates.map((c) => c.transport)).toEqual([
      { kind: 'npipe', socketPath: '//./pipe/docker_engine' },
      { kind: 'npipe', socketPath: '//./pipe/podman-machine-default' },
    ]);
    expect(r.candidates.every((c) => c.source === 'default-socket')).toBe(true);
  });
});

describe('parseHost', () => {
  it('uses the given source and detail in the candidate and in problems', () => {
    const c = parseHost('unix:///s', null, 'context', 'context "x"');
    expect(c).toMatchObject({ source: 'context', sourceDetail: 'context "x"' });
    expect(parseHost('nope', null, 'context', 'context "x"')).toEqual({
      problem: expect.stringContaining('context "x" is "nope"'),
    });
  });

  it('a scheme is case-insensitive', () => {
    expect(parseHost('TCP://h:1', null, 'DOCKER_HOST', 'DOCKER_HOST')).toMatchObject({ transport: { kind: 'tcp', host: 'h', port: 1 } });
  });

  it('given TLS material wins over the https default', () => {
    const tls = { ca: '/c/ca.pem', verify: false };
    expect(parseHost('https://h', tls, 'DOCKER_HOST', 'DOCKER_HOST')).toMatchObject({ transport: { tls, port: 2376 } });
  });
});
