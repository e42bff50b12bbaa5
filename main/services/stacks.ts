import { promises as fs } from 'node:fs';
import path from 'node:path';
import { BerthError } from '../../preload/contract/errors';
import type {
  ComposeCliInfo,
  HistoryEntry,
  RememberedStack,
  ResolvedConfig,
  SaveResult,
  StackAction,
  StackDocument,
  StackDownPlan,
  StackDrift,
  StackFile,
  StackOptions,
  StackRunMessage,
  StackTemplate,
} from '../../preload/contract/stacks';
import type { FileStamp } from '../../preload/contract/stacks';
import { composeEnvFor, describeCli, detectComposeCli, projectArgs, requireCli, runProcess, verifyComposeCliPath, type ComposeCli } from '../engine/compose-cli';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';
import { mergeComposeFiles, serviceNameFor, toComposeService } from './container-run-compose';
import type { ContainersService } from './containers';
import type { LifecycleController } from './lifecycle';
import { locks } from './locks';
import type { SettingsFile } from './settings';
import { FileHistory, fileError, readStamped, removeStaleTemps, saveStackFile, writeAtomic } from './stacks-files';
import { COMPOSE_FILE_NAMES, defaultProjectName, isInside, notComposeReason, outlineOf, undefinedVariables } from './stacks-model';
import { compareConfigHashes, parseConfigHashes } from './stacks-drift';
import { createOutputReader } from './stacks-output';
import { parseDockerRun } from './stacks-run-parser';
import { STACK_TEMPLATE_FILES, STACK_TEMPLATE_TEXT } from './stacks-templates';

interface Target {
  engineId?: string | undefined;
  path: string;
  projectName?: string | undefined;
}

export interface RunInput extends Target {
  action: StackAction;
  services: string[];
  build: boolean;
  pull: 'default' | 'always' | 'missing' | 'never';
  forceRecreate: boolean;
  removeOrphans: boolean;
  removeVolumes: boolean;
  scale: { service: string; replicas: number }[];
}

interface RememberedEntry {
  path: string;
  openedAt: number;
  options?: StackOptions;
}

const NO_OPTIONS: StackOptions = { projectName: null, files: [], profiles: [], envFile: null };

/** The options as stored (settings written by an older Berth have none; anything malformed reads as none). */
function optionsOf(e: RememberedEntry | undefined): StackOptions {
  const o = e?.options;
  if (!o || typeof o !== 'object') return NO_OPTIONS;
  const strings = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    projectName: typeof o.projectName === 'string' ? o.projectName : null,
    files: strings(o.files),
    profiles: strings(o.profiles),
    envFile: typeof o.envFile === 'string' ? o.envFile : null,
  };
}

/** The compose project selection for a stack file with its options: every compose invocation uses exactly this. */
export function composeProject(file: string, options: StackOptions, projectNameOverride?: string) {
  const projectDir = path.dirname(file);
  return {
    name: projectNameOverride ?? options.projectName ?? defaultProjectName(projectDir),
    files: options.files.length > 0 ? options.files : [file],
    projectDir,
    profiles: options.profiles,
    envFile: options.envFile,
  };
}

const PROJECT_LABEL = 'com.docker.compose.project';
const MAX_REMEMBERED = 200;

/**
 * Compose stacks: the files (open, save with conflict detection and history, create from a template), the compose
 * CLI, and actions through it as operations on the lifecycle controller (one at a time per project).
 */
export class StacksService {
  private detected: Promise<{ cli: ComposeCli | null; problem: string | null }> | null = null;
  private readonly versions: FileHistory;
  private readonly takingDown: ((engineId: string, projectName: string) => Promise<unknown>)[] = [];

  constructor(
    private readonly engines: EngineRegistry,
    private readonly lifecycle: LifecycleController,
    private readonly settings: SettingsFile,
    private readonly containers: ContainersService,
  ) {
    // Previous versions of saved files live beside the settings: <config dir>/history/<hash of the path>/.
    this.versions = new FileHistory(path.join(path.dirname(settings.file), 'history'));
  }

  /** Runs `fn` before `down` or `stop` of a project (inside its operation): what lives with it ends first. */
  onTakingDown(fn: (engineId: string, projectName: string) => Promise<unknown>): void {
    this.takingDown.push(fn);
  }

