import { splitKeyValue } from '../../preload/contract/key-value';
import { emptyRunSpec, type MountSpec, type PortSpec, type RunSpec } from '../../preload/contract/run-spec';

/**
 * `docker run` arguments (already split into words, as a shell would) → a run spec, which container-run-compose.ts
 * turns into a compose service. Pure and unit-tested. What a compose service built from a run spec cannot carry is
 * listed in `warnings` rather than silently dropped.
 */
export interface ParsedRun {
  spec: RunSpec;
  warnings: string[];
  /** Variables given as a bare `-e NAME`, whose value is the `${NAME}` reference to the shell that runs compose. */
  shellEnv: string[];
}

/** Flags of `docker run` that take no value; every other flag takes one (its next word, or `--flag=value`). */
const BOOLEAN_FLAGS = new Set([
  '-d', '--detach', '-i', '--interactive', '-t', '--tty', '--rm', '-P', '--publish-all', '--init', '--privileged',
  '--read-only', '--no-healthcheck', '--oom-kill-disable', '--sig-proxy', '-q', '--quiet', '--disable-content-trust',
  '--help', '--use-api-socket',
]);
const SHORT_BOOLEANS = new Set(['d', 'i', 't', 'P', 'q']);
const SHORT_WITH_VALUE = new Set(['e', 'p', 'v', 'l', 'm', 'u', 'w', 'h', 'a', 'c']);

/** Leading words that are not part of `docker run`'s arguments: a prompt, sudo, `docker [container] run`. */
function stripPrefix(argv: string[]): string[] {
  let i = 0;
  if (argv[i] === '$' || argv[i] === '#') i++;
  if (argv[i] === 'sudo') i++;
  if (argv[i] === 'docker' || argv[i] === 'podman' || argv[i]?.endsWith('/docker')) i++;
  if (argv[i] === 'container') i++;
  if (argv[i] === 'run') i++;
  return argv.slice(i);
}

export function parseDockerRun(words: readonly string[]): ParsedRun {
  const argv = stripPrefix([...words]);
  const spec: RunSpec = { ...emptyRunSpec(''), healthcheck: { ...emptyRunSpec('').healthcheck } };
  const warnings: string[] = [];
  const shellEnv: string[] = [];
  const health: Partial<Record<'cmd' | 'interval' | 'timeout' | 'retries' | 'start', string>> = {};

  let i = 0;
  for (; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--') {
      i++;
      break;
    }
    if (!word.startsWith('-') || word === '-') break; // the image

    let flag: string;
    let value: string | undefined;
    if (word.startsWith('--')) {
      const kv = splitKeyValue(word);
      flag = kv.key;
      value = kv.value ?? undefined;
    } else {
      // -dit, -p80:80, -eKEY=v: booleans then at most one flag with a value (glued or next word)
      const letters = word.slice(1);
      let j = 0;
      while (j < letters.length && SHORT_BOOLEANS.has(letters[j]!)) applyBoolean(`-${letters[j++]!}`);
      if (j === letters.length) continue;
      flag = `-${letters[j]!}`;
      if (!SHORT_WITH_VALUE.has(letters[j]!)) {
        warnings.push(`${word}: unknown option, not converted.`);
        continue;
      }
      if (j + 1 < letters.length) value = letters.slice(j + 1);
    }
    if (BOOLEAN_FLAGS.has(flag)) {
      if (value === undefined || value === 'true') applyBoolean(flag);
      continue;
    }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined) {
        warnings.push(`${flag} has no value.`);
        break;
      }
    }
    applyValue(flag, value);
  }

  const image = argv[i];
  if (image === undefined) warnings.push('No image found after the options.');
  spec.image = image ?? '';
  const rest = argv.slice(i + 1);
  if (rest.length > 0) spec.command = rest;

  if (health.cmd !== undefined) {
    spec.healthcheck = {
      mode: 'custom',
      test: health.cmd,
      intervalSeconds: durationSeconds(health.interval) ?? 30,
      timeoutSeconds: durationSeconds(health.timeout) ?? 30,
      retries: health.retries !== undefined && /^\d+$/.test(health.retries) ? Number(health.retries) : 3,
      startPeriodSeconds: durationSeconds(health.start) ?? 0,
    };
  }
  return { spec, warnings, shellEnv };

  function applyBoolean(flag: string) {
    switch (flag) {
      case '-d':
      case '--detach':
        return; // compose runs detached with `up -d`
      case '-i':
      case '--interactive':
        spec.interactive = true;
        return;
      case '-t':
      case '--tty':
        spec.tty = true;
        return;
      case '--rm':
        spec.autoRemove = true;
        return;
      case '-P':
      case '--publish-all':
        spec.publishAll = true;
        return;
      case '--init':
        spec.init = true;
        return;
      case '--no-healthcheck':
        spec.healthcheck = { ...spec.healthcheck, mode: 'none' };
        return;
      default:
        warnings.push(`${flag} is not converted.`);
    }
  }

  function applyValue(flag: string, value: string) {
    switch (flag) {
      case '--name':
        spec.name = value;
        return;
      case '-e':
      case '--env': {
        const pair = splitKeyValue(value);
        if (pair.value === null) {
          warnings.push(`-e ${value} takes its value from the shell that runs compose; it is written as ${value}=\${${value}}.`);
          shellEnv.push(value);
        }
        spec.env.push({ key: pair.key, value: pair.value ?? `\${${value}}` });
        return;
      }
      case '-p':
      case '--publish': {
        const port = parsePort(value);
        if (port) spec.ports.push(port);
        else warnings.push(`-p ${value}: not a port mapping this converter understands (ranges are not converted).`);
        return;
      }
      case '-v':
      case '--volume':
        spec.mounts.push(parseVolume(value));
        return;
      case '--mount': {
        const mount = parseMount(value);
        if (mount) spec.mounts.push(mount);
        else warnings.push(`--mount ${value}: only volume and bind mounts are converted.`);
        return;
      }
      case '--network':
      case '--net':
        spec.network = value;
        return;
      case '--restart': {
        const [policy, retries] = value.split(':');
        if (policy === 'no' || policy === 'always' || policy === 'unless-stopped' || policy === 'on-failure') {
          spec.restart = { policy, maxRetries: policy === 'on-failure' && retries && /^\d+$/.test(retries) ? Number(retries) : 0 };
        } else warnings.push(`--restart ${value}: not a restart policy.`);
        return;
      }
      case '-m':
      case '--memory':
        spec.memory = value;
        return;
      case '--cpus':
        spec.cpus = value;
        return;
      case '-u':
      case '--user':
        spec.user = value;
        return;
      case '-w':
      case '--workdir':
        spec.workdir = value;
        return;
      case '-l':
      case '--label':
        spec.labels.push(splitKeyValue(value, ''));
        return;
      case '--entrypoint':
        spec.entrypoint = value === '' ? [] : [value];
        return;
      case '--health-cmd':
        health.cmd = value;
        return;
      case '--health-interval':
        health.interval = value;
        return;
      case '--health-timeout':
        health.timeout = value;
        return;
      case '--health-retries':
        health.retries = value;
        return;
      case '--health-start-period':
        health.start = value;
        return;
      default:
        warnings.push(`${flag} ${value} is not converted.`);
    }
  }
}

