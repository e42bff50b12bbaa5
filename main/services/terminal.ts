import type { AreaImplementation, AreaInputs } from '../../preload/contract';
import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type { CallContext } from '../../preload/contract/define';
import { BerthError } from '../../preload/contract/errors';
import type { TerminalMessage } from '../../preload/contract/terminal';
import { DEFAULT_ENGINE_ID, type EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';
import { TerminalOutput } from './terminal-output';

export type OpenInput = AreaInputs<'terminal'>['open'];

interface Session {
  id: string;
  engineId: string;
  clientId: string;
  socket: Duplex;
  output: TerminalOutput;
  resize(cols: number, rows: number): Promise<unknown>;
}

/**
 * A session's key among all engines' sessions. Session ids are random, but the container ids they run in are not
 * unique across engines (twin contexts of one daemon, copies of one machine): the engine is part of every lookup,
 * so a call naming one engine's session can never reach another's.
 */
export function sessionKey(engineId: string | undefined, sessionId: string): string {
  return `${engineId ?? DEFAULT_ENGINE_ID}/${sessionId}`;
}

/** Every process a session starts carries this variable, so the session can be ended by killing exactly them. */
export const SESSION_ENV = 'BERTH_TERM_SESSION';

/** How long a session that ended by a signal waits for its container to report stopping. */
export const STOP_GRACE_MS = 1500;

/** Shells tried for `command: 'auto'`, best first. */
const SHELLS = ['bash', 'sh'] as const;

/**
 * Terminals in containers: an exec with a TTY over a hijacked connection (or an attach to the main process),
 * bytes in and out untouched. A session belongs to the client that opened it; cancelling its stream ends it.
 */
/**
 * Podman (4.x) answers a resize with 201 Created where Docker answers 200; docker-modem's status map for the resize
 * endpoints knows only 200 and reports 201 as an error. The terminal was resized: not an error.
 */
function createdIsDone(err: unknown): void {
  if ((err as { statusCode?: unknown } | null)?.statusCode === 201) return;
  throw err;
}

export class TerminalService implements AreaImplementation<'terminal'> {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly engines: EngineRegistry) {}

  /** For tests and diagnostics. */
  get openSessions(): number {
    return this.sessions.size;
  }

  async open(input: OpenInput, emit: (m: TerminalMessage) => void, signal: AbortSignal, ctx: CallContext): Promise<void> {
    const engine = this.engines.get(input.engineId);
    const docker = engine.api;
    const container = docker.getContainer(input.containerId);
    let info: Docker.ContainerInspectInfo;
    try {
      info = await container.inspect({ abortSignal: signal } as object);
    } catch (err) {
      throw toBerthError(err, 'open a terminal');
    }
    const name = info.Name.replace(/^\//, '');
    if (!info.State.Running || info.State.Paused) {
      throw new BerthError(
        'CONFLICT',
        `"${name}" is ${info.State.Paused ? 'paused' : 'not running'}; start it to open a terminal.`,
        { reason: 'not-running' },
      );
    }

    const id = randomBytes(8).toString('hex');
    let socket: Duplex;
    let shell: string[];
    let resize: (cols: number, rows: number) => Promise<unknown>;
    let exec: Docker.Exec | null = null;
    try {
      if (input.mode === 'attach') {
        if (!info.Config.Tty || !info.Config.OpenStdin) {
          throw new BerthError(
            'CONFLICT',
            `"${name}" was not started with a terminal and stdin (docker run -it); open a shell in it instead.`,
            { reason: 'not-attachable' },
          );
        }
        socket = (await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as Duplex;
        shell = ['attach'];
        resize = (cols, rows) => container.resize({ h: rows, w: cols }).catch(createdIsDone);
      } else {
        shell = input.command === 'auto' ? await this.pickShell(container, name, signal) : input.command;
        const env = [`${SESSION_ENV}=${id}`, 'TERM=xterm-256color', 'COLORTERM=truecolor'];
        exec = await container.exec({
          Cmd: shell,
          AttachStdin: true,
          AttachStdout: true,
          AttachStderr: true,
          Tty: true,
          Env: env,
          ...(input.user ? { User: input.user } : {}),
          ...(input.workingDir ? { WorkingDir: input.workingDir } : {}),
        });
        socket = await exec.start({ hijack: true, stdin: true, Tty: true });
        const started = exec;
        resize = (cols, rows) => started.resize({ h: rows, w: cols }).catch(createdIsDone);
      }
    } catch (err) {
      throw explain(err, name);
    }

    if (signal.aborted) {
      socket.destroy();
      if (exec) await this.killSession(container, id);
      return;
    }

    const output = new TerminalOutput({
      emit: (data) => emit({ type: 'data', data }),
      pause: (paused) => (paused ? socket.pause() : socket.resume()),
    });
    const key = sessionKey(engine.id, id);
    const session: Session = { id, engineId: engine.id, clientId: ctx.clientId, socket, output, resize };
    this.sessions.set(key, session);

    let engineGone = false;
    let ended: () => void = () => {};
    const done = new Promise<void>((resolve) => (ended = resolve));
    const offStatus = engine.onStatus((s) => {
      if (s.state !== 'connected') {
        engineGone = true;
        ended();
      }
    });
    const onAbort = () => ended();
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('data', (chunk: Uint8Array) => output.push(chunk));
    socket.once('end', () => ended());
    socket.once('close', () => ended());
    socket.once('error', () => ended());

    try {
      await resize(input.cols, input.rows).catch(() => undefined);
      emit({ type: 'ready', sessionId: id, shell, mode: input.mode });
      await done;
      output.flush();
      if (signal.aborted) {
        socket.destroy();
        // Closing the connection does not end an exec's process (the engine keeps it running): kill it.
        if (exec) await this.killSession(container, id);
        return;
      }
      if (engineGone) {
        throw new BerthError('ENGINE_UNREACHABLE', `The engine went away; the terminal in "${name}" ended. Reopen it when the engine is back.`);
      }
      emit(await this.exitOf(container, exec));
    } finally {
      signal.removeEventListener('abort', onAbort);
      offStatus();
      output.dispose();
      socket.destroy();
      this.sessions.delete(key);
    }
  }

  async write(input: AreaInputs<'terminal'>['write'], ctx: CallContext): Promise<void> {
    const s = this.session(input, ctx);
    await new Promise<void>((resolve, reject) => s.socket.write(input.data, (err) => (err ? reject(toBerthError(err, 'type into the terminal')) : resolve())));
  }

  async resize(input: AreaInputs<'terminal'>['resize'], ctx: CallContext): Promise<void> {
    const s = this.session(input, ctx);
    try {
      await s.resize(input.cols, input.rows);
    } catch (err) {
      throw toBerthError(err, 'resize the terminal');
    }
  }

  async ack(input: AreaInputs<'terminal'>['ack'], ctx: CallContext): Promise<void> {
    // A late ack for a session that just ended is harmless.
    const s = this.sessions.get(sessionKey(input.engineId, input.sessionId));
    if (s && s.clientId === ctx.clientId) s.output.ack(input.bytes);
  }

  private session(input: { engineId?: string | undefined; sessionId: string }, ctx: CallContext): Session {
    const s = this.sessions.get(sessionKey(input.engineId, input.sessionId));
    if (!s || s.clientId !== ctx.clientId) throw new BerthError('NOT_FOUND', 'This terminal session has ended.');
    return s;
  }

  /** bash if the image has it, else sh; both probed at once with a trivial command. */
  private async pickShell(container: Docker.Container, name: string, signal: AbortSignal): Promise<string[]> {
    const found = await Promise.all(SHELLS.map((sh) => runsOk(container, [sh, '-c', 'exit 0'], signal)));
    const i = found.indexOf(true);
    if (i < 0) {
      throw new BerthError('NOT_FOUND', `There is no shell in "${name}" (neither bash nor sh): open a debug shell (a helper container with its own tools, beside it), run a command, or open the Files tab.`, {
        reason: 'no-shell',
      });
    }
    return [SHELLS[i]!];
  }

  /** Kills every process the session started (they carry SESSION_ENV), from a second exec as root. */
  private async killSession(container: Docker.Container, id: string): Promise<void> {
    const script = `for p in /proc/[0-9]*; do if grep -qs "${SESSION_ENV}=$1" "$p/environ"; then kill -9 "\${p#/proc/}" 2>/dev/null; fi; done; exit 0`;
    await runsOk(container, ['sh', '-c', script, 'berth-kill', id], undefined, '0').catch(() => false);
  }

  private async exitOf(container: Docker.Container, exec: Docker.Exec | null): Promise<TerminalMessage> {
    let code: number | null = null;
    if (exec) {
      try {
        const e = await exec.inspect();
        code = e.Running ? null : e.ExitCode;
      } catch {
        code = null;
      }
    }
    // Killed by a signal (or attach ended): the container may be stopping, and its state lags the exec's end.
    // Give it a moment to say so, rather than report "still running" for a container that is on its way down.
    if (code === null || code > 128) {
      const grace = AbortSignal.timeout(STOP_GRACE_MS);
      await container.wait({ condition: 'not-running', abortSignal: grace }).catch(() => undefined);
    }
    let containerRunning = false;
    try {
      const c = await container.inspect();
      containerRunning = c.State.Running;
      if (!exec && !containerRunning) code = c.State.ExitCode;
    } catch {
      // Gone (removed) or unreachable: not running as far as the terminal is concerned.
    }
    return { type: 'exit', code, containerRunning };
  }
}

/** Runs argv in the container without a TTY, discards its output, and says whether it exited 0. */
async function runsOk(container: Docker.Container, cmd: string[], signal?: AbortSignal, user?: string): Promise<boolean> {
  const exec = await container.exec({ Cmd: cmd, AttachStdout: true, AttachStderr: true, ...(user ? { User: user } : {}) });
  const stream = await exec.start({ hijack: false, stdin: false, ...(signal ? { abortSignal: signal } : {}) } as Docker.ExecStartOptions);
  await new Promise<void>((resolve) => {
    stream.on('data', () => {});
    stream.once('end', resolve);
    stream.once('close', resolve);
    stream.once('error', () => resolve());
  });
  const result = await exec.inspect();
  return !result.Running && result.ExitCode === 0;
}

function explain(err: unknown, name: string): BerthError {
  const e = toBerthError(err, `open a terminal in "${name}"`);
  if (e.code === 'CONFLICT' && /is not running|is paused/i.test(e.message)) {
    return new BerthError('CONFLICT', `"${name}" is not running; start it to open a terminal.`, { reason: 'not-running' });
  }
  return e;
}
