/**
 * Errors cross every boundary as `{ code, message, details? }`. Codes are stable: the UI decides what to say and
 * offer from the code; the message is already written for a person.
 */
export const ERROR_CODES = [
  'ENGINE_UNREACHABLE',
  'PERMISSION_DENIED',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_INPUT',
  'UNKNOWN_METHOD',
  'CANCELLED',
  'TIMEOUT',
  'ENGINE_ERROR',
  'TRANSPORT_CLOSED',
  /** The disk holding a file Berth writes is full (ENOSPC) or the user's quota is used up (EDQUOT). */
  'DISK_FULL',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface BerthErrorShape {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class BerthError extends Error implements BerthErrorShape {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'BerthError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }
  toShape(): BerthErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
  static from(shape: BerthErrorShape): BerthError {
    return new BerthError(shape.code, shape.message, shape.details);
  }
}

export function isBerthErrorShape(value: unknown): value is BerthErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && (ERROR_CODES as readonly string[]).includes(v.code) && typeof v.message === 'string';
}
