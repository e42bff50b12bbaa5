import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { emptyRunSpec, runSpecSchema, type RunSpec, type RunSpecInput } from '../../preload/contract/run-spec';
import { formatMemory, keepComposeLabels, quoteShellWord, specFromInspect, toCreateOptions, toDockerRunArgs, toDockerRunCommand } from './container-run';
import { serviceNameFor, toComposeService } from './container-run-compose';

const spec = (input: Partial<RunSpecInput>): RunSpec => runSpecSchema.parse({ image: 'nginx:1.27', ...input });

const full = spec({
  name: 'web',
  command: ['nginx', '-g', 'daemon off;'],
  env: [
    { key: 'GREETING', value: 'hello world' },
    { key: 'DB_PASSWORD', value: "s3cr'et" },
  ],
  ports: [
    { hostIp: '127.0.0.1', hostPort: 8080, containerPort: 80, protocol: 'tcp' },
    { hostIp: '', hostPort: null, containerPort: 53, protocol: 'udp' },
  ],
  mounts: [
    { type: 'volume', source: 'data', target: '/data', readOnly: false },
    { type: 'bind', source: '/srv/conf', target: '/etc/nginx/conf.d', readOnly: true },
    { type: 'volume', source: '', target: '/cache', readOnly: false },
  ],
  network: 'backend',
  restart: { policy: 'on-failure', maxRetries: 3 },
  memory: '512m',
  cpus: '1.5',
  user: '1000:1000',
  workdir: '/app',
  labels: [{ key: 'team', value: 'web' }],
  healthcheck: { mode: 'custom', test: 'wget -q -O- http://localhost/ || exit 1', intervalSeconds: 10, timeoutSeconds: 3, retries: 5, startPeriodSeconds: 2 },
  interactive: true,
  tty: true,
});