  // ---- remembered stacks -------------------------------------------------------------------------------------

  private rememberedEntries(): RememberedEntry[] {
    const v = this.settings.get('stacks');
    const list = v && typeof v === 'object' && Array.isArray((v as { remembered?: unknown }).remembered) ? (v as { remembered: unknown[] }).remembered : [];
    return list.filter((e): e is RememberedEntry => typeof (e as RememberedEntry)?.path === 'string' && typeof (e as RememberedEntry).openedAt === 'number');
  }

  private remember(file: string, options?: StackOptions): void {
    const entries = this.rememberedEntries();
    const kept = options ?? entries.find((e) => e.path === file)?.options;
    const rest = entries.filter((e) => e.path !== file);
    this.settings.set('stacks', { remembered: [{ path: file, openedAt: Date.now(), ...(kept ? { options: kept } : {}) }, ...rest].slice(0, MAX_REMEMBERED) });
  }

  private optionsFor(file: string): StackOptions {
    return optionsOf(this.rememberedEntries().find((e) => e.path === file));
  }

  setOptions(input: { path: string; options: StackOptions }): Promise<StackOptions> {
    if (!this.rememberedEntries().some((e) => e.path === input.path)) throw new BerthError('NOT_FOUND', `${input.path} is not an opened stack; open it first.`);
    this.remember(input.path, input.options);
    return Promise.resolve(this.optionsFor(input.path));
  }

  async remembered(): Promise<RememberedStack[]> {
    return Promise.all(
      this.rememberedEntries().map(async (e) => {
        const dir = path.dirname(e.path);
        const file = await readStamped(e.path).catch(() => null);
        const options = optionsOf(e);
        return {
          path: e.path,
          openedAt: e.openedAt,
          projectName: options.projectName ?? defaultProjectName(dir),
          options,
          exists: file?.stamp != null,
          services: file?.stamp ? outlineOf(file.text, dir).services : [],
        };
      }),
    );
  }

  forget(input: { path: string }): Promise<void> {
    this.settings.set('stacks', { remembered: this.rememberedEntries().filter((e) => e.path !== input.path) });
    return Promise.resolve();
  }

  /**
   * Files Berth reads and writes for the renderer: the compose file of a remembered stack, and files inside its
   * folder (.env, Dockerfiles). Anything else is refused, so a page cannot use "save" to write anywhere.
   */
  private requireStackFile(file: string): void {
    const ok = this.rememberedEntries().some((e) => e.path === file || isInside(path.dirname(e.path), file));
    if (!ok) throw new BerthError('PERMISSION_DENIED', `${file} is not a file of an opened stack; open its stack first.`);
  }

  // ---- files -------------------------------------------------------------------------------------------------

  async open(input: { path: string }): Promise<StackDocument> {
    const st = await fs.stat(input.path).catch((err: unknown) => {
      throw fileError(err, input.path, 'read');
    });
    let file = input.path;
    if (st.isDirectory()) {
      const found = await firstExisting(COMPOSE_FILE_NAMES.map((n) => path.join(input.path, n)));
      if (!found) throw new BerthError('NOT_FOUND', `${input.path} has no compose file (${COMPOSE_FILE_NAMES.join(', ')}).`);
      file = found;
    }
    const doc = await this.document(file);
    await Promise.all([removeStaleTemps(file), removeStaleTemps(doc.env.path)]);
    this.remember(file);
    return doc;
  }

  private async document(file: string): Promise<StackDocument> {
    const compose = await readStamped(file);
    if (compose.stamp === null) throw new BerthError('NOT_FOUND', `${file} does not exist; it may have been moved or deleted.`);
    const notCompose = notComposeReason(compose.text, file);
    if (notCompose) throw new BerthError('INVALID_INPUT', `${file} is not a compose file: ${notCompose}.`);
    const workingDir = path.dirname(file);
    const env = await readStamped(path.join(workingDir, '.env')).catch(() => ({ path: path.join(workingDir, '.env'), text: '', stamp: null }) as StackFile);
    const outline = outlineOf(compose.text, workingDir);
    const dockerfiles = await Promise.all(
      outline.dockerfiles
        .filter((d) => isInside(workingDir, d.path))
        .map(async (d) => ({ ...d, exists: (await fs.stat(d.path).catch(() => null))?.isFile() ?? false })),
    );
    const options = this.optionsFor(file);
    return { path: file, workingDir, projectName: options.projectName ?? defaultProjectName(workingDir), compose, env, dockerfiles, services: outline.services, options };
  }

