import { BerthError } from '../../preload/contract/errors';
import { formatLimit, INPUT_LIMITS } from '../../preload/contract/limits';

/**
 * Checks an input's size, nesting and keys before anything recursive (zod, a service) touches it. Iterative, and it
 * stops at the first limit crossed, so refusing a hostile input costs at most `INPUT_LIMITS.values` steps: a
 * 200,000-level array must not overflow the stack (zod, a recursive size estimate) or hold the event loop.
 *
 * A `__proto__` key is refused on both transports: MessagePack already refuses to decode one, and over Electron IPC
 * a record schema would otherwise copy it into an object's prototype.
 */
export function checkInputBounds(input: unknown, what: string, maxBytes: number = INPUT_LIMITS.bytes): void {
  const problem = inputBoundsProblem(input, maxBytes);
  if (problem) throw inputRefused(what, problem);
}

/** The one wording of a refused input, also for a transport that refuses it before decoding. */
export function inputRefused(what: string, problem: string): BerthError {
  return new BerthError('INVALID_INPUT', `Invalid input to ${what} — ${problem}.`, { limit: problem });
}

export const tooLarge = (maxBytes: number) => `larger than ${formatLimit(maxBytes)}, the most it takes`;

const tooMany = `more than ${INPUT_LIMITS.values.toLocaleString('en')} values`;

export function inputBoundsProblem(input: unknown, maxBytes: number): string | null {
  let bytes = 0;
  let values = 0;
  // Values still to look at, each with its depth (1 = the input itself).
  const pending: unknown[] = [input];
  const depths: number[] = [1];
  while (pending.length > 0) {
    const value = pending.pop();
    const depth = depths.pop()!;
    values++;
    if (typeof value === 'string') bytes += Buffer.byteLength(value, 'utf8');
    else if (value instanceof Uint8Array) bytes += value.byteLength;
    else if (typeof value === 'object' && value !== null) {
      if (depth > INPUT_LIMITS.depth) return `nested more than ${INPUT_LIMITS.depth} levels deep`;
      if (Array.isArray(value)) {
        if (values + pending.length + value.length > INPUT_LIMITS.values) return tooMany;
        for (let i = 0; i < value.length; i++) {
          pending.push(value[i]);
          depths.push(depth + 1);
        }
        bytes += 8;
      } else {
        const keys = Object.keys(value);
        if (values + pending.length + keys.length > INPUT_LIMITS.values) return tooMany;
        for (const key of keys) {
          if (key === '__proto__') return 'a key named "__proto__"';
          bytes += Buffer.byteLength(key, 'utf8');
          pending.push((value as Record<string, unknown>)[key]);
          depths.push(depth + 1);
        }
      }
    } else bytes += 8;
    if (bytes > maxBytes) return tooLarge(maxBytes);
  }
  return null;
}
