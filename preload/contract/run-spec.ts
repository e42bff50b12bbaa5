import { z } from 'zod';

/**
 * A container to run, as the run dialog edits it and as main turns it into Engine API create options, a
 * `docker run` command and a compose service. Shared with the renderer so the dialog shows the same field errors
 * main would answer with, before anything is sent.
 */

const MEMORY = /^(\d+(?:\.\d+)?)\s*([bkmgt]?)i?b?$/i;
const MEMORY_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
/** The engine refuses a memory limit under 6 MiB ("Minimum memory limit allowed is 6MB"). */
export const MIN_MEMORY_BYTES = 6 * 1024 * 1024;

/** "512m", "1g", "1.5G", "268435456" → bytes, as `docker run --memory` reads it; null when it is not a size. */
export function parseMemory(text: string): number | null {
  const m = MEMORY.exec(text.trim());
  if (!m) return null;
  const bytes = Math.round(Number(m[1]) * MEMORY_UNITS[m[2]!.toLowerCase()]!);
  return Number.isFinite(bytes) ? bytes : null;
}

/** "1.5" → 1.5e9 nano-CPUs, as `docker run --cpus` reads it; null when it is not a positive number. */
export function parseCpus(text: string): number | null {
  if (!/^\d*\.?\d+$/.test(text.trim())) return null;
  const n = Number(text);
  return n > 0 ? Math.round(n * 1e9) : null;
}

const shortText = z.string().max(4096);
const word = z.string().max(4096);
const argv = z.array(word).max(256);

export const envVarName = z
  .string()
  .min(1, 'a name is needed')
  .max(256)
  .regex(/^[^=\s]+$/, 'no "=" or spaces in a variable name');

export const keyValue = z.strictObject({ key: envVarName, value: z.string().max(32_768) });
export const labelPair = z.strictObject({ key: z.string().min(1, 'a key is needed').max(256).regex(/^\S+$/, 'no spaces in a label key'), value: z.string().max(4096) });

export const portSpec = z.strictObject({
  /** '' = every address (0.0.0.0). */
  hostIp: z.union([z.literal(''), z.ipv4(), z.ipv6()]).default(''),
  /** Empty = the engine picks a free port. */
  hostPort: z.number().int().min(1, 'ports run from 1 to 65535').max(65535, 'ports run from 1 to 65535').nullable().default(null),
  containerPort: z.number({ error: 'a container port is needed' }).int().min(1, 'ports run from 1 to 65535').max(65535, 'ports run from 1 to 65535'),
  protocol: z.enum(['tcp', 'udp', 'sctp']).default('tcp'),
});

