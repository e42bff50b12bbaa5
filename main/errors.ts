import { ZodError } from 'zod';
import { BerthError, isBerthErrorShape, type BerthErrorShape } from '../preload/contract/errors';

/**
 * The one error-to-message mapping. Everything thrown in main crosses the boundary through here, so a user never
 * sees a stack trace or a bare "HTTP 409".
 */
export function toBerthError(err: unknown, what?: string): BerthError {
  if (err instanceof BerthError) return err;
  if (err instanceof ZodError) return invalidInput(err);
  if (isBerthErrorShape(err)) return BerthError.from(err);

  const e = (err ?? {}) as { statusCode?: number; code?: string; message?: string; json?: unknown; reason?: string; name?: string };
  const prefix = what ? `Could not ${what}: ` : '';

  if (e.name === 'AbortError' || e.code === 'ABORT_ERR') return new BerthError('CANCELLED', `${prefix}cancelled.`);

  if (typeof e.statusCode === 'number') {
    const engineMessage = engineMessageOf(e);
    switch (e.statusCode) {
      case 400:
        return new BerthError('INVALID_INPUT', `${prefix}the engine refused the request: ${engineMessage}`);
      case 401:
      case 403:
        return new BerthError('PERMISSION_DENIED', `${prefix}the engine denied it: ${engineMessage}`);
      case 404:
        return new BerthError('NOT_FOUND', `${prefix}${notFoundMessage(engineMessage)}`);
      case 409:
        return new BerthError('CONFLICT', `${prefix}${engineMessage}`);
      default:
        return new BerthError('ENGINE_ERROR', `${prefix}the engine answered ${e.statusCode}: ${engineMessage}`);
    }
  }

  switch (e.code) {
    case 'ENOENT':
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'EPIPE':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
      return new BerthError('ENGINE_UNREACHABLE', `${prefix}the engine is not reachable (${e.code}).`);
    case 'EACCES':
    case 'EPERM':
      return new BerthError(
        'PERMISSION_DENIED',
        `${prefix}permission denied on the engine socket. Add your user to the "docker" group (then log in again) or point DOCKER_HOST at an engine you may use.`,
      );
    case 'ETIMEDOUT':
      return new BerthError('TIMEOUT', `${prefix}the engine did not answer in time.`);
  }
  const message = typeof e.message === 'string' && e.message ? e.message : String(err);
  return new BerthError('INTERNAL', `${prefix}${message}`);
}

/**
 * A file-system error on a host path said for a person, naming the path (listing folders, reading files the user
 * pointed at). Anything else falls through to `toBerthError`.
 */
export function hostPathError(err: unknown, what: string, file: string): BerthError {
  if (err instanceof BerthError) return err;
  switch ((err as { code?: string } | null)?.code) {
    case 'ENOENT':
      return new BerthError('NOT_FOUND', `Could not ${what}: "${file}" does not exist; it may have been moved or deleted.`);
    case 'ENOTDIR':
      return new BerthError('INVALID_INPUT', `Could not ${what}: "${file}" is not a folder (or a part of it is a file).`);
    case 'EACCES':
    case 'EPERM':
      return new BerthError('PERMISSION_DENIED', `Could not ${what}: permission denied on "${file}".`);
    case 'ELOOP':
      return new BerthError('INVALID_INPUT', `Could not ${what}: "${file}" is a loop of symbolic links.`);
    case 'ENAMETOOLONG':
      return new BerthError('INVALID_INPUT', `Could not ${what}: the path is too long.`);
  }
  return toBerthError(err, what);
}

export function toErrorShape(err: unknown): BerthErrorShape {
  return toBerthError(err).toShape();
}

function engineMessageOf(e: { json?: unknown; reason?: string; message?: string }): string {
  const json = e.json as { message?: unknown } | string | null | undefined;
  if (json && typeof json === 'object' && typeof json.message === 'string') return json.message;
  if (typeof json === 'string' && json.trim()) return json.trim();
  if (e.reason) return e.reason;
  return e.message ?? 'no details';
}

function notFoundMessage(engineMessage: string): string {
  const m = /^No such (container|image|volume|network): (.+)$/i.exec(engineMessage);
  if (m) return `the ${m[1]!.toLowerCase()} "${m[2]}" no longer exists; it may have been removed outside Berth.`;
  return engineMessage;
}

function invalidInput(err: ZodError): BerthError {
  const issues = err.issues.map((i) => ({ path: i.path.join('.') || '(input)', message: i.message }));
  const summary = issues
    .slice(0, 3)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
  return new BerthError('INVALID_INPUT', `Invalid input — ${summary}`, { issues });
}
