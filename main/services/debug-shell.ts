import type { AreaImplementation, AreaInputs, EngineInput } from '../../preload/contract';
import type Docker from 'dockerode';
import type { CallContext } from '../../preload/contract/define';
import { DEBUG_TARGET_LABEL, DEFAULT_DEBUG_TOOLBOX, type DebugShellMessage, type DebugToolboxInfo } from '../../preload/contract/debug-shell';
import { BerthError } from '../../preload/contract/errors';
import type { TerminalMessage } from '../../preload/contract/terminal';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';
import type { SettingsFile } from './settings';
import { STOP_GRACE_MS, type TerminalService } from './terminal';
import { helperLabels } from './volumes-helper';

const SETTING = 'debugShell';
/** Where a debug shell starts: the target's root as its PID 1 sees it (the helper shares the target's PID namespace). */
export const LIVE_WORKDIR = '/proc/1/root';
/** Where a stopped target's files are copied in the helper. */
export const FILES_WORKDIR = '/target';
/** How long a toolbox pull may take before the debug shell gives up on it. */
const PULL_TIMEOUT_MS = 120_000;

export type DebugOpenInput = AreaInputs<'debugShell'>['open'];

/**
 * Debug shells for containers without a shell (distroless, scratch, slim): a helper container from a small toolbox
 * image joins the target's PID and network namespaces (`docker run --pid container:X --network container:X`), so its
 * tools see the target's processes, ports and, through /proc/1/root, its files; the shell itself is an ordinary
 * terminal session in the helper. The helper is removed when the session ends, however it ends; the target is never
 * changed. A stopped target has no namespaces to join: its files are copied into the helper instead (nothing of the
 * user's is started or committed).
 */
export class DebugShellService implements AreaImplementation<'debugShell'> {
  /** Helpers alive now, so closing Berth removes them even while their sessions are still winding down. */
  private readonly helpers = new Set<Docker.Container>();

  constructor(
    private readonly engines: EngineRegistry,
    private readonly terminal: TerminalService,
    private readonly settings: SettingsFile,
    private readonly labels: Record<string, string> = helperLabels(),
  ) {}

  private configured(): string | null {
    const v = (this.settings.get(SETTING) as { toolboxImage?: unknown } | undefined)?.toolboxImage;
    return typeof v === 'string' && v ? v : null;
  }

  async toolbox(input: EngineInput): Promise<DebugToolboxInfo> {
    const configured = this.configured();
    const image = configured ?? DEFAULT_DEBUG_TOOLBOX;
    const present = await this.engines
      .get(input.engineId)
      .api.getImage(image)
      .inspect()
      .then(
        () => true,
        () => false,
      );
    return { image, configured, present };
  }

  setToolbox(input: AreaInputs<'debugShell'>['setToolbox']): Promise<DebugToolboxInfo> {
    this.settings.set(SETTING, input.image && input.image !== DEFAULT_DEBUG_TOOLBOX ? { toolboxImage: input.image } : null);
    return this.toolbox(input);
  }

