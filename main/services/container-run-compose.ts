import { Document, isMap, isScalar, isSeq, parseDocument, type Scalar } from 'yaml';
import type { RunSpec } from '../../preload/contract/run-spec';
import { parseMemory } from '../../preload/contract/run-spec';
import { formatMemory, formatPort, formatVolume } from './container-run';

/** Networks every engine has: a container on them uses `network_mode`, not a compose `networks:` entry. */
const BUILTIN_NETWORKS = new Set(['bridge', 'host', 'none', 'default']);

/** A compose service name: lower-case letters, digits, `_`, `-`, `.` (the spec's pattern), from the container name. */
export function serviceNameFor(spec: RunSpec): string {
  const base = (spec.name || spec.image.split('/').pop()!.split(/[:@]/)[0] || 'app').toLowerCase().replace(/[^a-z0-9_.-]/g, '-');
  return /^[a-z0-9]/.test(base) ? base : `app-${base}`;
}

/**
 * A value as compose must read it back: compose interpolates `$NAME`/`${NAME}` in every value of the file (not in
 * keys), so a literal `$` — `echo $RANDOM` meant for the container's shell — is written `$$`.
 */
export function escapeInterpolation(value: string): string {
  return value.replaceAll('$', '$$$$');
}

function escapeValues(value: unknown): unknown {
  if (typeof value === 'string') return escapeInterpolation(value);
  if (Array.isArray(value)) return value.map(escapeValues);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, escapeValues(v)]));
  return value;
}

export interface ComposeExportOptions {
  /** Environment variables to show as `********` (display only). */
  maskSecret?: (name: string) => boolean;
  /** Environment variables whose value is a deliberate `${NAME}` reference (a bare `docker run -e NAME`): not escaped. */
  shellEnv?: readonly string[];
}

/**
 * A compose file (`services:` + the `volumes:`/`networks:` it refers to) that runs the same container. Built with
 * the `yaml` package's document model so it can carry comments for what compose cannot express.
 */
export function toComposeService(spec: RunSpec, options: ComposeExportOptions = {}): string {
  const { maskSecret, shellEnv = [] } = options;
  const service: Record<string, unknown> = { image: spec.image };
  if (spec.name) service.container_name = spec.name;
  if (spec.entrypoint !== null) service.entrypoint = spec.entrypoint;
  if (spec.command !== null) service.command = spec.command;
  // Its place in the file; the values are written below, each escaped unless it is a deliberate reference.
  if (spec.env.length) service.environment = {};
  if (spec.ports.length) service.ports = spec.ports.map(formatPort);
  if (spec.mounts.length) service.volumes = spec.mounts.map(formatVolume);
  const network = spec.network;
  const ownNetwork = network !== '' && !BUILTIN_NETWORKS.has(network) && !network.startsWith('container:');
  if (network && !ownNetwork) service.network_mode = network;
  if (ownNetwork) service.networks = [network];
  if (spec.restart.policy !== 'no') {
    service.restart = spec.restart.policy === 'on-failure' && spec.restart.maxRetries > 0 ? `on-failure:${spec.restart.maxRetries}` : spec.restart.policy;
  }
  const memory = spec.memory.trim() ? parseMemory(spec.memory) : null;
  if (memory) service.mem_limit = formatMemory(memory);
  if (spec.cpus.trim()) service.cpus = Number(spec.cpus);
  if (spec.user) service.user = spec.user;
  if (spec.workdir) service.working_dir = spec.workdir;
  if (spec.labels.length) service.labels = Object.fromEntries(spec.labels.map((l) => [l.key, l.value]));
  const h = spec.healthcheck;
  if (h.mode === 'none') service.healthcheck = { disable: true };
  if (h.mode === 'custom') {
    service.healthcheck = {
      test: ['CMD-SHELL', h.test],
      interval: `${h.intervalSeconds}s`,
      timeout: `${h.timeoutSeconds}s`,
      retries: h.retries,
      ...(h.startPeriodSeconds > 0 ? { start_period: `${h.startPeriodSeconds}s` } : {}),
    };
  }
  if (spec.init) service.init = true;
  if (spec.interactive) service.stdin_open = true;
  if (spec.tty) service.tty = true;
  const escaped = escapeValues(service) as Record<string, unknown>;
  if (spec.env.length) {
    escaped.environment = Object.fromEntries(
      spec.env.map((e) => [e.key, maskSecret?.(e.key) ? '********' : shellEnv.includes(e.key) ? e.value : escapeInterpolation(e.value)]),
    );
  }

  const serviceName = serviceNameFor(spec);
  const root: Record<string, unknown> = { services: { [serviceName]: escaped } };
  const namedVolumes = [...new Set(spec.mounts.filter((m) => m.type === 'volume' && m.source).map((m) => m.source))];
  if (namedVolumes.length) root.volumes = Object.fromEntries(namedVolumes.map((v) => [v, { external: true }]));
  if (ownNetwork) root.networks = { [network]: { external: true } };

  const doc = new Document(root);
  // Compose v1 reads YAML 1.1, where an unquoted `2222:22` is a base-60 number, not a port: quote every mapping.
  const ports = doc.getIn(['services', serviceName, 'ports'], true);
  if (isSeq(ports)) for (const item of ports.items) if (isScalar(item)) item.type = 'QUOTE_DOUBLE';
  const notes: string[] = [];
  if (spec.publishAll) notes.push(' `docker run -P` (publish every exposed port) has no compose equivalent: list the ports.');
  if (spec.autoRemove) notes.push(' `docker run --rm` has no compose equivalent: compose keeps the container.');
  if (notes.length) keyNode(doc.getIn(['services', serviceName], true), 'image')!.commentBefore = notes.join('\n');
  if (namedVolumes.length) {
    keyNode(doc.contents, 'volumes')!.commentBefore =
      ' Existing volumes, used as they are. Drop `external: true` to let compose create them (it prefixes the project name).';
  }
  return doc.toString({ lineWidth: 0 });
}

/** The key node of `key` in a YAML map node, to hang a comment on. */
function keyNode(map: unknown, key: string): Scalar | undefined {
  if (!isMap(map)) return undefined;
  const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
  return pair && isScalar(pair.key) ? pair.key : undefined;
}

/**
 * Several single-service compose files as one: services renamed `<name>-2`, … when two share a name; an external
 * volume or network that several use is listed once.
 */
export function mergeComposeFiles(texts: readonly string[]): string {
  let merged: Document | null = null;
  for (const text of texts) {
    const doc = parseDocument(text);
    if (!merged) {
      merged = doc;
      continue;
    }
    for (const section of ['services', 'volumes', 'networks']) {
      const from = doc.get(section, true);
      if (!isMap(from)) continue;
      let into = merged.get(section, true);
      if (!isMap(into)) {
        merged.set(section, merged.createNode({}));
        into = merged.get(section, true);
      }
      if (!isMap(into)) continue;
      for (const pair of from.items) {
        const key = String((pair.key as { value?: unknown })?.value ?? pair.key);
        let name = key;
        for (let n = 2; into.has(name); n++) name = `${key}-${n}`;
        if (section !== 'services' && name !== key) continue; // the same external volume/network: listed once
        into.set(name, pair.value);
      }
    }
  }
  return merged ? merged.toString({ lineWidth: 0 }) : '';
}
