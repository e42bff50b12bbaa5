import { BerthError } from '../../preload/contract/errors';
import type { ComposeCliInfo, ResolvedConfig, StackDownPlan, StackDrift, StackRunMessage } from '../../preload/contract/stacks';
import { composeEnvFor, describeCli, detectComposeCli, projectArgs, requireCli, runProcess, verifyComposeCliPath, type ComposeCli } from '../engine/compose-cli';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';
import type { LifecycleController } from './lifecycle';
import { locks } from './locks';
import type { SettingsFile } from './settings';
import { readStamped } from './stacks-files';
import { outlineOf, undefinedVariables } from './stacks-model';
import { compareConfigHashes, parseConfigHashes } from './stacks-drift';
import { createOutputReader } from './stacks-output';
import type { AreaInputs } from '../../preload/contract';
import type { StacksService } from './stacks';
import { composeProject } from './stacks';

export type RunInput = AreaInputs<'stacks'>['run'];
const PROJECT_LABEL = 'com.docker.compose.project';

type Target = AreaInputs<'stacks'>['config'];

/**
 * Running compose for a stack: the compose CLI (found like the docker CLI would, or the one chosen in Settings),
 * the resolved config, drift against what runs, the plan of a `down`, and the actions themselves as operations on
 * the lifecycle controller, one at a time per project.
 */
export class StackCompose {
  private detected: Promise<{ cli: ComposeCli | null; problem: string | null }> | null = null;
  private readonly takingDown: ((engineId: string, projectName: string) => Promise<unknown>)[] = [];

  constructor(
    private readonly engines: EngineRegistry,
    private readonly lifecycle: LifecycleController,
    private readonly settings: SettingsFile,
    private readonly stacks: StacksService,
  ) {}

  /** Runs `fn` before `down` or `stop` of a project (inside its operation): what lives with it ends first. */
  onTakingDown(fn: (engineId: string, projectName: string) => Promise<unknown>): void {
    this.takingDown.push(fn);
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
    const project = composeProject(t.path, this.stacks.optionsFor(t.path), t.projectName);
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
      const code = await exec(StackCompose.actionArgs(input, c.cli.kind));
      if (signal.aborted) return;
      emit({ type: 'exit', ok: code === 0, code, failures });
    }, { kind: 'compose', signal: callerSignal });
  }
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