  async open(input: DebugOpenInput, emit: (m: DebugShellMessage) => void, signal: AbortSignal, ctx: CallContext): Promise<void> {
    const api = this.engines.get(input.engineId).api;
    const target = api.getContainer(input.containerId);
    let info: Docker.ContainerInspectInfo;
    try {
      info = await target.inspect();
    } catch (err) {
      throw toBerthError(err, 'open a debug shell');
    }
    const name = info.Name.replace(/^\//, '');
    if (info.State.Paused) {
      // A paused target's processes are frozen: joining its namespaces works but every tool that reads them hangs.
      throw new BerthError('CONFLICT', `"${name}" is paused; unpause it to debug it.`, { reason: 'not-running' });
    }
    const live = info.State.Running;
    const image = await this.ensureToolbox(api, this.engines.get(input.engineId).id, signal);
    const workingDir = live ? LIVE_WORKDIR : FILES_WORKDIR;

    let helper: Docker.Container;
    try {
      helper = await api.createContainer({
        Image: image,
        // The helper only has to stay up while the shell runs in it; the shell is an exec, like any terminal.
        Entrypoint: [],
        Cmd: ['sleep', '2147483647'],
        Labels: { ...this.labels, [DEBUG_TARGET_LABEL]: info.Id },
        WorkingDir: live ? '/' : FILES_WORKDIR,
        ...(live ? {} : { NetworkDisabled: true }),
        HostConfig: live
          ? {
              PidMode: `container:${info.Id}`,
              NetworkMode: `container:${info.Id}`,
              // Reading another process's /proc/<pid>/root and environ (and strace) is a ptrace access.
              CapAdd: ['SYS_PTRACE'],
              // When the target stops, its PID namespace ends and the helper with it: the engine removes it then.
              AutoRemove: true,
            }
          : { NetworkMode: 'none', AutoRemove: true },
      });
    } catch (err) {
      throw toBerthError(err, `start a debug helper for "${name}"`);
    }

    this.helpers.add(helper);
    try {
      try {
        await helper.start();
        // The archive API unpacks it (not an exec: the toolbox needs no tar). The copy is the helper's own: edits in
        // it never reach the stopped container.
        if (!live) await helper.putArchive(await target.export(), { path: FILES_WORKDIR });
      } catch (err) {
        throw toBerthError(err, `start a debug helper for "${name}"`);
      }
      if (signal.aborted) return;
      emit({ type: 'debug', helperId: helper.id, toolbox: image, reach: live ? 'live' : 'files', workingDir });
      let exit: Extract<TerminalMessage, { type: 'exit' }> | null = null;
      // The target stopping ends the session even where the engine keeps the helper's shell alive meanwhile (Docker
      // 20.10 does not always end a process that joined a PID namespace whose first process died).
      const targetGone = new AbortController();
      const offEvent = live
        ? this.engines.get(input.engineId).onEvent((ev) => {
            const id = ev.Actor?.ID ?? ev.id ?? '';
            if (ev.Type === 'container' && id === info.Id && (ev.Action === 'die' || ev.Action === 'destroy')) targetGone.abort();
          })
        : () => {};
      let failure: unknown = null;
      try {
        await this.terminal.open(
          { engineId: input.engineId, containerId: helper.id, mode: 'exec', command: shellIn(workingDir, name), cols: input.cols, rows: input.rows },
          (m) => {
            if (m.type === 'exit') exit = m;
            else emit(m);
          },
          AbortSignal.any([signal, targetGone.signal]),
          ctx,
        );
      } catch (err) {
        failure = err;
      } finally {
        offEvent();
      }
      if (signal.aborted) return; // the user closed it: nothing to say
      // What the user needs to know is whether the container they debug still runs, not the helper.
      const ended = exit as Extract<TerminalMessage, { type: 'exit' }> | null;
      const killed = failure !== null || ended === null || ended.code === null || ended.code > 128;
      if (live && killed && !targetGone.signal.aborted) {
        // The shell was killed: its PID namespace may have ended with the target, whose state lags the shell's end.
        await target.wait({ condition: 'not-running', abortSignal: AbortSignal.timeout(STOP_GRACE_MS) }).catch(() => undefined);
      }
      const targetRunning = await target.inspect().then(
        (t) => t.State.Running,
        () => false,
      );
      if (failure && targetRunning) throw failure;
      emit({ type: 'exit', code: ended?.code ?? null, containerRunning: targetRunning });
    } finally {
      await helper.remove({ force: true }).catch(() => undefined);
      this.helpers.delete(helper);
    }
  }

  /** Removes every helper still there (Berth is closing). */
  async close(): Promise<void> {
    await Promise.all([...this.helpers].map((h) => h.remove({ force: true }).catch(() => undefined)));
    this.helpers.clear();
  }

  /** The toolbox image, pulled when it is not on the engine; a clear message naming it and the setting when it cannot be. */
  private async ensureToolbox(api: Docker, engineId: string, signal: AbortSignal): Promise<string> {
    const image = this.configured() ?? DEFAULT_DEBUG_TOOLBOX;
    if (await api.getImage(image).inspect().then(() => true, () => false)) return image;
    const timeout = AbortSignal.timeout(PULL_TIMEOUT_MS);
    try {
      const stream = await api.pull(image, { abortSignal: AbortSignal.any([signal, timeout]) } as object);
      await new Promise<void>((resolve, reject) =>
        api.modem.followProgress(stream, (err: Error | null, out: { error?: string }[]) => {
          const failed = out?.find((m) => m.error);
          if (err || failed) reject(err ?? new Error(failed!.error));
          else resolve();
        }),
      );
      return image;
    } catch (err) {
      if (signal.aborted) throw new BerthError('CANCELLED', 'Opening the debug shell was cancelled.');
      const why = timeout.aborted ? `the pull took more than ${PULL_TIMEOUT_MS / 1000} s` : engineReason(err);
      throw new BerthError(
        'NOT_FOUND',
        `The debug toolbox image "${image}" is not on the engine "${engineId}" and could not be pulled (${why}). Pull or build it yourself, or choose another toolbox image in Settings → Debug shell.`,
        { reason: 'toolbox-missing', image },
      );
    }
  }
}

/**
 * The shell, started in `dir` by the shell itself: runc refuses an exec whose working directory is outside the
 * container's mount namespace ("current working directory is outside of container mount namespace root -- possible
 * container breakout detected", the CVE-2024-21626 fix), which /proc/1/root of another container is.
 */
export function shellIn(dir: string, targetName: string): string[] {
  // PWD set by hand: the shell cannot work it out (getcwd fails for a directory outside its own root), and the
  // prompt says whose files these are.
  const script = [
    'if cd "$1" 2>/dev/null; then export PWD="$1"; else echo "berth: could not enter $1; the target\'s files are not reachable from here" >&2; fi',
    'export PS1="[debug $2] \\$PWD # "',
    'exec sh',
  ].join('\n');
  return ['sh', '-c', script, 'berth-debug', dir, targetName];
}

function engineReason(err: unknown): string {
  const e = err as { json?: { message?: unknown }; message?: unknown } | null;
  const m = typeof e?.json?.message === 'string' ? e.json.message : typeof e?.message === 'string' ? e.message : String(err);
  return m.replace(/^\(HTTP code \d+\)\s*[a-z ]*-\s*/i, '').trim();
}
