import { spawn, type ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { BerthError } from '../../preload/contract/errors';
import type { ComposeWatchMessage, ComposeWatchState, ComposeWatchSupport } from '../../preload/contract/stacks';
import type { EngineRegistry } from '../engine/registry';
import type { AreaImplementation, AreaInputs } from '../../preload/contract';
import type { StackCompose } from './stacks-compose';
import { cleanWatchLine, isWatchingLine, watchedServicesOf, watchSupportOf } from './stacks-watch-model';

type Inputs = AreaInputs<'stacks'>['composeWatch'];
type Target = Inputs['start'];
type Implementation = AreaImplementation<'stacks'>['composeWatch'];

/** Lines kept per watch, replayed to a page that opens while it runs. */
const KEEP_LINES = 500;
/** Lines a state carries (what a watch that died said last). */
const LAST_LINES = 12;
/** How long a watch may take to end after SIGINT before its process group is killed. */
const STOP_GRACE_MS = 5000;

interface Watch {
  state: ComposeWatchState;
  child: ChildProcess | null;
  lines: ComposeWatchMessage[];
  listeners: Set<(m: ComposeWatchMessage) => void>;
  stopReason: string | null;
  exited: Promise<void>;
}

/**
 * `compose watch` per stack and engine: a long-running compose process, not an operation (it has no end of its
 * own), so it lives here rather than on the lifecycle controller. It runs in a process group of its own: the v2
 * plugin is a child of `docker`, and stopping has to reach both (SIGINT, which compose handles by ending cleanly, then
 * SIGKILL for the group if it lingers). A watch that ends without being asked to is kept as `failed` with its last
 * lines, so the page can say why.
 */
export class ComposeWatches implements Implementation {
  private readonly watches = new Map<string, Watch>();
  private readonly stateListeners = new Set<(states: ComposeWatchState[]) => void>();

  constructor(
    private readonly engines: EngineRegistry,
    private readonly stacks: StackCompose,
  ) {
    stacks.onTakingDown((engineId, projectName) => this.stopKey(keyOf(engineId, projectName), 'the stack was taken down'));
  }

  async support(t: Target): Promise<ComposeWatchSupport> {
    const info = await this.stacks.cli();
    const { supported, reason } = watchSupportOf(info);
    const c = await this.stacks.compose(t).catch(() => null);
    const files = c?.files ?? [t.path];
    const texts = await Promise.all(files.map((f) => fs.readFile(f, 'utf8').catch(() => '')));
    const services = [...new Set(texts.flatMap((text) => watchedServicesOf(text)))];
    return { supported, reason, services };
  }

  current(): ComposeWatchState[] {
    return [...this.watches.values()].map((w) => w.state);
  }

  async start(t: Target): Promise<ComposeWatchState> {
    const support = await this.support(t);
    if (!support.supported) throw new BerthError('CONFLICT', support.reason ?? 'This compose has no watch.', { reason: 'watch-unsupported' });
    if (support.services.length === 0) {
      throw new BerthError('CONFLICT', `No service of ${t.path} has a develop.watch section: there is nothing for compose watch to do.`, { reason: 'nothing-to-watch' });
    }
    const c = await this.stacks.compose(t);
    const key = keyOf(c.engine.id, c.name);
    const existing = this.watches.get(key);
    if (existing && (existing.state.phase === 'starting' || existing.state.phase === 'watching')) return existing.state;
    if (existing?.state.phase === 'stopping') await existing.exited;

    const args = [...c.args(c.cli), 'watch'];
    const child = spawn(c.cli.bin, args, { cwd: c.projectDir, env: c.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let exited: () => void = () => {};
    const watch: Watch = {
      state: { engineId: c.engine.id, projectName: c.name, path: t.path, phase: 'starting', startedAt: Date.now(), endedAt: null, message: null, lastLines: [] },
      child,
      lines: [],
      listeners: existing?.listeners ?? new Set(),
      stopReason: null,
      exited: new Promise<void>((resolve) => (exited = resolve)),
    };
    this.watches.set(key, watch);
    this.line(watch, 'stdout', `$ ${[c.cli.bin, ...args].join(' ')}`);
    this.publish(watch);

    const partial = { stdout: '', stderr: '' };
    const take = (stream: 'stdout' | 'stderr') => (chunk: Buffer) => {
      const parts = (partial[stream] + chunk.toString('utf8')).split('\n');
      partial[stream] = parts.pop()!;
      for (const raw of parts) this.line(watch, stream, cleanWatchLine(raw));
    };
    child.stdout!.on('data', take('stdout'));
    child.stderr!.on('data', take('stderr'));
    const ended = (code: number | null, signal: NodeJS.Signals | null, err?: Error) => {
      if (watch.child === null) return;
      watch.child = null;
      for (const stream of ['stdout', 'stderr'] as const) if (partial[stream]) this.line(watch, stream, cleanWatchLine(partial[stream]));
      const asked = watch.stopReason !== null;
      watch.state = {
        ...watch.state,
        phase: asked ? 'stopped' : 'failed',
        endedAt: Date.now(),
        message: asked
          ? watch.stopReason
          : err
            ? `compose watch could not run: ${err.message}`
            : `compose watch ended by itself (${signal ? `signal ${signal}` : `exit code ${code}`}); nothing is watching ${c.name} now.`,
        lastLines: watch.lines.flatMap((m) => (m.type === 'line' ? [m.text] : [])).slice(-LAST_LINES),
      };
      this.publish(watch);
      exited();
    };
    child.once('error', (err) => ended(null, null, err));
    child.once('close', (code, signal) => ended(code, signal));
    return watch.state;
  }

  async stop(t: Target): Promise<ComposeWatchState | null> {
    const c = await this.stacks.compose(t);
    return this.stopKey(keyOf(c.engine.id, c.name), 'turned off');
  }

  private async stopKey(key: string, reason: string): Promise<ComposeWatchState | null> {
    const watch = this.watches.get(key);
    if (!watch) return null;
    const child = watch.child;
    if (child?.pid) {
      watch.stopReason ??= reason;
      if (watch.state.phase !== 'stopping') {
        watch.state = { ...watch.state, phase: 'stopping' };
        this.publish(watch);
      }
      signalGroup(child.pid, 'SIGINT');
      const timer = setTimeout(() => signalGroup(child.pid!, 'SIGKILL'), STOP_GRACE_MS);
      await watch.exited;
      clearTimeout(timer);
    }
    return watch.state;
  }

  /** Ends every watch (the app is closing): nothing is left running. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.watches.keys()].map((k) => this.stopKey(k, 'Berth closed')));
  }

  async states(_input: unknown, emit: (states: ComposeWatchState[]) => void, signal: AbortSignal): Promise<void> {
    emit(this.current());
    this.stateListeners.add(emit);
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    this.stateListeners.delete(emit);
  }

  async output(input: Inputs['output'], emit: (m: ComposeWatchMessage) => void, signal: AbortSignal): Promise<void> {
    const key = keyOf(this.engines.get(input.engineId).id, input.projectName);
    const watch = this.watches.get(key);
    if (!watch) throw new BerthError('NOT_FOUND', `compose watch has not run for ${input.projectName} since Berth started.`);
    for (const m of watch.lines) emit(m);
    emit({ type: 'state', state: watch.state });
    // A later start of the same stack keeps this set, so the page follows the new run too.
    watch.listeners.add(emit);
    await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    (this.watches.get(key)?.listeners ?? watch.listeners).delete(emit);
  }

  private line(watch: Watch, stream: 'stdout' | 'stderr', text: string): void {
    if (!text.trim()) return;
    const m: ComposeWatchMessage = { type: 'line', stream, text, at: Date.now() };
    watch.lines.push(m);
    if (watch.lines.length > KEEP_LINES) watch.lines.splice(0, watch.lines.length - KEEP_LINES);
    for (const l of watch.listeners) l(m);
    if (watch.state.phase === 'starting' && isWatchingLine(text)) {
      watch.state = { ...watch.state, phase: 'watching' };
      this.publish(watch);
    }
  }

  private publish(watch: Watch): void {
    for (const l of watch.listeners) l({ type: 'state', state: watch.state });
    const states = this.current();
    for (const l of this.stateListeners) l(states);
  }
}

function keyOf(engineId: string, projectName: string): string {
  return `${engineId}/${projectName}`;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is gone already.
  }
}
