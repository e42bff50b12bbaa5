import { chmodSync, existsSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/temp';
import { composeCliPathProblem, composeEnvFor, defaultCertDir, detectComposeCli, verifyComposeCliPath } from './compose-cli';
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

describe('a compose CLI path that does not work says why', () => {
  it('no file, a file it may not run, a missing #! interpreter, and a program that is not compose are told apart', () => {
    expect(composeCliPathProblem('/opt/compose', 'ENOENT', false)).toBe('There is no file at /opt/compose');
    expect(composeCliPathProblem('/opt/compose', 'EACCES', true)).toBe('/opt/compose is not executable (permission denied)');
    expect(composeCliPathProblem('/opt/compose', 'ENOENT', true)).toMatch(/^\/opt\/compose cannot be started: the interpreter on its #! line/);
    expect(composeCliPathProblem('/opt/compose', 'no-answer', true)).toBe('/opt/compose does not answer `--version` like Docker Compose');
    expect(composeCliPathProblem('/usr/bin/docker', 'no-answer', true)).toBe('/usr/bin/docker does not answer `compose --version` like Docker Compose');
  });

  it('a path set in Settings that went away or lost its x bit is reported as such, not as "does not answer"', async () => {
    const dir = tempDir('berth-compose-cli-');
    const script = (name: string, text: string, mode: number) => {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      chmodSync(file, mode);
      return file;
    };
    const missing = path.join(dir, 'gone');
    const notExecutable = script('no-x', '#!/bin/sh\necho "Docker Compose version v2.30.0"\n', 0o644);
    const noInterpreter = script('no-interpreter', '#!/nonexistent/sh\necho "Docker Compose version v2.30.0"\n', 0o755);
    const other = script('other', '#!/bin/sh\necho "I am something else"\n', 0o755);
    const problem = async (file: string) => (await detectComposeCli(file)).problem;
    expect(await problem(missing)).toBe(`There is no file at ${missing}. Fix the path in Settings or clear it.`);
    expect(await problem(notExecutable)).toBe(`${notExecutable} is not executable (permission denied). Fix the path in Settings or clear it.`);
    expect(await problem(noInterpreter)).toMatch(/cannot be started: the interpreter on its #! line/);
    expect(await problem(other)).toBe(`${other} does not answer \`--version\` like Docker Compose. Fix the path in Settings or clear it.`);
    // Set now: the file is there with its x bit, but cannot start.
    await expect(verifyComposeCliPath(noInterpreter)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/#! line.*; the setting is unchanged\.$/) });
  });
});
