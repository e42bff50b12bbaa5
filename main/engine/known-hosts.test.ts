import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkHostKey, fingerprintOf, keyTypeOf, knownHostsLine, knownHostsName, withoutHostKey } from './known-hosts';

/** An ssh public key blob: string(type) + string(key bytes). */
function blob(type: string, seed: number): Buffer {
  const t = Buffer.from(type);
  const k = Buffer.alloc(32, seed);
  const len = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  return Buffer.concat([len(t.length), t, len(k.length), k]);
}
const KEY = blob('ssh-ed25519', 1);
const OTHER = blob('ssh-ed25519', 2);
const RSA = blob('ssh-rsa', 3);
const file = (text: string) => [{ path: '/home/ada/.ssh/known_hosts', text }];
const line = (host: string, b: Buffer) => `${host} ${keyTypeOf(b)} ${b.toString('base64')}`;

describe('host key fingerprints', () => {
  it('reads the key type from the blob and fingerprints as ssh-keygen does (SHA256, base64 without padding)', () => {
    expect(keyTypeOf(KEY)).toBe('ssh-ed25519');
    const fp = fingerprintOf(KEY);
    expect(fp).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(fingerprintOf(OTHER)).not.toBe(fp);
  });

  it('names a host as known_hosts does: bare on 22, [host]:port elsewhere', () => {
    expect(knownHostsName('box', 22)).toBe('box');
    expect(knownHostsName('127.0.0.1', 2222)).toBe('[127.0.0.1]:2222');
    expect(knownHostsLine('127.0.0.1', 2222, KEY)).toBe(`[127.0.0.1]:2222 ssh-ed25519 ${KEY.toString('base64')}`);
  });
});

describe('checkHostKey', () => {
  it('the same key for the host → trusted', () => {
    expect(checkHostKey(file(line('box', KEY)), 'box', 22, KEY)).toEqual({ verdict: 'trusted' });
    expect(checkHostKey(file(line('[127.0.0.1]:2222', KEY)), '127.0.0.1', 2222, KEY)).toEqual({ verdict: 'trusted' });
  });

  it('no line for the host → unknown (a line for another port is another host)', () => {
    expect(checkHostKey(file(''), 'box', 22, KEY).verdict).toBe('unknown');
    expect(checkHostKey(file(line('box', KEY)), 'box', 2222, KEY).verdict).toBe('unknown');
    expect(checkHostKey([], 'box', 22, KEY).verdict).toBe('unknown');
  });

  it('another key of the same type for the host → changed, naming the file and line', () => {
    const d = checkHostKey(file(`# mine\n${line('other', OTHER)}\n${line('box', OTHER)}`), 'box', 22, KEY);
    expect(d).toEqual({ verdict: 'changed', file: '/home/ada/.ssh/known_hosts', line: 3, key: OTHER.toString('base64') });
  });

  it('only a key of another type known → unknown (ssh asks, it does not cry wolf)', () => {
    expect(checkHostKey(file(line('box', RSA)), 'box', 22, KEY).verdict).toBe('unknown');
  });

  it('a matching key anywhere wins over an old one of the same type', () => {
    expect(checkHostKey(file(`${line('box', OTHER)}\n${line('box', KEY)}`), 'box', 22, KEY).verdict).toBe('trusted');
  });

  it('comma lists, wildcards and negation in the host field', () => {
    expect(checkHostKey(file(line('a,box,c', KEY)), 'box', 22, KEY).verdict).toBe('trusted');
    expect(checkHostKey(file(line('*.lan', KEY)), 'build.lan', 22, KEY).verdict).toBe('trusted');
    expect(checkHostKey(file(line('*.lan,!build.lan', KEY)), 'build.lan', 22, KEY).verdict).toBe('unknown');
  });

  it('hashed host names (HashKnownHosts yes) match', () => {
    const salt = randomBytes(20);
    const hash = createHmac('sha1', salt).update('[127.0.0.1]:2222').digest('base64');
    const hashed = `|1|${salt.toString('base64')}|${hash}`;
    expect(checkHostKey(file(line(hashed, KEY)), '127.0.0.1', 2222, KEY).verdict).toBe('trusted');
    expect(checkHostKey(file(line(hashed, OTHER)), '127.0.0.1', 2222, KEY).verdict).toBe('changed');
    expect(checkHostKey(file(line(hashed, KEY)), '127.0.0.1', 22, KEY).verdict).toBe('unknown');
  });

  it('@revoked refuses the key even when it is also listed; @cert-authority lines are not host keys', () => {
    const text = `${line('box', KEY)}\n@revoked * ssh-ed25519 ${KEY.toString('base64')}`;
    expect(checkHostKey(file(text), 'box', 22, KEY)).toEqual({ verdict: 'revoked', file: '/home/ada/.ssh/known_hosts', line: 2 });
    expect(checkHostKey(file(`@cert-authority box ${keyTypeOf(OTHER)} ${OTHER.toString('base64')}`), 'box', 22, KEY).verdict).toBe('unknown');
  });

  it('reads every file given (the config’s UserKnownHostsFile and the default)', () => {
    const files = [
      { path: '/a', text: '' },
      { path: '/b', text: line('box', KEY) },
    ];
    expect(checkHostKey(files, 'box', 22, KEY).verdict).toBe('trusted');
  });
});

describe('withoutHostKey (replacing a changed key)', () => {
  const old = OTHER.toString('base64');
  it('drops the lines giving the host the old key, keeps comments, other hosts, other keys and @revoked lines', () => {
    const text = [
      '# mine',
      line('other', OTHER),
      line('[127.0.0.1]:2222', OTHER),
      line('[127.0.0.1]:2222', RSA),
      `@revoked [127.0.0.1]:2222 ssh-ed25519 ${old}`,
      line('a,[127.0.0.1]:2222', OTHER),
      '',
    ].join('\n');
    const r = withoutHostKey(text, '127.0.0.1', 2222, old);
    expect(r.removed).toBe(2);
    expect(r.text).toBe(['# mine', line('other', OTHER), line('[127.0.0.1]:2222', RSA), `@revoked [127.0.0.1]:2222 ssh-ed25519 ${old}`, ''].join('\n'));
  });

  it('matches hashed host names; another port is another host', () => {
    const salt = randomBytes(20);
    const hashed = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update('[127.0.0.1]:2222').digest('base64')}`;
    expect(withoutHostKey(line(hashed, OTHER), '127.0.0.1', 2222, old)).toEqual({ text: '', removed: 1 });
    expect(withoutHostKey(line('[127.0.0.1]:2222', OTHER), '127.0.0.1', 22, old).removed).toBe(0);
  });
});
