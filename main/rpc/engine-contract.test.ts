/** engine.* inputs: what main refuses before the engine service sees it (the renderer is untrusted). */
import { describe, expect, it } from 'vitest';
import { Router } from './router';
import { addEngineInput, engineContract } from '../../preload/contract/engine';

const ctx = { transport: 'test', clientId: 't' };

/** The engine entries behind a router whose implementation records what reached it. */
function engineRouter() {
  const reached: unknown[] = [];
  const impl = {
    engine: {
      watch: async () => undefined,
      retry: async (i: unknown) => void reached.push(i),
      add: async (i: unknown) => (reached.push(i), { engineId: 'e-0000000000' }),
      update: async (i: unknown) => void reached.push(i),
      remove: async (i: unknown) => void reached.push(i),
      trustHostKey: async (i: unknown) => void reached.push(i),
      replaceHostKey: async (i: unknown) => void reached.push(i),
      unlockSshKey: async (i: unknown) => void reached.push(i),
    },
  };
  return { router: new Router({ engine: engineContract }, impl), reached };
}

describe('engine.add input', () => {
  it('takes each kind with its fields', () => {
    expect(addEngineInput.parse({ kind: 'ssh', host: 'berth-world-ssh' })).toEqual({ kind: 'ssh', host: 'berth-world-ssh' });
    expect(addEngineInput.parse({ kind: 'ssh', host: '10.0.0.5', user: 'deploy', port: 2222, name: ' Build box ' })).toMatchObject({ name: 'Build box', port: 2222 });
    expect(addEngineInput.parse({ kind: 'tcp', host: 'docker.example.com', port: 2376, tls: { ca: '/c/ca.pem', cert: '/c/cert.pem', key: '/c/key.pem' } })).toMatchObject({ tls: { verify: true } });
    expect(addEngineInput.parse({ kind: 'tcp', host: 'h', port: 2375, tls: null })).toMatchObject({ tls: null });
    expect(addEngineInput.parse({ kind: 'unix', socketPath: '/run/user/1000/docker.sock' }).kind).toBe('unix');
    expect(addEngineInput.parse({ kind: 'context', context: 'colima' }).kind).toBe('context');
  });

  it.each([
    [{ kind: 'ssh', host: 'me@box' }, 'no user, port or spaces'],
    [{ kind: 'ssh', host: 'box -oProxyCommand=x' }, 'no user, port or spaces'],
    [{ kind: 'ssh', host: '-oProxyCommand=touch' }, 'no user, port or spaces'],
    [{ kind: 'ssh', host: 'box', user: 'a;b' }, 'a user name'],
    [{ kind: 'ssh', host: 'box', port: 70000 }, '65535'],
    [{ kind: 'tcp', host: 'h', port: 2376, tls: { cert: '/c/cert.pem' } }, 'go together'],
    [{ kind: 'tcp', host: 'h', port: 2376, tls: { ca: 'relative/ca.pem' } }, 'absolute path'],
    [{ kind: 'unix', socketPath: '/run/../etc/x.sock' }, '".."'],
    [{ kind: 'context', context: '../../etc' }, 'a docker context name'],
    [{ kind: 'ssh', host: 'box', name: 'bad\u0007name' }, 'no control characters'],
    [{ kind: 'ssh', host: 'box', password: 'secret' }, 'password'],
    [{ kind: 'ftp', host: 'box' }, 'kind'],
  ])('refuses %j in main with INVALID_INPUT saying why (%s)', async (input, why) => {
    const { router, reached } = engineRouter();
    const err = await router.call('engine.add', input, ctx).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INVALID_INPUT' });
    expect((err as Error).message).toContain(why);
    expect(reached).toEqual([]);
  });
});

describe('the other engine methods', () => {
  it('check engine ids, names and fingerprints before the service sees them', async () => {
    const { router, reached } = engineRouter();
    for (const [path, input] of [
      ['engine.update', { engineId: 'ctx-a' }],
      ['engine.update', { engineId: 'x/../y', name: 'n' }],
      ['engine.remove', { engineId: '' }],
      ['engine.trustHostKey', { engineId: 'e-1', fingerprint: 'MD5:aa:bb' }],
      ['engine.retry', { engineId: 'local', extra: 1 }],
      ['engine.replaceHostKey', { engineId: 'e-1', fingerprint: `SHA256:${'a'.repeat(43)}` }],
      ['engine.unlockSshKey', { engineId: 'e-1', keyFile: 'id_ed25519', passphrase: 'p' }],
      ['engine.unlockSshKey', { engineId: 'e-1', keyFile: '/k/id_ed25519', passphrase: '' }],
    ] as const) {
      await expect(router.call(path, input, ctx)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    }
    expect(reached).toEqual([]);
    await router.call('engine.update', { engineId: 'ctx-a', enabled: false }, ctx);
    await router.call('engine.retry', {}, ctx);
    await router.call('engine.trustHostKey', { engineId: 'e-1', fingerprint: `SHA256:${'a'.repeat(43)}` }, ctx);
    await router.call('engine.replaceHostKey', { engineId: 'e-1', fingerprint: `SHA256:${'a'.repeat(43)}`, previousFingerprint: `SHA256:${'b'.repeat(43)}` }, ctx);
    await router.call('engine.unlockSshKey', { engineId: 'e-1', keyFile: '/k/id_ed25519', passphrase: 'p' }, ctx);
    expect(reached).toHaveLength(5);
  });
});
