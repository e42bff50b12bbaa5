import path from 'node:path';
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
    switch (e.statusCode === 500 && isPodmanConflict(e.json) ? 409 : e.statusCode) {
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
 * Podman (4.x) answers what Docker calls a conflict (409) with 500 and names it in `cause`: a running container
 * removed without force, a name or a port already taken.
 */
const PODMAN_CONFLICT_CAUSES = new Set(['container state improper', 'that name is already in use', 'address already in use']);
function isPodmanConflict(json: unknown): boolean {
  const cause = (json as { cause?: unknown } | null)?.cause;
  return typeof cause === 'string' && PODMAN_CONFLICT_CAUSES.has(cause);
}

/**
 * A file-system error on a host path said for a person, naming the path: compose files and .env, volume backups,
 * image archives, folders listed for a picker. Anything else (an engine error, a dropped stream) goes to
 * `toBerthError`, which reads ENOENT/EACCES as the engine's socket — wrong for a file the user named.
 * `diskFull` says what became of the file when the disk filled up (the caller knows: unchanged, partial removed).
 */
export function hostPathError(err: unknown, what: string, file: string, opts: { diskFull?: string } = {}): BerthError {
  if (err instanceof BerthError) return err;
  const e = err as { code?: string; syscall?: string } | null;
  // An ENOENT or EACCES from connecting to the engine's socket is the engine's, not the file's.
  if (!e || e.syscall === 'connect') return toBerthError(err, what);
  const at = `Could not ${what}: "${file}"`;
  switch (e.code) {
    case 'ENOENT':
      return new BerthError('NOT_FOUND', `${at} (or its folder) does not exist; it may have been moved or deleted.`);
    case 'ENOTDIR':
      return new BerthError('INVALID_INPUT', `${at} is not a folder (or a part of its path is a file).`);
    case 'EISDIR':
      return new BerthError('INVALID_INPUT', `${at} is a folder, not a file.`);
    case 'EACCES':
    case 'EPERM':
      return new BerthError('PERMISSION_DENIED', `${at}: permission denied (${e.code}).`);
    case 'EROFS':
      return new BerthError('PERMISSION_DENIED', `${at} is on a read-only file system.`);
    case 'ELOOP':
      return new BerthError('INVALID_INPUT', `${at} is a loop of symbolic links.`);
    case 'ENAMETOOLONG':
      return new BerthError('INVALID_INPUT', `Could not ${what}: the path is too long.`);
    case 'EEXIST':
      return new BerthError('CONFLICT', `${at} already exists.`, { exists: true });
    case 'ENOSPC':
      return new BerthError('DISK_FULL', `Could not ${what}: the disk holding "${path.dirname(file)}" is full.${opts.diskFull ? ` ${opts.diskFull}` : ''}`, { diskFull: true });
    case 'EDQUOT':
      return new BerthError('DISK_FULL', `Could not ${what}: your disk quota on "${path.dirname(file)}" is used up.${opts.diskFull ? ` ${opts.diskFull}` : ''}`, { diskFull: true });
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
