import { z } from 'zod';
import { method, stream } from './define';
import { containerRef, engineId } from './common';

/** Largest keystroke/paste payload one `terminal.write` carries; the renderer splits bigger pastes. */
export const TERMINAL_MAX_WRITE = 64 * 1024;
/** The renderer acknowledges consumed output in steps of this size (flow control, see `terminal.ack`). */
export const TERMINAL_ACK_STEP = 128 * 1024;

/** Why a terminal could not open, in `error.details.reason` (the code stays one of the stable ERROR_CODES). */
export type TerminalFailure = 'no-shell' | 'not-running' | 'command-not-found';

export type TerminalMessage =
  /** The exec (or attach) runs; `shell` is the argv that was started ('attach' for attach mode). */
  | { type: 'ready'; sessionId: string; shell: string[]; mode: 'exec' | 'attach' }
  /** Raw bytes from the TTY, never decoded in main (a UTF-8 character may be split across two chunks). */
  | { type: 'data'; data: Uint8Array }
  /** The process ended (or, in attach mode, the container stopped); `code` is null when the engine does not know. */
  | { type: 'exit'; code: number | null; containerRunning: boolean };

const argv = z.array(z.string().min(1).max(4096)).min(1).max(64);
const dimension = z.number().int().min(1).max(1000);
const sessionId = z.string().regex(/^[a-f0-9]{16,64}$/, 'not a terminal session id');

export const terminalContract = {
  /**
   * Opens a TTY in a running container: `command: 'auto'` starts bash, else sh; or the given argv. `mode: 'attach'`
   * attaches to the container's main process instead (it must have been started with a TTY and stdin); cancelling
   * detaches without stopping it. Messages: one `ready`, then `data` chunks, then `exit`. Cancelling ends the exec's
   * process (it is killed, not just left without its terminal).
   */
  open: stream<TerminalMessage>()(
    z.strictObject({
      engineId: engineId.optional(),
      containerId: containerRef,
      mode: z.enum(['exec', 'attach']).default('exec'),
      command: z.union([z.literal('auto'), argv]).default('auto'),
      user: z.string().max(256).regex(/^[^\s:]*(:[^\s:]*)?$/, 'user, uid or user:group').optional(),
      workingDir: z.string().max(4096).startsWith('/').optional(),
      cols: dimension,
      rows: dimension,
    }),
  ),
  /**
   * Keystrokes and pastes, as bytes. A session is named by its engine and the id of its `ready` message (an input
   * without an engine means the default engine): two engines' sessions never answer for each other.
   */
  write: method<void>()(z.strictObject({ engineId: engineId.optional(), sessionId, data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= TERMINAL_MAX_WRITE, 'at most 64 KiB per write') })),
  resize: method<void>()(z.strictObject({ engineId: engineId.optional(), sessionId, cols: dimension, rows: dimension })),
  /**
   * Flow control: the renderer reports how many bytes of output it has consumed (written into xterm). Main stops
   * reading from the engine while too much is unacknowledged, so a `cat` of a huge file cannot flood the window.
   */
  ack: method<void>()(z.strictObject({ engineId: engineId.optional(), sessionId, bytes: z.number().int().min(0).max(1 << 30) })),
};
