import { describe, expect, it } from 'vitest';
import { imageRefProblem, parseImageRef, registryOf, tagProblem } from './image-ref';

const ok = (input: string) => {
  const parsed = parseImageRef(input);
  if (!parsed.ok) throw new Error(`expected ${input} to parse: ${parsed.message}`);
  return parsed.ref;
};

describe('parseImageRef', () => {
  it('fills in docker.io, library/ and latest like the CLI', () => {
    expect(ok('busybox')).toMatchObject({ domain: 'docker.io', path: 'library/busybox', tag: 'latest', familiar: 'busybox:latest' });
    expect(ok('team/app:1.2')).toMatchObject({ domain: 'docker.io', path: 'team/app', tag: '1.2', familiar: 'team/app:1.2' });
  });

  it('recognises a registry host by a dot, a port or localhost', () => {
    expect(ok('127.0.0.1:5000/berth-test/busybox:run-1')).toMatchObject({
      domain: '127.0.0.1:5000',
      path: 'berth-test/busybox',
      tag: 'run-1',
      familiarName: '127.0.0.1:5000/berth-test/busybox',
    });
    expect(ok('localhost/app').domain).toBe('localhost');
    expect(ok('ghcr.io/o/r:v1').domain).toBe('ghcr.io');
    expect(ok('registry:5000/app').domain).toBe('registry:5000');
  });

  it('keeps digests and tags together', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(ok(`app@${digest}`)).toMatchObject({ tag: null, digest, familiar: `app@${digest}` });
    expect(ok(`app:v1@${digest}`)).toMatchObject({ tag: 'v1', digest });
  });

  it('keeps the tag null for a bare repository when asked', () => {
    const parsed = parseImageRef('app', { defaultTag: false });
    expect(parsed.ok && parsed.ref.tag).toBeNull();
  });

  it.each([
    ['UPPER:case', /lowercase: "UPPER"/],
    ['a b', /contains a space/],
    ['app:', /ends with ":" but no tag/],
    ['', /reference is needed/],
    ['app:-bad', /not a valid tag/],
    ['a//b', /empty path component/],
    ['app@sha256:xyz', /not a digest/],
    ['-app', /not a valid repository name component/],
    [':tag', /no repository name/],
    [`${'a'.repeat(260)}`, /at most 255/],
  ])('rejects %j with a clear message', (input, message) => {
    const parsed = parseImageRef(input);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.message).toMatch(message);
  });

  it('allows capitals in tags, not names', () => {
    expect(imageRefProblem('app:V1')).toBeNull();
    expect(imageRefProblem('App:v1')).toMatch(/lowercase/);
  });
});

describe('tagProblem and registryOf', () => {
  it('checks a tag on its own', () => {
    expect(tagProblem('v1.2-rc')).toBeNull();
    expect(tagProblem('')).toMatch(/empty/);
    expect(tagProblem('.x')).toMatch(/not a valid tag/);
  });
  it('names the registry of a reference', () => {
    expect(registryOf('busybox')).toBe('docker.io');
    expect(registryOf('127.0.0.1:5000/x')).toBe('127.0.0.1:5000');
    expect(registryOf('A B')).toBeNull();
  });
});
