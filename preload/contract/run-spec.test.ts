import { describe, expect, it } from 'vitest';
import { emptyRunSpec, parseCpus, parseMemory, runSpecFieldErrors } from './run-spec';

describe('memory and CPU values', () => {
  it('reads sizes like docker run --memory', () => {
    expect(parseMemory('512m')).toBe(512 * 1024 ** 2);
    expect(parseMemory('1.5G')).toBe(1.5 * 1024 ** 3);
    expect(parseMemory('64MiB')).toBe(64 * 1024 ** 2);
    expect(parseMemory('1048576')).toBe(1048576);
    expect(parseMemory('lots')).toBeNull();
    expect(parseMemory('-5m')).toBeNull();
  });
  it('reads --cpus', () => {
    expect(parseCpus('1.5')).toBe(1.5e9);
    expect(parseCpus('.5')).toBe(0.5e9);
    expect(parseCpus('0')).toBeNull();
    expect(parseCpus('two')).toBeNull();
  });
});

describe('field errors before submit', () => {
  const base = emptyRunSpec('busybox');
  it('has none for an empty spec with an image', () => {
    expect(runSpecFieldErrors(base)).toEqual({});
  });
  it('names the field that is wrong', () => {
    const errors = runSpecFieldErrors({
      ...base,
      image: '',
      name: '-bad',
      memory: '1x',
      cpus: '-1',
      ports: [
        { hostIp: '', hostPort: 8080, containerPort: 80, protocol: 'tcp' },
        { hostIp: '', hostPort: 8080, containerPort: 81, protocol: 'tcp' },
        { hostIp: 'nope', hostPort: 70000, containerPort: 80, protocol: 'tcp' },
      ],
      mounts: [{ type: 'bind', source: 'relative', target: 'data', readOnly: false }],
      env: [{ key: 'A=B', value: '' }],
    });
    expect(Object.keys(errors).sort()).toEqual(
      ['cpus', 'env.0.key', 'image', 'memory', 'mounts.0.source', 'mounts.0.target', 'name', 'ports.1.hostPort', 'ports.2.hostIp', 'ports.2.hostPort'].sort(),
    );
    expect(errors.memory).toMatch(/512m/);
  });
  it('refuses a memory limit the engine would refuse, and --rm with a restart policy', () => {
    expect(runSpecFieldErrors({ ...base, memory: '1m' }).memory).toMatch(/at least 6m/);
    expect(runSpecFieldErrors({ ...base, autoRemove: true, restart: { policy: 'always', maxRetries: 0 } }).autoRemove).toBeDefined();
  });
});
