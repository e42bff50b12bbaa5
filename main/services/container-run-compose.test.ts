import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runSpecSchema, type RunSpec } from '../../preload/contract/run-spec';
import { specFromInspect, toCreateOptions } from './container-run';
import { escapeInterpolation, mergeComposeFiles, toComposeService } from './container-run-compose';
import { parseDockerRun } from './stacks-run-parser';

/**
 * What compose does to a value before it uses it: `$$` is a literal `$`, `$NAME`/`${NAME}` (with `:-`, `-`, `:?`
 * … forms) become the variable's value, here always unset, so empty — the way `echo line $RANDOM` was lost.
 */
function interpolate(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\$(\$|\{[^}]*\}|[A-Za-z_][A-Za-z0-9_]*)/g, (_, m: string) => (m === '$' ? '$' : ''));
  if (Array.isArray(value)) return value.map(interpolate);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v)]));
  return value;
}

type Service = Record<string, unknown>;
const servicesOf = (text: string) => (parseYaml(text) as { services: Record<string, Service> }).services;

/** `$` in every field a run spec turns into a string in the compose file. */
const dollars: RunSpec = runSpecSchema.parse({
  image: 'registry.example/app:1.0',
  name: 'payday',
  entrypoint: ['/bin/sh', '-c'],
  command: ['echo line $RANDOM ${HOME} $$ $'],
  env: [
    { key: 'PRICE', value: 'costs $5 or ${PRICE:-6}' },
    { key: 'PS1', value: '\\u@\\h:\\w\\$ ' },
  ],
  mounts: [{ type: 'bind', source: '/srv/$data', target: '/data', readOnly: false }],
  user: '$UID',
  workdir: '/work/$project',
  labels: [{ key: 'note', value: 'pays $HOME back' }],
  healthcheck: { mode: 'custom', test: 'test "$(cat /ready)" = yes', intervalSeconds: 5, timeoutSeconds: 2, retries: 3, startPeriodSeconds: 0 },
});

describe('compose export escapes $ (compose interpolates every value)', () => {
  it('writes $ as $$', () => {
    expect(escapeInterpolation('echo line $RANDOM')).toBe('echo line $$RANDOM');
    expect(escapeInterpolation('${A} $$')).toBe('$${A} $$$$');
  });

  it('run spec → compose: after compose interpolation every field reads as it was given', () => {
    const text = toComposeService(dollars);
    expect(text).toContain('echo line $$RANDOM');
    const service = servicesOf(text)['payday']!;
    expect(interpolate(service)).toMatchObject({
      container_name: 'payday',
      entrypoint: ['/bin/sh', '-c'],
      command: ['echo line $RANDOM ${HOME} $$ $'],
      environment: { PRICE: 'costs $5 or ${PRICE:-6}', PS1: '\\u@\\h:\\w\\$ ' },
      volumes: ['/srv/$data:/data'],
      user: '$UID',
      working_dir: '/work/$project',
      labels: { note: 'pays $HOME back' },
      healthcheck: { test: ['CMD-SHELL', 'test "$(cat /ready)" = yes'] },
    });
  });

  it('docker run → compose: literal $ escaped, a bare -e NAME stays a reference to the shell that runs compose', () => {
    const { spec, shellEnv } = parseDockerRun(['docker', 'run', '-e', 'TOKEN', '-e', 'A=$B', '--label', 'x=$y', 'busybox', 'sh', '-c', 'echo line $RANDOM']);
    expect(shellEnv).toEqual(['TOKEN']);
    const service = servicesOf(toComposeService(spec, { shellEnv }))['busybox']!;
    expect(service).toMatchObject({ command: ['sh', '-c', 'echo line $$RANDOM'], environment: { TOKEN: '${TOKEN}', A: '$$B' }, labels: { x: '$$y' } });
  });

  it('containers → compose: a container read back from the engine, merged with another, keeps its $', () => {
    const created = toCreateOptions(dollars);
    const inspect = (name: string) =>
      ({
        Id: 'a'.repeat(64),
        Name: `/${name}`,
        Image: 'sha256:img',
        Config: { ...created, Image: dollars.image, Tty: false, OpenStdin: false },
        HostConfig: { ...created.HostConfig, NetworkMode: 'bridge', RestartPolicy: { Name: 'no', MaximumRetryCount: 0 } },
        Mounts: [{ Type: 'bind', Source: '/srv/$data', Destination: '/data', RW: true }],
      }) as unknown as Docker.ContainerInspectInfo;
    const files = ['payday', 'paynight'].map((n) => toComposeService(specFromInspect(inspect(n), null)));
    const services = servicesOf(mergeComposeFiles(files));
    expect(Object.keys(services)).toEqual(['payday', 'paynight']);
    for (const [name, service] of Object.entries(services)) {
      expect(interpolate(service)).toMatchObject({
        container_name: name,
        command: ['echo line $RANDOM ${HOME} $$ $'],
        environment: { PRICE: 'costs $5 or ${PRICE:-6}' },
        labels: { note: 'pays $HOME back' },
        volumes: ['/srv/$data:/data'],
        healthcheck: { test: ['CMD-SHELL', 'test "$(cat /ready)" = yes'] },
      });
    }
  });

  it('masked secrets stay masked', () => {
    const text = toComposeService(dollars, { maskSecret: (n) => n === 'PRICE' });
    expect(servicesOf(text)['payday']!.environment).toEqual({ PRICE: '********', PS1: '\\u@\\h:\\w\\$$ ' });
  });
});
