import { describe, expect, it } from 'vitest';
import { emptyRunSpec, runSpecSchema } from '../../../../../preload/contract/run-spec';
import { formErrors, formFromSpec, newEnvRow, newPortRow, toSpecInput } from './run-form';

describe('run form', () => {
  it('round-trips a spec through the form', () => {
    const spec = runSpecSchema.parse({
      image: 'busybox',
      name: 'web',
      command: ['sh', '-c', 'echo hi > /x'],
      entrypoint: [],
      env: [{ key: 'A', value: '1' }],
      ports: [{ hostIp: '127.0.0.1', hostPort: null, containerPort: 80 }],
      mounts: [{ type: 'volume', source: 'data', target: '/data' }],
      restart: { policy: 'on-failure', maxRetries: 2 },
      memory: '512m',
      healthcheck: { mode: 'custom', test: 'true', intervalSeconds: 5 },
    });
    expect(runSpecSchema.parse(toSpecInput(formFromSpec(spec)))).toEqual(spec);
  });

  it('drops blank rows, and points errors at the row the user sees', () => {
    const form = formFromSpec(emptyRunSpec('busybox'));
    form.env = [newEnvRow(), newEnvRow('GOOD', '1'), newEnvRow('BAD KEY', 'x')];
    form.ports = [newPortRow(), { ...newPortRow(), containerPort: '80', hostPort: '99999' }];
    form.memory = 'much';
    form.command = `echo 'open`;
    const errors = formErrors(form);
    expect(Object.keys(errors).sort()).toEqual(['command', 'env.2.key', 'memory', 'ports.1.hostPort']);
    expect(toSpecInput(form).env).toEqual([{ key: 'GOOD', value: '1' }, { key: 'BAD KEY', value: 'x' }]);
  });
});
