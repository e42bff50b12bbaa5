import { describe, expect, it } from 'vitest';
import { toComposeService } from './container-run-compose';
import { durationSeconds, parseDockerRun, parsePort, parseVolume } from './stacks-run-parser';

describe('docker run → run spec', () => {
  it('reads the common options and keeps the command after the image', () => {
    const { spec, warnings } = parseDockerRun([
      'docker', 'run', '-d', '--rm', '--name', 'web', '-p', '8080:80', '-p', '127.0.0.1:9443:443/tcp', '-e', 'A=1', '--env=B=two words',
      '-v', 'data:/data', '-v', '/srv/conf:/etc/conf:ro', '--restart', 'on-failure:3', '-it', 'nginx:alpine', 'nginx', '-g', 'daemon off;',
    ]);
    expect(warnings).toEqual([]);
    expect(spec).toMatchObject({
      image: 'nginx:alpine',
      name: 'web',
      autoRemove: true,
      interactive: true,
      tty: true,
      command: ['nginx', '-g', 'daemon off;'],
      env: [{ key: 'A', value: '1' }, { key: 'B', value: 'two words' }],
      ports: [
        { hostIp: '', hostPort: 8080, containerPort: 80, protocol: 'tcp' },
        { hostIp: '127.0.0.1', hostPort: 9443, containerPort: 443, protocol: 'tcp' },
      ],
      mounts: [
        { type: 'volume', source: 'data', target: '/data', readOnly: false },
        { type: 'bind', source: '/srv/conf', target: '/etc/conf', readOnly: true },
      ],
      restart: { policy: 'on-failure', maxRetries: 3 },
    });
  });

  it('handles glued short options, sudo and `docker container run`, health flags and -e from the shell', () => {
    const { spec, warnings } = parseDockerRun(['sudo', 'docker', 'container', 'run', '-dit', '-eTZ=UTC', '-e', 'HOME_TOKEN', '-p80', '--health-cmd', 'wget -q localhost || exit 1', '--health-interval=5s', '--health-retries', '4', 'busybox']);
    expect(spec.image).toBe('busybox');
    expect(spec.interactive && spec.tty).toBe(true);
    expect(spec.env).toEqual([{ key: 'TZ', value: 'UTC' }, { key: 'HOME_TOKEN', value: '${HOME_TOKEN}' }]);
    expect(spec.ports).toEqual([{ hostIp: '', hostPort: null, containerPort: 80, protocol: 'tcp' }]);
    expect(spec.healthcheck).toMatchObject({ mode: 'custom', test: 'wget -q localhost || exit 1', intervalSeconds: 5, retries: 4 });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/HOME_TOKEN/);
  });

  it('lists what it does not convert instead of dropping it silently', () => {
    const { spec, warnings } = parseDockerRun(['docker', 'run', '--privileged', '--hostname', 'h1', '-p', '8000-8010:8000-8010', 'alpine']);
    expect(spec.image).toBe('alpine');
    expect(warnings.join('\n')).toMatch(/--privileged/);
    expect(warnings.join('\n')).toMatch(/--hostname h1/);
    expect(warnings.join('\n')).toMatch(/8000-8010/);
    expect(parseDockerRun(['docker', 'run', '-d']).warnings).toContain('No image found after the options.');
  });

  it('becomes a compose service with comments for what compose cannot express', () => {
    const { spec } = parseDockerRun(['docker', 'run', '--rm', '--name', 'api', '-p', '3000:3000', 'node:22', 'node', 'server.js']);
    const yaml = toComposeService(spec);
    expect(yaml).toContain('services:\n  api:\n');
    expect(yaml).toContain('- "3000:3000"'); // quoted: compose v1 reads YAML 1.1
    expect(yaml).toMatch(/--rm/);
    expect(yaml).toContain('- server.js');
  });
});

describe('pieces', () => {
  it('ports', () => {
    expect(parsePort('53:53/udp')).toEqual({ hostIp: '', hostPort: 53, containerPort: 53, protocol: 'udp' });
    expect(parsePort('127.0.0.1::80')).toEqual({ hostIp: '127.0.0.1', hostPort: null, containerPort: 80, protocol: 'tcp' });
    expect(parsePort('[::1]:8080:80')).toEqual({ hostIp: '::1', hostPort: 8080, containerPort: 80, protocol: 'tcp' });
    expect(parsePort('70000:80')).toBeNull();
  });
  it('volumes', () => {
    expect(parseVolume('/cache')).toEqual({ type: 'volume', source: '', target: '/cache', readOnly: false });
    expect(parseVolume('./src:/app:ro,z')).toEqual({ type: 'bind', source: './src', target: '/app', readOnly: true });
  });
  it('durations', () => {
    expect(durationSeconds('1m30s')).toBe(90);
    expect(durationSeconds('500ms')).toBe(0.5);
    expect(durationSeconds('soon')).toBeNull();
  });
});