export const mountSpec = z.strictObject({
  /** volume: a named volume ('' source = a new anonymous one); bind: a host folder or file. */
  type: z.enum(['volume', 'bind']),
  source: z.string().max(4096).default(''),
  target: z.string().min(1, 'a path inside the container is needed').max(4096).regex(/^\//, 'an absolute path (starting with /)'),
  readOnly: z.boolean().default(false),
});

export const restartSpec = z.strictObject({
  policy: z.enum(['no', 'always', 'unless-stopped', 'on-failure']).default('no'),
  maxRetries: z.number().int().min(0).max(1000).default(0),
});

export const healthcheckSpec = z.strictObject({
  /** image: whatever the image says; none: disable it; custom: the test below. */
  mode: z.enum(['image', 'none', 'custom']).default('image'),
  /** A shell command (CMD-SHELL), e.g. `wget -q -O- http://localhost/ || exit 1`. */
  test: z.string().max(4096).default(''),
  intervalSeconds: z.number().min(0).max(86_400).default(30),
  timeoutSeconds: z.number().min(0).max(86_400).default(30),
  retries: z.number().int().min(0).max(100).default(3),
  startPeriodSeconds: z.number().min(0).max(86_400).default(0),
});

export const containerName = z
  .string()
  .max(128)
  .regex(/^$|^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'letters, digits, "_", "." and "-", starting with a letter or digit');

export const runSpecSchema = z
  .strictObject({
    image: z.string().trim().min(1, 'an image is needed').max(512).regex(/^[^\s]+$/, 'no spaces in an image reference'),
    /** '' = the engine picks a name. */
    name: containerName.default(''),
    /** null = the image's own. */
    command: argv.nullable().default(null),
    entrypoint: argv.nullable().default(null),
    env: z.array(keyValue).max(1000).default([]),
    ports: z.array(portSpec).max(200).default([]),
    publishAll: z.boolean().default(false),
    mounts: z.array(mountSpec).max(100).default([]),
    /** '' = the engine's default bridge. */
    network: z.string().max(256).default(''),
    restart: restartSpec.default({ policy: 'no', maxRetries: 0 }),
    /** '' = no limit; else as `--memory` ("512m"). */
    memory: shortText
      .refine((t) => t.trim() === '' || parseMemory(t) !== null, 'a size such as 512m or 2g')
      .refine((t) => t.trim() === '' || (parseMemory(t) ?? Infinity) >= MIN_MEMORY_BYTES, 'at least 6m (the engine refuses less)')
      .default(''),
    /** '' = no limit; else as `--cpus` ("1.5"). */
    cpus: shortText.refine((t) => t.trim() === '' || parseCpus(t) !== null, 'a positive number such as 0.5 or 2').default(''),
    user: z.string().max(256).default(''),
    workdir: z.string().max(4096).regex(/^$|^\//, 'an absolute path (starting with /)').default(''),
    labels: z.array(labelPair).max(500).default([]),
    healthcheck: healthcheckSpec.default({ mode: 'image', test: '', intervalSeconds: 30, timeoutSeconds: 30, retries: 3, startPeriodSeconds: 0 }),
    autoRemove: z.boolean().default(false),
    /** `--init`: a tiny init as PID 1 that forwards signals, so a plain `sleep` stops at once. */
    init: z.boolean().default(false),
    interactive: z.boolean().default(false),
    tty: z.boolean().default(false),
  })
  .superRefine((spec, ctx) => {
    for (const issue of crossFieldIssues(spec)) ctx.addIssue({ code: 'custom', ...issue });
  });

export type RunSpec = z.output<typeof runSpecSchema>;
export type RunSpecInput = z.input<typeof runSpecSchema>;
export type PortSpec = RunSpec['ports'][number];
export type MountSpec = RunSpec['mounts'][number];
export type HealthcheckSpec = RunSpec['healthcheck'];

/** A run spec with every default filled in: what a new, empty dialog starts from. */
export function emptyRunSpec(image = ''): RunSpec {
  return { ...runSpecSchema.parse({ image: image || 'x' }), image };
}


type Issue = { path: (string | number)[]; message: string };

/**
 * Checks that span fields. Written defensively over a partial spec so the dialog gets them even while other
 * fields are still wrong (zod skips an object's refinements once one of its fields fails).
 */
function crossFieldIssues(spec: Partial<Record<keyof RunSpec, unknown>>): Issue[] {
  const issues: Issue[] = [];
  const mounts = Array.isArray(spec.mounts) ? (spec.mounts as Partial<MountSpec>[]) : [];
  const seenTargets = new Set<string>();
  mounts.forEach((m, i) => {
    const source = typeof m.source === 'string' ? m.source : '';
    if (m.type === 'bind' && !source.startsWith('/')) issues.push({ path: ['mounts', i, 'source'], message: 'a host path (starting with /)' });
    if (m.type === 'volume' && source !== '' && !/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(source)) {
      issues.push({ path: ['mounts', i, 'source'], message: 'a volume name: letters, digits, "_", "." and "-"' });
    }
    if (typeof m.target === 'string' && seenTargets.has(m.target)) issues.push({ path: ['mounts', i, 'target'], message: 'mounted twice' });
    if (typeof m.target === 'string') seenTargets.add(m.target);
  });
  const ports = Array.isArray(spec.ports) ? (spec.ports as Partial<PortSpec>[]) : [];
  const seenPorts = new Set<string>();
  ports.forEach((p, i) => {
    if (p.hostPort === null || p.hostPort === undefined) return;
    const key = `${p.hostIp ?? ''}:${p.hostPort}/${p.protocol ?? 'tcp'}`;
    if (seenPorts.has(key)) issues.push({ path: ['ports', i, 'hostPort'], message: 'this host port is already used above' });
    seenPorts.add(key);
  });
  const health = spec.healthcheck as Partial<HealthcheckSpec> | undefined;
  if (health?.mode === 'custom' && !(health.test ?? '').trim()) issues.push({ path: ['healthcheck', 'test'], message: 'a command to run as the check' });
  const restart = spec.restart as Partial<RunSpec['restart']> | undefined;
  if (spec.autoRemove === true && restart?.policy && restart.policy !== 'no') {
    issues.push({ path: ['autoRemove'], message: 'auto-remove cannot be combined with a restart policy' });
  }
  return issues;
}

/** Field errors keyed by dotted path ("memory", "ports.0.hostPort"), first message per field. */
export function runSpecFieldErrors(input: unknown): Record<string, string> {
  const result = runSpecSchema.safeParse(input);
  if (result.success) return {};
  const errors: Record<string, string> = {};
  const extra = typeof input === 'object' && input !== null ? crossFieldIssues(input) : [];
  for (const issue of [...result.error.issues, ...extra]) {
    const key = issue.path.join('.') || '(spec)';
    errors[key] ??= issue.message;
  }
  return errors;
}

