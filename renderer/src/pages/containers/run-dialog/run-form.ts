import type { RunSpec, RunSpecInput } from '../../../../../preload/contract';
import { runSpecFieldErrors } from '../../../../../preload/contract/run-spec';
import { joinShellWords, splitShellWords } from './shell-words';

/**
 * The run dialog's state: the run spec as text fields (numbers the user is typing are strings until submit, a
 * command is one line). `toSpecInput` turns it into what the contract validates; the field errors come back under
 * the same paths (`ports.0.hostPort`), so each row shows its own.
 */
export interface KeyValueRow {
  id: number;
  key: string;
  value: string;
}
export interface PortRow {
  id: number;
  hostIp: string;
  hostPort: string;
  containerPort: string;
  protocol: 'tcp' | 'udp' | 'sctp';
}
export interface MountRow {
  id: number;
  type: 'volume' | 'bind';
  source: string;
  target: string;
  readOnly: boolean;
}
export interface RunForm {
  image: string;
  name: string;
  command: string;
  entrypoint: string;
  /** Off: the image's entrypoint; on with an empty field: none (`--entrypoint ""`). */
  overrideEntrypoint: boolean;
  env: KeyValueRow[];
  ports: PortRow[];
  publishAll: boolean;
  mounts: MountRow[];
  network: string;
  restartPolicy: RunSpec['restart']['policy'];
  maxRetries: string;
  memory: string;
  cpus: string;
  user: string;
  workdir: string;
  labels: KeyValueRow[];
  healthMode: RunSpec['healthcheck']['mode'];
  healthTest: string;
  healthInterval: string;
  healthTimeout: string;
  healthRetries: string;
  healthStartPeriod: string;
  autoRemove: boolean;
  init: boolean;
  interactive: boolean;
  tty: boolean;
}

let nextRowId = 1;
export const rowId = () => nextRowId++;

export const newEnvRow = (key = '', value = ''): KeyValueRow => ({ id: rowId(), key, value });
export const newPortRow = (): PortRow => ({ id: rowId(), hostIp: '', hostPort: '', containerPort: '', protocol: 'tcp' });
export const newMountRow = (type: MountRow['type'] = 'volume'): MountRow => ({ id: rowId(), type, source: '', target: '', readOnly: false });

export function formFromSpec(spec: RunSpec): RunForm {
  return {
    image: spec.image,
    name: spec.name,
    command: spec.command === null ? '' : joinShellWords(spec.command),
    entrypoint: spec.entrypoint === null ? '' : joinShellWords(spec.entrypoint),
    overrideEntrypoint: spec.entrypoint !== null,
    env: spec.env.map((e) => newEnvRow(e.key, e.value)),
    ports: spec.ports.map((p) => ({ id: rowId(), hostIp: p.hostIp, hostPort: p.hostPort === null ? '' : String(p.hostPort), containerPort: String(p.containerPort), protocol: p.protocol })),
    publishAll: spec.publishAll,
    mounts: spec.mounts.map((m) => ({ id: rowId(), ...m })),
    network: spec.network,
    restartPolicy: spec.restart.policy,
    maxRetries: String(spec.restart.maxRetries),
    memory: spec.memory,
    cpus: spec.cpus,
    user: spec.user,
    workdir: spec.workdir,
    labels: spec.labels.map((l) => newEnvRow(l.key, l.value)),
    healthMode: spec.healthcheck.mode,
    healthTest: spec.healthcheck.test,
    healthInterval: String(spec.healthcheck.intervalSeconds),
    healthTimeout: String(spec.healthcheck.timeoutSeconds),
    healthRetries: String(spec.healthcheck.retries),
    healthStartPeriod: String(spec.healthcheck.startPeriodSeconds),
    autoRemove: spec.autoRemove,
    init: spec.init,
    interactive: spec.interactive,
    tty: spec.tty,
  };
}

/** '' → the default; anything else a number (NaN makes the schema say "expected number"). */
const num = (text: string, fallback?: number) => (text.trim() === '' ? fallback : Number(text.trim()));

export function toSpecInput(form: RunForm): RunSpecInput {
  const keep = (r: KeyValueRow) => r.key.trim() !== '' || r.value !== '';
  return {
    image: form.image.trim(),
    name: form.name.trim(),
    command: form.command.trim() === '' ? null : (splitShellWords(form.command) ?? [form.command]),
    entrypoint: !form.overrideEntrypoint ? null : (splitShellWords(form.entrypoint) ?? [form.entrypoint]),
    env: form.env.filter(keep).map((r) => ({ key: r.key.trim(), value: r.value })),
    ports: form.ports
      .filter((p) => p.containerPort.trim() !== '' || p.hostPort.trim() !== '')
      .map((p) => ({ hostIp: p.hostIp.trim(), hostPort: num(p.hostPort) ?? null, containerPort: num(p.containerPort) as number, protocol: p.protocol })),
    publishAll: form.publishAll,
    mounts: form.mounts
      .filter((m) => m.source.trim() !== '' || m.target.trim() !== '')
      .map((m) => ({ type: m.type, source: m.source.trim(), target: m.target.trim(), readOnly: m.readOnly })),
    network: form.network,
    restart: { policy: form.restartPolicy, maxRetries: form.restartPolicy === 'on-failure' ? (num(form.maxRetries, 0) as number) : 0 },
    memory: form.memory.trim(),
    cpus: form.cpus.trim(),
    user: form.user.trim(),
    workdir: form.workdir.trim(),
    labels: form.labels.filter(keep).map((r) => ({ key: r.key.trim(), value: r.value })),
    healthcheck: {
      mode: form.healthMode,
      test: form.healthTest,
      intervalSeconds: num(form.healthInterval, 30),
      timeoutSeconds: num(form.healthTimeout, 30),
      retries: num(form.healthRetries, 3),
      startPeriodSeconds: num(form.healthStartPeriod, 0),
    },
    autoRemove: form.autoRemove,
    init: form.init,
    interactive: form.interactive,
    tty: form.tty,
  };
}

/**
 * Field errors for the form. Rows the user left blank are dropped before validation, so a row's index in the spec
 * can differ from its index in the form: errors are re-keyed to the form's rows.
 */
export function formErrors(form: RunForm): Record<string, string> {
  const input = toSpecInput(form);
  const raw = runSpecFieldErrors(input);
  if (form.command.trim() && splitShellWords(form.command) === null) raw.command = 'a quote is not closed';
  if (form.overrideEntrypoint && splitShellWords(form.entrypoint) === null) raw.entrypoint = 'a quote is not closed';
  const remap = <T>(list: 'env' | 'ports' | 'mounts' | 'labels', rows: T[], kept: (r: T) => boolean) => {
    const formIndex = rows.map((r, i) => (kept(r) ? i : -1)).filter((i) => i >= 0);
    for (const key of Object.keys(raw)) {
      const m = new RegExp(`^${list}\\.(\\d+)(\\..*)?$`).exec(key);
      if (!m) continue;
      const message = raw[key]!;
      delete raw[key];
      raw[`${list}.${formIndex[Number(m[1])] ?? m[1]}${m[2] ?? ''}`] = message;
    }
  };
  const keepKv = (r: KeyValueRow) => r.key.trim() !== '' || r.value !== '';
  remap('env', form.env, keepKv);
  remap('labels', form.labels, keepKv);
  remap('ports', form.ports, (p) => p.containerPort.trim() !== '' || p.hostPort.trim() !== '');
  remap('mounts', form.mounts, (m) => m.source.trim() !== '' || m.target.trim() !== '');
  return raw;
}