  async readFile(input: { path: string }): Promise<StackFile> {
    this.requireStackFile(input.path);
    return readStamped(input.path);
  }

  async save(input: { path: string; text: string; expected: FileStamp | null; force: boolean }): Promise<SaveResult> {
    this.requireStackFile(input.path);
    return saveStackFile(this.versions, input);
  }

  async history(input: { path: string }): Promise<HistoryEntry[]> {
    this.requireStackFile(input.path);
    return this.versions.list(input.path);
  }

  async historyRead(input: { path: string; id: string }): Promise<string> {
    this.requireStackFile(input.path);
    return this.versions.read(input.path, input.id);
  }

  async create(input: { dir: string; template: StackTemplate; fileName: string }): Promise<StackDocument> {
    const st = await fs.stat(input.dir).catch(() => null);
    if (st && !st.isDirectory()) throw new BerthError('INVALID_INPUT', `${input.dir} is a file, not a folder.`);
    if (!st) {
      const parent = await fs.stat(path.dirname(input.dir)).catch(() => null);
      if (!parent?.isDirectory()) throw new BerthError('NOT_FOUND', `${path.dirname(input.dir)} does not exist; pick a folder whose parent exists.`);
      await fs.mkdir(input.dir).catch((err: unknown) => {
        throw fileError(err, input.dir, 'save');
      });
    }
    const existing = await firstExisting(COMPOSE_FILE_NAMES.map((n) => path.join(input.dir, n)));
    if (existing) throw new BerthError('CONFLICT', `${existing} already exists; open it instead, or pick another folder.`);
    const file = path.join(input.dir, input.fileName);
    await writeAtomic(file, STACK_TEMPLATE_TEXT[input.template]);
    // The files the template's build needs, unless the folder has its own.
    for (const [name, text] of Object.entries(STACK_TEMPLATE_FILES[input.template] ?? {})) {
      const extra = path.join(input.dir, name);
      if (await fs.stat(extra).catch(() => null)) continue;
      await fs.mkdir(path.dirname(extra), { recursive: true });
      await writeAtomic(extra, text);
    }
    this.remember(file);
    return this.document(file);
  }

  // ---- conversions -------------------------------------------------------------------------------------------

  convertRun(input: { argv: string[] }): Promise<{ yaml: string; service: string; warnings: string[] }> {
    const { spec, warnings, shellEnv } = parseDockerRun(input.argv);
    if (!spec.image) throw new BerthError('INVALID_INPUT', 'That is not a `docker run` command with an image.');
    return Promise.resolve({ yaml: toComposeService(spec, { shellEnv }), service: serviceNameFor(spec), warnings });
  }

  /** One compose file for several containers: each one's service (from its run spec), merged. */
  async exportContainers(input: { engineId?: string | undefined; ids: string[] }): Promise<string> {
    const files: string[] = [];
    for (const id of input.ids) files.push(toComposeService(await this.containers.runSpecOf({ engineId: input.engineId, id })));
    return mergeComposeFiles(files);
  }

  // ---- compose CLI ---------------------------------------------------------------------------------------------

  private configuredCliPath(): string | null {
    const p = (this.settings.get('compose') as { cliPath?: unknown } | undefined)?.cliPath;
    return typeof p === 'string' && p.startsWith('/') ? p : null;
  }

  private detect() {
    this.detected ??= detectComposeCli(this.configuredCliPath());
    return this.detected;
  }

  async cli(): Promise<ComposeCliInfo> {
    const { cli, problem } = await this.detect();
    return describeCli(cli, this.configuredCliPath(), problem);
  }

  async setCliPath(input: { path: string | null }): Promise<ComposeCliInfo> {
    // Checked before it is stored: whatever is stored here runs with every stack action.
    if (input.path) await verifyComposeCliPath(input.path);
    this.settings.set('compose', input.path ? { cliPath: input.path } : null);
    this.detected = null;
    return this.cli();
  }