describe('run spec → create options', () => {
  it('maps every field the way docker run does', () => {
    const o = toCreateOptions(full);
    expect(o.name).toBe('web');
    expect(o.Cmd).toEqual(['nginx', '-g', 'daemon off;']);
    expect(o.Entrypoint).toBeUndefined();
    expect(o.Env).toEqual(['GREETING=hello world', "DB_PASSWORD=s3cr'et"]);
    expect(o.ExposedPorts).toEqual({ '80/tcp': {}, '53/udp': {} });
    expect(o.HostConfig?.PortBindings).toEqual({ '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }], '53/udp': [{ HostIp: '', HostPort: '' }] });
    expect(o.HostConfig?.Mounts).toEqual([
      { Type: 'volume', Source: 'data', Target: '/data', ReadOnly: false },
      { Type: 'bind', Source: '/srv/conf', Target: '/etc/nginx/conf.d', ReadOnly: true },
      { Type: 'volume', Target: '/cache', ReadOnly: false },
    ]);
    expect(o.HostConfig?.NetworkMode).toBe('backend');
    expect(o.HostConfig?.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 });
    expect(o.HostConfig?.Memory).toBe(512 * 1024 * 1024);
    expect(o.HostConfig?.NanoCpus).toBe(1.5e9);
    expect(o.User).toBe('1000:1000');
    expect(o.WorkingDir).toBe('/app');
    expect(o.Labels).toEqual({ team: 'web' });
    expect(o.Healthcheck).toEqual({ Test: ['CMD-SHELL', 'wget -q -O- http://localhost/ || exit 1'], Interval: 10e9, Timeout: 3e9, Retries: 5, StartPeriod: 2e9 });
    expect(o.OpenStdin).toBe(true);
    expect(o.Tty).toBe(true);
  });

  it('leaves out what the image decides, and clears an entrypoint with [""]', () => {
    const o = toCreateOptions(spec({ entrypoint: [] }));
    expect(o.name).toBeUndefined();
    expect(o.Cmd).toBeUndefined();
    expect(o.Entrypoint).toEqual(['']);
    expect(o.Healthcheck).toBeUndefined();
    expect(o.HostConfig?.NetworkMode).toBeUndefined();
    expect(o.HostConfig?.Memory).toBeUndefined();
    expect(o.HostConfig?.RestartPolicy).toEqual({ Name: '', MaximumRetryCount: 0 });
    expect(toCreateOptions(spec({ healthcheck: { mode: 'none' } })).Healthcheck).toEqual({ Test: ['NONE'] });
  });
});

describe('run spec → docker run', () => {
  it('quotes for a POSIX shell', () => {
    expect(quoteShellWord('plain-word_1.2:3/x')).toBe('plain-word_1.2:3/x');
    expect(quoteShellWord('')).toBe("''");
    expect(quoteShellWord('hello world')).toBe("'hello world'");
    expect(quoteShellWord("it's")).toBe("'it'\\''s'");
    expect(quoteShellWord('$HOME')).toBe("'$HOME'");
  });

  it('writes one option per line once long, with everything the spec says', () => {
    const cmd = toDockerRunCommand(full);
    expect(cmd.split(' \\\n  ')[0]).toBe('docker run -d');
    for (const part of [
      '--name web',
      '-it',
      '--restart on-failure:3',
      '--network backend',
      '-p 127.0.0.1:8080:80',
      '-p 53/udp',
      '-v data:/data',
      '-v /srv/conf:/etc/nginx/conf.d:ro',
      '-v /cache',
      "-e 'GREETING=hello world'",
      "-e 'DB_PASSWORD=s3cr'\\''et'",
      '--label team=web',
      '--memory 512m',
      '--cpus 1.5',
      '--user 1000:1000',
      '--workdir /app',
      "--health-cmd 'wget -q -O- http://localhost/ || exit 1'",
      '--health-interval 10s',
      '--health-retries 5',
      '--health-start-period 2s',
      "nginx:1.27 nginx -g 'daemon off;'",
    ]) {
      expect(cmd).toContain(part);
    }
  });

  it('masks secret values for display only', () => {
    const masked = toDockerRunCommand(full, (n) => n.includes('PASSWORD'));
    expect(masked).toContain('DB_PASSWORD=********');
    expect(masked).not.toContain('s3cr');
    expect(masked).toContain("'GREETING=hello world'");
  });

  it('is short for a short spec, and splits a long entrypoint around --entrypoint', () => {
    expect(toDockerRunCommand(spec({}))).toBe('docker run -d nginx:1.27');
    const args = toDockerRunArgs(spec({ entrypoint: ['sh', '-c'], command: ['echo hi'], publishAll: true, autoRemove: true }));
    expect(args).toContainEqual(['--entrypoint', 'sh']);
    expect(args).toContainEqual(['-P']);
    expect(args).toContainEqual(['--rm']);
    expect(args.at(-1)).toEqual(['nginx:1.27', '-c', 'echo hi']);
    expect(toDockerRunArgs(spec({ ports: [{ hostIp: '::1', hostPort: 80, containerPort: 80 }] }))).toContainEqual(['-p', '[::1]:80:80']);
    expect(toDockerRunArgs(spec({ ports: [{ hostIp: '127.0.0.1', containerPort: 80 }] }))).toContainEqual(['-p', '127.0.0.1::80']);
  });
});

describe('run spec → compose service', () => {
  it('is valid YAML that says the same thing', () => {
    const text = toComposeService(full);
    const doc = parseYaml(text) as { services: Record<string, Record<string, unknown>>; volumes: unknown; networks: unknown };
    const web = doc.services.web!;
    expect(web).toMatchObject({
      image: 'nginx:1.27',
      container_name: 'web',
      command: ['nginx', '-g', 'daemon off;'],
      environment: { GREETING: 'hello world', DB_PASSWORD: "s3cr'et" },
      ports: ['127.0.0.1:8080:80', '53/udp'],
      volumes: ['data:/data', '/srv/conf:/etc/nginx/conf.d:ro', '/cache'],
      networks: ['backend'],
      restart: 'on-failure:3',
      mem_limit: '512m',
      cpus: 1.5,
      user: '1000:1000',
      working_dir: '/app',
      labels: { team: 'web' },
      healthcheck: { test: ['CMD-SHELL', 'wget -q -O- http://localhost/ || exit 1'], interval: '10s', timeout: '3s', retries: 5, start_period: '2s' },
      stdin_open: true,
      tty: true,
    });
    expect(doc.volumes).toEqual({ data: { external: true } });
    expect(doc.networks).toEqual({ backend: { external: true } });
    expect(text).toContain('# Existing volumes');
  });

  it('says in a comment what compose cannot express, and uses network_mode for built-in networks', () => {
    const text = toComposeService(spec({ autoRemove: true, publishAll: true, network: 'host', healthcheck: { mode: 'none' } }));
    expect(text).toContain('# `docker run --rm` has no compose equivalent');
    expect(text).toContain('# `docker run -P`');
    const doc = parseYaml(text) as { services: Record<string, Record<string, unknown>> };
    expect(doc.services['nginx']).toMatchObject({ network_mode: 'host', healthcheck: { disable: true } });
  });

  it('quotes port mappings, which YAML 1.1 (compose v1) would otherwise read as base-60 numbers', () => {
    const text = toComposeService(spec({ ports: [{ hostIp: '', hostPort: 2222, containerPort: 22, protocol: 'tcp' }] }));
    expect(text).toContain('"2222:22"');
    const doc = parseYaml(text, { version: '1.1' }) as { services: Record<string, { ports: unknown[] }> };
    expect(doc.services['nginx']!.ports).toEqual(['2222:22']);
  });

  it('names the service after the container, else the image', () => {
    expect(serviceNameFor(spec({ name: 'My.App' }))).toBe('my.app');
    expect(serviceNameFor(spec({ image: 'registry:5000/team/api@sha256:abc' }))).toBe('api');
  });
});

const imageConfig = {
  Cmd: ['nginx', '-g', 'daemon off;'],
  Entrypoint: ['/docker-entrypoint.sh'],
  Env: ['PATH=/usr/bin:/bin', 'NGINX_VERSION=1.27'],
  Labels: { maintainer: 'nginx' },
  User: '',
  WorkingDir: '',
  Volumes: { '/var/cache/nginx': {} },
};

function inspectOf(overrides: { Config?: object; HostConfig?: object; Mounts?: object[] }): Docker.ContainerInspectInfo {
  return {
    Id: 'a'.repeat(64),
    Name: '/web',
    Image: 'sha256:img',
    Config: { Image: 'nginx:1.27', ...imageConfig, Labels: { ...imageConfig.Labels }, Tty: false, OpenStdin: false, ...overrides.Config },
    HostConfig: { NetworkMode: 'bridge', RestartPolicy: { Name: 'no', MaximumRetryCount: 0 }, PortBindings: {}, ...overrides.HostConfig },
    Mounts: overrides.Mounts ?? [],
  } as unknown as Docker.ContainerInspectInfo;
}

describe('inspect → run spec', () => {
  it('keeps only what differs from the image', () => {
    const s = specFromInspect(inspectOf({}), { Config: imageConfig });
    expect(s).toEqual({ ...emptyRunSpec('nginx:1.27'), name: 'web' });
  });

  it('reads back what toCreateOptions wrote (a round trip through the engine shape)', () => {
    const o = toCreateOptions(full);
    const anon = 'b'.repeat(64);
    const info = inspectOf({
      Config: { ...o, Image: 'nginx:1.27', Labels: { ...o.Labels, maintainer: 'nginx', 'com.docker.compose.project': 'x' }, Env: [...imageConfig.Env, ...o.Env!] },
      HostConfig: { ...o.HostConfig, RestartPolicy: { Name: 'on-failure', MaximumRetryCount: 3 } },
      Mounts: [
        { Type: 'volume', Name: 'data', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data', RW: true },
        { Type: 'bind', Source: '/srv/conf', Destination: '/etc/nginx/conf.d', RW: false },
        { Type: 'volume', Name: anon, Source: '', Destination: '/cache', RW: true },
        { Type: 'volume', Name: 'c'.repeat(64), Source: '', Destination: '/var/cache/nginx', RW: true },
      ],
    });
    expect(specFromInspect(info, { Config: { ...imageConfig, Cmd: ['nginx'] } })).toEqual(full);
  });

  it('keeps everything when the image is gone', () => {
    const s = specFromInspect(inspectOf({}), null);
    expect(s.command).toEqual(imageConfig.Cmd);
    expect(s.env.map((e) => e.key)).toEqual(['PATH', 'NGINX_VERSION']);
  });

  it('reads a disabled healthcheck and a memory size', () => {
    const s = specFromInspect(inspectOf({ Config: { Healthcheck: { Test: ['NONE'] } }, HostConfig: { Memory: 3 * 1024 ** 3 } }), { Config: imageConfig });
    expect(s.healthcheck.mode).toBe('none');
    expect(s.memory).toBe('3g');
    expect(formatMemory(1536)).toBe('1536');
  });
});

describe('recreate keeps compose labels', () => {
  it('puts the old compose labels back on and drops any the spec carried', () => {
    const spec = { ...emptyRunSpec('nginx'), labels: [{ key: 'team', value: 'a' }, { key: 'com.docker.compose.project', value: 'stale' }] } as RunSpec;
    const kept = keepComposeLabels(spec, { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'web', other: 'x' });
    expect(kept.labels).toEqual([
      { key: 'team', value: 'a' },
      { key: 'com.docker.compose.project', value: 'shop' },
      { key: 'com.docker.compose.service', value: 'web' },
    ]);
    expect(keepComposeLabels(spec, { other: 'x' })).toBe(spec);
  });
});