/** `8080:80`, `127.0.0.1:8080:80/udp`, `127.0.0.1::80`, `[::1]:80:80`, `80` → a port spec; null for ranges. */
export function parsePort(text: string): PortSpec | null {
  const [main, proto = 'tcp'] = text.split('/') as [string, string?];
  if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') return null;
  let ip = '';
  let rest = main;
  const v6 = /^\[([^\]]+)\]:(.*)$/.exec(main);
  if (v6) {
    ip = v6[1]!;
    rest = v6[2]!;
  }
  const parts = rest.split(':');
  if (!v6 && parts.length === 3) ip = parts.shift()!;
  if (parts.length > 2) return null;
  const [hostText, containerText] = parts.length === 2 ? parts : [null, parts[0]!];
  const num = (t: string) => (/^\d{1,5}$/.test(t) && Number(t) >= 1 && Number(t) <= 65535 ? Number(t) : null);
  const containerPort = num(containerText!);
  if (containerPort === null) return null;
  let hostPort: number | null = null;
  if (hostText) {
    hostPort = num(hostText);
    if (hostPort === null) return null;
  }
  return { hostIp: ip, hostPort, containerPort, protocol: proto };
}

/** `name:/path[:ro]`, `/host:/path`, `./rel:/path`, `/path` (a new anonymous volume). */
export function parseVolume(text: string): MountSpec {
  const parts = text.split(':');
  const readOnly = parts.length > 1 && /^(ro|rw)(,.*)?$|^(z|Z)$/.test(parts[parts.length - 1]!) ? parts.pop()!.split(',').includes('ro') : false;
  if (parts.length === 1) return { type: 'volume', source: '', target: parts[0]!, readOnly };
  const source = parts.slice(0, -1).join(':');
  const target = parts[parts.length - 1]!;
  const bind = source.startsWith('/') || source.startsWith('.') || source.startsWith('~');
  return { type: bind ? 'bind' : 'volume', source, target, readOnly };
}

/** `type=volume,source=data,target=/data,readonly` → a mount spec; null for tmpfs and others. */
export function parseMount(text: string): MountSpec | null {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const { key, value } = splitKeyValue(part, 'true');
    fields.set(key, value);
  }
  const type = fields.get('type') ?? 'volume';
  if (type !== 'volume' && type !== 'bind') return null;
  const target = fields.get('target') ?? fields.get('destination') ?? fields.get('dst');
  if (!target) return null;
  const ro = fields.get('readonly') ?? fields.get('ro');
  return { type, source: fields.get('source') ?? fields.get('src') ?? '', target, readOnly: ro !== undefined && ro !== 'false' && ro !== '0' };
}

/** `30s`, `1m30s`, `500ms`, `2h` → seconds; null when it is not a duration. */
export function durationSeconds(text: string | undefined): number | null {
  if (!text) return null;
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g;
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    total += Number(m[1]) * { ms: 0.001, s: 1, m: 60, h: 3600 }[m[2] as 'ms' | 's' | 'm' | 'h'];
    consumed += m[0].length;
  }
  return consumed === text.length && consumed > 0 ? total : null;
}
