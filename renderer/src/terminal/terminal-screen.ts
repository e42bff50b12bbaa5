import type { BerthErrorShape } from '../../../preload/contract';

export type SessionPhase = 'opening' | 'ready' | 'exited' | 'failed';

export interface SessionStatus {
  phase: SessionPhase;
  /** Set when phase is 'exited'. */
  exitCode: number | null;
  /** Whether the container still ran when the session ended. */
  containerRunning: boolean;
  /** Set when phase is 'failed'. */
  error: BerthErrorShape | null;
}

/** What a terminal shows over (or instead of) its screen. */
export type TerminalScreen =
  | { kind: 'live' }
  | { kind: 'opening' }
  | { kind: 'no-shell'; message: string }
  /** A debug shell's toolbox image is not on the engine and could not be pulled. */
  | { kind: 'toolbox-missing'; message: string }
  | { kind: 'not-running'; message: string }
  | { kind: 'exited'; code: number | null; containerStopped: boolean }
  | { kind: 'engine-gone'; message: string; engineBack: boolean }
  | { kind: 'failed'; message: string }
  /** The session ended and its container no longer exists: nothing to start or reconnect to. */
  | { kind: 'container-gone' };

const reasonOf = (e: BerthErrorShape | null) => (e?.details as { reason?: unknown } | undefined)?.reason;

/** Pure: the session's status (whether the engine is connected, its container still exists) → what to show. */
export function screenFor(status: SessionStatus, engineConnected: boolean, containerExists = true): TerminalScreen {
  if (!containerExists && (status.phase === 'exited' || status.phase === 'failed')) return { kind: 'container-gone' };
  switch (status.phase) {
    case 'opening':
      return { kind: 'opening' };
    case 'ready':
      return { kind: 'live' };
    case 'exited':
      return { kind: 'exited', code: status.exitCode, containerStopped: !status.containerRunning };
    case 'failed': {
      const e = status.error;
      const message = e?.message ?? 'The terminal failed.';
      if (reasonOf(e) === 'no-shell') return { kind: 'no-shell', message };
      if (reasonOf(e) === 'toolbox-missing') return { kind: 'toolbox-missing', message };
      if (reasonOf(e) === 'not-running') return { kind: 'not-running', message };
      if (e?.code === 'ENGINE_UNREACHABLE' || e?.code === 'TRANSPORT_CLOSED') {
        return { kind: 'engine-gone', message, engineBack: engineConnected };
      }
      return { kind: 'failed', message };
    }
  }
}

/** The words for a finished session, e.g. "process exited (code 0)"; a debug shell also says its helper is gone. */
export function exitText(code: number | null, containerStopped: boolean, debug = false): string {
  if (debug) {
    return containerStopped
      ? 'The debug shell ended: the container stopped. Its helper container was removed.'
      : `The debug shell ended${code === null ? '' : ` (code ${code})`}. Its helper container was removed.`;
  }
  const base = code === null ? 'process exited' : `process exited (code ${code})`;
  return containerStopped ? `${base} — the container stopped` : base;
}

/** Splits input into pieces no bigger than `max` bytes (a big paste goes as several writes, in order). */
export function chunkBytes(data: Uint8Array, max: number): Uint8Array[] {
  if (data.byteLength <= max) return [data];
  const out: Uint8Array[] = [];
  for (let at = 0; at < data.byteLength; at += max) out.push(data.subarray(at, Math.min(at + max, data.byteLength)));
  return out;
}

/** Parses what the user typed in "Run a command" into an argv: whitespace-separated, with '…' and "…" quoting. */
export function parseCommand(line: string): string[] {
  const argv: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    argv.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]!));
  }
  return argv;
}

/** What the engine's inspect says about how the container was started (Config.OpenStdin / Config.Tty). */
export interface AttachConfig {
  OpenStdin?: boolean | null;
  Tty?: boolean | null;
}

/**
 * Why the container's main process cannot be attached to, or null when it can: attach needs a TTY and an open
 * stdin (`docker run -it`); without them there is nothing to type into and no screen to show.
 */
export function attachBlocker(config: AttachConfig | null | undefined): string | null {
  const stdin = config?.OpenStdin === true;
  const tty = config?.Tty === true;
  if (stdin && tty) return null;
  const missing = !stdin && !tty ? 'a terminal and stdin (-i -t)' : !tty ? 'a terminal (-t)' : 'stdin open (-i)';
  return `Attach needs a container started with ${missing}; open a shell instead.`;
}
