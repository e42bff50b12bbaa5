import { describe, expect, it } from 'vitest';
import { transferErrorOf } from './images-transfer';

const engine = (words: string) => ({ message: `(HTTP code 404) unexpected - ${words}` });

describe('a pull or push failure, as the user reads it', () => {
  it('a registry whose port holds "401" is not taken for a login refusal', () => {
    const ref = '127.0.0.1:34012/berth-test/busybox:no-such-tag';
    const e = transferErrorOf(engine(`manifest for ${ref} not found: manifest unknown: manifest unknown`), 'pull', ref, false);
    expect(e.code).toBe('NOT_FOUND');
  });

  it('nor a repository named after a refusal', () => {
    const ref = '127.0.0.1:5000/denied/app:1';
    expect(transferErrorOf(engine(`manifest for ${ref} not found: manifest unknown`), 'pull', ref, false).code).toBe('NOT_FOUND');
  });

  it('a refusal is one, with or without stored credentials', () => {
    const ref = '127.0.0.1:5000/private/app:1';
    const anon = transferErrorOf(engine('pull access denied for 127.0.0.1:5000/private/app, repository does not exist or may require \'docker login\''), 'pull', ref, false);
    expect(anon).toMatchObject({ code: 'PERMISSION_DENIED', details: { reason: 'login-required' } });
    const stored = transferErrorOf({ message: 'unauthorized: authentication required' }, 'push', ref, true);
    expect(stored).toMatchObject({ code: 'PERMISSION_DENIED', details: { reason: 'bad-credentials' } });
    expect(transferErrorOf({ message: 'received unexpected HTTP status: 401 Unauthorized' }, 'push', ref, false).code).toBe('PERMISSION_DENIED');
  });

  it('a registry that does not answer says so', () => {
    const ref = '127.0.0.1:1/x:y';
    const e = transferErrorOf(engine('Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused'), 'pull', ref, false);
    expect(e).toMatchObject({ code: 'ENGINE_ERROR', details: { reason: 'registry-unreachable' } });
  });
});
