import { describe, expect, it } from 'vitest';
import { addEngineInput } from '../../../../preload/contract/engine';
import { addEngineRequest, EMPTY_ENGINE_FORM, type EngineForm } from './engine-form';

const form = (patch: Partial<EngineForm>): EngineForm => ({ ...EMPTY_ENGINE_FORM, ...patch });

describe('the Add engine form', () => {
  it('builds each kind’s input, which main’s schema accepts', () => {
    const cases = [
      addEngineRequest('ssh', form({ host: ' box ', user: 'deploy', port: '2222', name: 'Box' })),
      addEngineRequest('tcp', form({ host: 'docker.lan', ca: '/c/ca.pem', cert: '/c/cert.pem', key: '/c/key.pem' })),
      addEngineRequest('tcp', form({ host: 'docker.lan', tls: false })),
      addEngineRequest('unix', form({ socketPath: '/run/podman/podman.sock' })),
      addEngineRequest('context', form({ context: 'colima' })),
    ];
    for (const c of cases) {
      expect('input' in c).toBe(true);
      if ('input' in c) expect(addEngineInput.safeParse(c.input).success).toBe(true);
    }
    expect(cases[0]).toEqual({ input: { kind: 'ssh', host: 'box', user: 'deploy', port: 2222, name: 'Box' } });
    // The usual ports: 2376 with TLS, 2375 without.
    expect(cases[1]).toMatchObject({ input: { port: 2376, tls: { verify: true, ca: '/c/ca.pem' } } });
    expect(cases[2]).toMatchObject({ input: { port: 2375, tls: null } });
  });

  it('says what is missing instead of sending it', () => {
    expect(addEngineRequest('ssh', form({}))).toEqual({ problem: expect.stringContaining('Give the host') });
    expect(addEngineRequest('ssh', form({ host: 'b', port: '99999' }))).toEqual({ problem: expect.stringContaining('65535') });
    expect(addEngineRequest('tcp', form({ host: 'h', cert: '/c/cert.pem' }))).toEqual({ problem: expect.stringContaining('go together') });
    expect(addEngineRequest('unix', form({}))).toEqual({ problem: expect.stringContaining('socket') });
    expect(addEngineRequest('context', form({}))).toEqual({ problem: expect.stringContaining('context') });
  });
});
