import type Docker from 'dockerode';
import { splitKeyValue } from '../../preload/contract/key-value';
import { parseCpus, parseMemory, type HealthcheckSpec, type MountSpec, type PortSpec, type RunSpec } from '../../preload/contract/run-spec';

/**
 * Pure conversions of a run spec (what the run dialog edits): to Engine API create options, from `inspect`, to a
 * `docker run` command. The compose form is in container-run-compose.ts. No engine access here: everything is
 * unit-tested on plain objects.
 */

const ANONYMOUS_VOLUME = /^[0-9a-f]{64}$/;
/** Labels compose owns: copying them onto a duplicate would make compose think the copy is one of its own. */
const COMPOSE_LABEL = /^com\.docker\.compose\./;

/**
 * The spec for a container that replaces `old` in place (recreate): the compose labels the spec leaves out (so that
 * a duplicate is not taken for compose's own) go back on, so the replacement stays in its project and service.
 */
export function keepComposeLabels(spec: RunSpec, oldLabels: Record<string, string> | undefined): RunSpec {
  const compose = Object.entries(oldLabels ?? {}).filter(([k]) => COMPOSE_LABEL.test(k));
  if (compose.length === 0) return spec;
  const own = spec.labels.filter((l) => !COMPOSE_LABEL.test(l.key));
  return { ...spec, labels: [...own, ...compose.map(([key, value]) => ({ key, value }))] };
}
const NS_PER_S = 1e9;

export const portKey = (p: Pick<PortSpec, 'containerPort' | 'protocol'>) => `${p.containerPort}/${p.protocol}`;

export function toCreateOptions(spec: RunSpec): Docker.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, { HostIp: string; HostPort: string }[]> = {};
  for (const p of spec.ports) {
    const key = portKey(p);
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: p.hostIp, HostPort: p.hostPort === null ? '' : String(p.hostPort) });
  }
  const hostConfig: Docker.HostConfig = {
    PortBindings: bindings,
    PublishAllPorts: spec.publishAll,
    Mounts: spec.mounts.map(toMount),
    RestartPolicy: { Name: spec.restart.policy === 'no' ? '' : spec.restart.policy, MaximumRetryCount: spec.restart.policy === 'on-failure' ? spec.restart.maxRetries : 0 },
    AutoRemove: spec.autoRemove,
  };
  if (spec.init) hostConfig.Init = true;
  if (spec.network) hostConfig.NetworkMode = spec.network;
  const memory = spec.memory.trim() ? parseMemory(spec.memory) : null;
  if (memory) hostConfig.Memory = memory;
  const nanoCpus = spec.cpus.trim() ? parseCpus(spec.cpus) : null;
  if (nanoCpus) hostConfig.NanoCpus = nanoCpus;

  const options: Docker.ContainerCreateOptions = {
    Image: spec.image,
    Env: spec.env.map((e) => `${e.key}=${e.value}`),
    ExposedPorts: exposed,
    Labels: Object.fromEntries(spec.labels.map((l) => [l.key, l.value])),
    OpenStdin: spec.interactive,
    AttachStdin: false,
    Tty: spec.tty,
    HostConfig: hostConfig,
  };
  if (spec.name) options.name = spec.name;
  if (spec.command !== null) options.Cmd = spec.command;
  // The engine reads an empty entrypoint array as "keep the image's"; [""] is how `--entrypoint ""` clears it.
  if (spec.entrypoint !== null) options.Entrypoint = spec.entrypoint.length === 0 ? [''] : spec.entrypoint;
  if (spec.user) options.User = spec.user;
  if (spec.workdir) options.WorkingDir = spec.workdir;
  const health = toHealthConfig(spec.healthcheck);
  if (health) options.Healthcheck = health;
  return options;
}

function toMount(m: MountSpec): Docker.MountSettings {
  const mount: Docker.MountSettings = { Type: m.type, Target: m.target, ReadOnly: m.readOnly } as Docker.MountSettings;
  if (m.source) mount.Source = m.source;
  return mount;
}

function toHealthConfig(h: HealthcheckSpec): Docker.HealthConfig | null {
  if (h.mode === 'image') return null;
  if (h.mode === 'none') return { Test: ['NONE'] };
  return {
    Test: ['CMD-SHELL', h.test],
    Interval: h.intervalSeconds * NS_PER_S,
    Timeout: h.timeoutSeconds * NS_PER_S,
    Retries: h.retries,
    StartPeriod: h.startPeriodSeconds * NS_PER_S,
  };
}

/** "536870912" → "512m": the shortest exact `--memory` form. */
export function formatMemory(bytes: number): string {
  for (const [unit, size] of [['g', 1024 ** 3], ['m', 1024 ** 2], ['k', 1024]] as const) {
    if (bytes % size === 0) return `${bytes / size}${unit}`;
  }
  return String(bytes);
}

const sameArray = (a: readonly string[] | null | undefined, b: readonly string[] | null | undefined) =>
  (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === (b ?? [])[i]);