  /** Everything a compose invocation for this stack needs: the CLI, the engine, the project, its environment. */
  async compose(t: Target) {
    const { cli, problem } = await this.detect();
    const engine = this.engines.get(t.engineId);
    const project = composeProject(t.path, this.optionsFor(t.path), t.projectName);
    return {
      cli: requireCli(cli, problem),
      engine,
      name: project.name,
      projectDir: project.projectDir,
      files: project.files,
      env: composeEnvFor(engine.endpointCandidate),
      args: (c: ComposeCli) => projectArgs(c, project),
    };
  }

  async config(t: Target): Promise<ResolvedConfig> {
    const c = await this.compose(t);
    const r = await runProcess(c.cli.bin, [...c.args(c.cli), 'config'], { cwd: c.projectDir, env: c.env, timeoutMs: 30_000 });
    const ok = r.code === 0;
    return { ok, text: ok ? r.stdout : '', undefinedVariables: undefinedVariables(r.stderr), error: ok ? null : cleanComposeError(r.stderr) };
  }

  async drift(t: Target): Promise<StackDrift> {
    const c = await this.compose(t);
    const r = await runProcess(c.cli.bin, [...c.args(c.cli), 'config', '--hash=*'], { cwd: c.projectDir, env: c.env, timeoutMs: 30_000 });
    if (r.code !== 0) return { changed: [], added: [], removed: [], error: cleanComposeError(r.stderr) };
    try {
      const containers = await c.engine.api.listContainers({ all: true, filters: { label: [`${PROJECT_LABEL}=${c.name}`] } });
      const labelled = containers.map((ct) => ({
        service: ct.Labels['com.docker.compose.service'] ?? '',
        hash: ct.Labels['com.docker.compose.config-hash'],
        composeVersion: ct.Labels['com.docker.compose.version'],
      }));
      return compareConfigHashes(parseConfigHashes(r.stdout), labelled, c.cli.kind);
    } catch (err) {
      throw toBerthError(err, `compare ${c.name} with its compose file`);
    }
  }

