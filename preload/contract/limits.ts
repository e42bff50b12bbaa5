/**
 * What one call or subscription may carry: the same over Electron IPC and the WebSocket. The router enforces these
 * (main/rpc/input-bounds.ts) before an entry's schema sees the input, so no transport needs limits of its own; the
 * WebSocket transport only derives its frame cap and its pre-decode nesting check from them.
 *
 * One limit per kind of payload:
 * - any input: INPUT_LIMITS.bytes, unless its entry states another (`method<O>()(schema, { maxInputBytes })`);
 * - stack files (compose, .env, Dockerfile), read and saved whole: STACK_FILE_MAX_BYTES;
 * - uploads into containers: FILE_UPLOAD_CHUNK per call, in as many calls as the file needs (container-details.ts);
 * - terminal input: TERMINAL_MAX_WRITE per call, bigger pastes split by the renderer (terminal.ts).
 */
export const INPUT_LIMITS = {
  /** Bytes of an input (UTF-8 strings, byte arrays, keys; 8 per other value) unless its entry states more. */
  bytes: 256 * 1024,
  /** Arrays and objects inside one another. The deepest real input (a run spec) is about 5. */
  depth: 32,
  /** Values of any kind (strings, numbers, arrays, objects, …) in one input. */
  values: 100_000,
} as const;

/** Compose files, .env files and Dockerfiles are read and saved whole; bigger files are not stack files. */
export const STACK_FILE_MAX_BYTES = 4 * 1024 * 1024;

/** Room a WebSocket frame needs around an input: the message's type, id and path. */
export const WIRE_ENVELOPE_BYTES = 4 * 1024;

/** "256 KiB", "4 MiB", "1.5 MiB": sizes in limit messages. */
export function formatLimit(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}