type ImageConfig = Pick<Docker.ImageInspectInfo['Config'], 'Cmd' | 'Entrypoint' | 'Env' | 'Labels' | 'User' | 'WorkingDir' | 'Volumes'> & {
  Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; Retries?: number; StartPeriod?: number } | undefined;
};

/**
 * The spec that creates this container again, keeping only what differs from its image (so a duplicate does not
 * pin the image's PATH, labels or command). `image` is null when the image is gone; then everything is kept.
 */
export function specFromInspect(info: Docker.ContainerInspectInfo, image: { Config: ImageConfig } | null): RunSpec {
  const cfg = info.Config;
  const host = info.HostConfig;
  const img = image?.Config ?? null;
  const imageEnv = new Set(img?.Env ?? []);
  const imageLabels = img?.Labels ?? {};
  const imageVolumes = new Set(Object.keys(img?.Volumes ?? {}));

  const ports: PortSpec[] = [];
  for (const [key, list] of Object.entries(host.PortBindings ?? {}) as [string, { HostIp?: string; HostPort?: string }[] | null][]) {
    const [port, proto = 'tcp'] = key.split('/');
    for (const b of list ?? []) {
      ports.push({
        hostIp: b.HostIp ?? '',
        hostPort: b.HostPort ? Number(b.HostPort) : null,
        containerPort: Number(port),
        protocol: proto as PortSpec['protocol'],
      });
    }
  }

  const mounts: MountSpec[] = [];
  for (const m of info.Mounts ?? []) {
    if (m.Type === 'bind') mounts.push({ type: 'bind', source: m.Source, target: m.Destination, readOnly: !m.RW });
    else if (m.Type === 'volume') {
      const anonymous = !m.Name || ANONYMOUS_VOLUME.test(m.Name);
      // The image's own VOLUME gets a fresh anonymous volume anyway; listing it would only add noise.
      if (anonymous && imageVolumes.has(m.Destination)) continue;
      mounts.push({ type: 'volume', source: anonymous ? '' : m.Name!, target: m.Destination, readOnly: !m.RW });
    }
  }

  const network = host.NetworkMode && host.NetworkMode !== 'default' && host.NetworkMode !== 'bridge' ? host.NetworkMode : '';
  const restartName = (host.RestartPolicy?.Name || 'no') as RunSpec['restart']['policy'];
  const hostExtra = host as Docker.HostConfig & { NanoCpus?: number; Memory?: number };
  const cfgExtra = cfg as typeof cfg & { Healthcheck?: ImageConfig['Healthcheck'] };

  return {
    image: cfg.Image,
    name: info.Name.replace(/^\//, ''),
    command: img && sameArray(cfg.Cmd, img.Cmd) ? null : (cfg.Cmd ?? null),
    entrypoint: img && sameArray(asArray(cfg.Entrypoint), asArray(img.Entrypoint)) ? null : (asArray(cfg.Entrypoint) ?? null),
    env: (cfg.Env ?? []).filter((e) => !imageEnv.has(e)).map((e) => splitKeyValue(e, '')),
    ports,
    publishAll: host.PublishAllPorts ?? false,
    mounts,
    network,
    restart: { policy: restartName, maxRetries: restartName === 'on-failure' ? (host.RestartPolicy?.MaximumRetryCount ?? 0) : 0 },
    memory: hostExtra.Memory ? formatMemory(hostExtra.Memory) : '',
    cpus: hostExtra.NanoCpus ? String(hostExtra.NanoCpus / NS_PER_S) : '',
    user: cfg.User && cfg.User !== (img?.User ?? '') ? cfg.User : '',
    workdir: cfg.WorkingDir && cfg.WorkingDir !== (img?.WorkingDir ?? '') ? cfg.WorkingDir : '',
    labels: Object.entries(cfg.Labels ?? {})
      .filter(([k, v]) => !COMPOSE_LABEL.test(k) && imageLabels[k] !== v)
      .map(([key, value]) => ({ key, value })),
    healthcheck: healthFromConfig(cfgExtra.Healthcheck, img?.Healthcheck),
    autoRemove: host.AutoRemove ?? false,
    init: (host as { Init?: boolean | null }).Init === true,
    interactive: cfg.OpenStdin ?? false,
    tty: cfg.Tty ?? false,
  };
}

function asArray(v: string | string[] | null | undefined): string[] | null {
  if (v === null || v === undefined) return null;
  return Array.isArray(v) ? v : [v];
}

const DEFAULT_HEALTH: HealthcheckSpec = { mode: 'image', test: '', intervalSeconds: 30, timeoutSeconds: 30, retries: 3, startPeriodSeconds: 0 };

function healthFromConfig(own: ImageConfig['Healthcheck'], fromImage: ImageConfig['Healthcheck']): HealthcheckSpec {
  if (!own?.Test?.length || JSON.stringify(own) === JSON.stringify(fromImage)) return DEFAULT_HEALTH;
  const [kind, ...rest] = own.Test;
  if (kind === 'NONE') return { ...DEFAULT_HEALTH, mode: 'none' };
  const seconds = (ns: number | undefined, fallback: number) => (ns ? ns / NS_PER_S : fallback);
  return {
    mode: 'custom',
    test: kind === 'CMD-SHELL' ? rest.join(' ') : rest.map(quoteShellWord).join(' '),
    intervalSeconds: seconds(own.Interval, 30),
    timeoutSeconds: seconds(own.Timeout, 30),
    retries: own.Retries ?? 3,
    startPeriodSeconds: seconds(own.StartPeriod, 0),
  };
}

/** POSIX-shell quoting: bare when safe, else single quotes (a ' inside becomes '\''). */
export function quoteShellWord(word: string): string {
  if (word !== '' && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

const MASK = '********';

/** `[ip:][hostPort:]containerPort[/proto]`, as `-p` and compose `ports:` both read it. */
export function formatPort(p: PortSpec): string {
  const container = p.protocol === 'tcp' ? String(p.containerPort) : `${p.containerPort}/${p.protocol}`;
  const ip = p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp;
  if (p.hostPort === null) return ip ? `${ip}::${container}` : container;
  return ip ? `${ip}:${p.hostPort}:${container}` : `${p.hostPort}:${container}`;
}

/** `[source:]target[:ro]`, as `-v` and compose `volumes:` both read it. */
export function formatVolume(m: MountSpec): string {
  const parts = m.source ? [m.source, m.target] : [m.target];
  return parts.join(':') + (m.readOnly ? ':ro' : '');
}

/** Health durations the way the CLI reads them (`30s`, `1m30s` would also do; seconds are exact). */
const seconds = (s: number) => `${s}s`;

/**
 * `docker run` arguments (after `docker run`) that create the same container, detached. `maskSecret` replaces the
 * values of secret-looking variables for display; the copied command never masks.
 */
export function toDockerRunArgs(spec: RunSpec, maskSecret?: (name: string) => boolean): string[][] {
  const groups: string[][] = [['-d']];
  if (spec.name) groups.push(['--name', spec.name]);
  if (spec.interactive || spec.tty) groups.push([`-${spec.interactive ? 'i' : ''}${spec.tty ? 't' : ''}`]);
  if (spec.autoRemove) groups.push(['--rm']);
  if (spec.init) groups.push(['--init']);
  if (spec.restart.policy !== 'no') {
    groups.push(['--restart', spec.restart.policy === 'on-failure' && spec.restart.maxRetries > 0 ? `on-failure:${spec.restart.maxRetries}` : spec.restart.policy]);
  }
  if (spec.network) groups.push(['--network', spec.network]);
  for (const p of spec.ports) groups.push(['-p', formatPort(p)]);
  if (spec.publishAll) groups.push(['-P']);
  for (const m of spec.mounts) groups.push(['-v', formatVolume(m)]);
  for (const e of spec.env) groups.push(['-e', `${e.key}=${maskSecret?.(e.key) ? MASK : e.value}`]);
  for (const l of spec.labels) groups.push(['--label', `${l.key}=${l.value}`]);
  if (spec.memory.trim()) groups.push(['--memory', spec.memory.trim()]);
  if (spec.cpus.trim()) groups.push(['--cpus', spec.cpus.trim()]);
  if (spec.user) groups.push(['--user', spec.user]);
  if (spec.workdir) groups.push(['--workdir', spec.workdir]);
  const h = spec.healthcheck;
  if (h.mode === 'none') groups.push(['--no-healthcheck']);
  if (h.mode === 'custom') {
    groups.push(['--health-cmd', h.test]);
    groups.push(['--health-interval', seconds(h.intervalSeconds)]);
    groups.push(['--health-timeout', seconds(h.timeoutSeconds)]);
    groups.push(['--health-retries', String(h.retries)]);
    if (h.startPeriodSeconds > 0) groups.push(['--health-start-period', seconds(h.startPeriodSeconds)]);
  }
  // `--entrypoint` takes one word: the rest of a longer entrypoint goes in front of the command.
  const [entry, ...entryRest] = spec.entrypoint ?? [];
  if (spec.entrypoint !== null) groups.push(['--entrypoint', entry ?? '']);
  const tail = [spec.image, ...entryRest, ...(spec.command ?? [])];
  groups.push(tail);
  return groups;
}

/** The whole `docker run …` line, one option per continued line once it gets long, shell-quoted. */
export function toDockerRunCommand(spec: RunSpec, maskSecret?: (name: string) => boolean): string {
  const groups = toDockerRunArgs(spec, maskSecret).map((g) => g.map(quoteShellWord).join(' '));
  const oneLine = `docker run ${groups.join(' ')}`;
  if (oneLine.length <= 100) return oneLine;
  return `docker run ${groups.join(' \\\n  ')}`;
}