  async planDown(t: Target): Promise<StackDownPlan> {
    const c = await this.compose(t);
    const api = c.engine.api;
    const filters = { label: [`${PROJECT_LABEL}=${c.name}`] };
    try {
      const [containers, networks, volumes] = await Promise.all([
        api.listContainers({ all: true, filters }),
        api.listNetworks({ filters }),
        api.listVolumes({ filters }),
      ]);
      const anonymous = new Set<string>();
      for (const ct of containers) for (const m of ct.Mounts ?? []) if (m.Type === 'volume' && m.Name && /^[0-9a-f]{64}$/.test(m.Name)) anonymous.add(m.Name);
      return {
        projectName: c.name,
        containers: containers
          .map((ct) => ({ id: ct.Id, name: (ct.Names[0] ?? ct.Id).replace(/^\//, ''), service: ct.Labels['com.docker.compose.service'] ?? '', state: ct.State }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        networks: networks.map((n) => n.Name).sort(),
        volumes: (volumes.Volumes ?? [])
          .filter((v) => !/^[0-9a-f]{64}$/.test(v.Name))
          .map((v) => ({ name: v.Name, driver: v.Driver, mountpoint: v.Mountpoint }))
          .sort((a, b) => a.name.localeCompare(b.name)),
        anonymousVolumes: anonymous.size,
      };
    } catch (err) {
      throw toBerthError(err, `work out what stopping ${c.name} removes`);
    }
  }

  /** The compose arguments for one action (after the project arguments). */
  static actionArgs(input: RunInput, kind: ComposeCli['kind']): string[] {
    const args: string[] = [input.action];
    if (input.action === 'up') {
      args.push('-d');
      if (input.build) args.push('--build');
      if (input.pull !== 'default' && kind === 'v2') args.push('--pull', input.pull);
      if (input.forceRecreate) args.push('--force-recreate');
      if (input.removeOrphans) args.push('--remove-orphans');
      for (const s of input.scale) args.push('--scale', `${s.service}=${s.replicas}`);
      if (input.scale.length > 0) args.push('--no-recreate');
    }
    if (input.action === 'down') {
      if (input.removeVolumes) args.push('--volumes');
      if (input.removeOrphans) args.push('--remove-orphans');
      return args; // down takes no service names
    }
    if (input.action === 'stop' || input.action === 'restart') args.push('-t', '10');
    return [...args, ...input.services];
  }

  async run(input: RunInput, send: (m: StackRunMessage) => void, callerSignal: AbortSignal): Promise<void> {
    const c = await this.compose(input);
    const file = await readStamped(input.path);
    if (file.stamp === null) throw new BerthError('NOT_FOUND', `${input.path} does not exist; it may have been moved or deleted.`);
    const services = outlineOf(file.text, c.projectDir).services;
    const read = createOutputReader(c.name, services);
    const failures: { service: string | null; message: string }[] = [];

    const label = `${input.action}${input.services.length ? ` ${input.services.join(', ')}` : ''} of ${c.name}`;
    await this.lifecycle.run(locks.stack(c.engine.id, c.name), label, async (op) => {
      const { signal } = op;
      const emit = (m: StackRunMessage) => {
        if (m.type === 'line') op.detail(m.text);
        // A failed run arrives as an exit message, not an error: the operations panel still shows it failed.
        if (m.type === 'exit' && !m.ok) op.fail(m.failures.map((f) => (f.service ? `${f.service}: ${f.message}` : f.message)).join('; ') || `compose exited with code ${m.code}`);
        send(m);
      };
      const exec = async (args: string[]): Promise<number | null> => {
        const full = [...c.args(c.cli), ...args];
        emit({ type: 'start', command: [c.cli.bin, ...full].join(' ') });
        let lastErr = '';
        const r = await runProcess(c.cli.bin, full, {
          cwd: c.projectDir,
          env: c.env,
          signal,
          onLine: (stream, text) => {
            if (!text.trim()) return;
            const reading = read(text);
            if (stream === 'stderr' && /error/i.test(text)) lastErr = text;
            emit({ type: 'line', stream, text, service: reading.service });
            if (reading.progress) emit({ type: 'service', ...reading.progress });
            if (reading.failure) failures.push(reading.failure);
          },
        });
        if (r.code !== 0 && failures.length === 0) failures.push({ service: null, message: cleanComposeError(lastErr || r.stderr) || `compose exited with code ${r.code}` });
        return r.code;
      };

      if (input.action === 'up') {
        // Compose checks the file before anything runs; a broken file fails here, with compose's own message.
        const check = await runProcess(c.cli.bin, [...c.args(c.cli), 'config', '-q'], { cwd: c.projectDir, env: c.env, signal });
        if (check.code !== 0) {
          const message = cleanComposeError(check.stderr) || 'the compose file is not valid';
          emit({ type: 'line', stream: 'stderr', text: message, service: null });
          emit({ type: 'exit', ok: false, code: check.code, failures: [{ service: null, message: `Nothing was started: ${message}` }] });
          return;
        }
        if (input.pull === 'always' && c.cli.kind === 'v1') {
          // compose v1 has no `up --pull`: pull first, as `--pull always` would.
          const code = await exec(['pull', ...input.services]);
          if (code !== 0) {
            emit({ type: 'exit', ok: false, code, failures });
            return;
          }
        }
      }
      if ((input.action === 'down' || input.action === 'stop') && input.services.length === 0) {
        for (const fn of this.takingDown) await fn(c.engine.id, c.name);
      }
      const code = await exec(StacksService.actionArgs(input, c.cli.kind));
      if (signal.aborted) return;
      emit({ type: 'exit', ok: code === 0, code, failures });
    }, { kind: 'compose', signal: callerSignal });
  }
}

async function firstExisting(files: string[]): Promise<string | null> {
  for (const f of files) {
    const st = await fs.stat(f).catch(() => null);
    if (st?.isFile()) return f;
  }
  return null;
}

/** Compose's error text without its `ERROR:` prefixes and warnings, for a person. */
export function cleanComposeError(stderr: string): string {
  return stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^WARNING:|level=warning/.test(l))
    .map((l) => l.replace(/^ERROR:\s*/, ''))
    .join('\n')
    .trim();
}
