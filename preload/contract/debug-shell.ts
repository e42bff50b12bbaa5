import { z } from 'zod';
import { method, stream } from './define';
import { containerRef, engineId } from './common';
import { imageRefProblem } from './image-ref';
import type { TerminalMessage } from './terminal';

/** The toolbox image a debug shell starts when Settings names none. */
export const DEFAULT_DEBUG_TOOLBOX = 'busybox';

/** The label that marks a debug helper (beside `berth.helper=1`, like every helper), with the id of the container it debugs. */
export const DEBUG_TARGET_LABEL = 'berth.helper.debug';

export interface DebugToolboxInfo {
  /** The image a debug shell starts (the setting, or DEFAULT_DEBUG_TOOLBOX). */
  image: string;
  /** The image set in Settings, or null for the default. */
  configured: string | null;
  /** Whether the image is on the engine now (when not, opening a debug shell pulls it). */
  present: boolean;
}

/**
 * What a debug shell streams: the terminal's own messages (write, resize and ack go through `terminal.*` with the
 * session id of `ready`), preceded by one `debug` message that says what the helper can reach.
 */
export type DebugShellMessage =
  | {
      type: 'debug';
      helperId: string;
      toolbox: string;
      /**
       * `live`: the target runs; the helper shares its PID and network namespaces and its files are at /proc/1/root.
       * `files`: the target is stopped; its files were copied (not committed, nothing of it started) to /target and
       * there are no processes of it to see.
       */
      reach: 'live' | 'files';
      workingDir: string;
    }
  | TerminalMessage;

const dimension = z.number().int().min(1).max(1000);
const toolboxImage = z
  .string()
  .min(1)
  .max(512)
  .superRefine((v, ctx) => {
    const problem = imageRefProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const debugShellContract = {
  /**
   * A shell in a helper container from the toolbox image, for containers without a shell of their own. A running
   * target: the helper joins its PID and network namespaces (`ps` shows its processes, its ports are on localhost)
   * and the shell starts in /proc/1/root, the target's filesystem. A stopped one: nothing of it is started or
   * committed; its files are copied into the helper. Cancelling (closing the tab) removes the helper; so does the
   * target stopping. The target itself is never changed.
   */
  open: stream<DebugShellMessage>()(z.strictObject({ engineId: engineId.optional(), containerId: containerRef, cols: dimension, rows: dimension })),
  /** The toolbox image debug shells use on this engine. */
  toolbox: method<DebugToolboxInfo>()(z.strictObject({ engineId: engineId.optional() })),
  /** Sets (or, with null, resets to busybox) the toolbox image; it need not be on the engine yet (it is pulled). */
  setToolbox: method<DebugToolboxInfo>()(z.strictObject({ engineId: engineId.optional(), image: toolboxImage.nullable() })),
};
