import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BerthError } from '../preload/contract/errors';
import { hostPathError, toBerthError, toErrorShape } from './errors';

/** What docker-modem rejects with: an Error carrying statusCode, reason and the parsed JSON body. */
function dockerodeError(statusCode: number, message: string, reason = 'server error') {
  return Object.assign(new Error(`(HTTP code ${statusCode}) ${reason} - ${message} `), { statusCode, reason, json: { message } });
}
function nodeError(code: string) {
  return Object.assign(new Error(`connect ${code} /var/run/docker.sock`), { code, errno: -1, syscall: 'connect' });
}

describe('engine (HTTP) errors', () => {
  it('400 → INVALID_INPUT with the engine message', () => {
    const e = toBerthError(dockerodeError(400, 'invalid reference format'), 'create the container');
    expect(e).toBeInstanceOf(BerthError);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toBe('Could not create the container: the engine refused the request: invalid reference format');
  });

  it('401 and 403 → PERMISSION_DENIED', () => {
    for (const status of [401, 403]) {
      const e = toBerthError(dockerodeError(status, 'authorization denied by plugin'), 'stop web');
      expect(e.code).toBe('PERMISSION_DENIED');
      expect(e.message).toBe('Could not stop web: the engine denied it: authorization denied by plugin');
    }
  });

  it('404 "No such container: x" → NOT_FOUND saying it no longer exists', () => {
    const e = toBerthError(dockerodeError(404, 'No such container: web-1', 'no such container'), 'start web-1');
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toBe('Could not start web-1: the container "web-1" no longer exists; it may have been removed outside Berth.');
  });

  it('404 for images, volumes and networks too; other 404 text is kept as is', () => {
    expect(toBerthError(dockerodeError(404, 'No such image: alpine:nope')).message).toMatch(/^the image "alpine:nope" no longer exists/);
    expect(toBerthError(dockerodeError(404, 'no such volume: data')).message).toMatch(/^the volume "data" no longer exists/);
    const other = toBerthError(dockerodeError(404, 'page not found'));
    expect(other.code).toBe('NOT_FOUND');
    expect(other.message).toBe('page not found');
  });

  it('409 → CONFLICT with the engine message', () => {
    const e = toBerthError(dockerodeError(409, 'You cannot remove a running container abc. Stop the container before attempting removal or force remove'), 'remove abc');
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe('Could not remove abc: You cannot remove a running container abc. Stop the container before attempting removal or force remove');
  });

  it("Podman's 500 whose cause names a conflict → CONFLICT, like Docker's 409", () => {
    const running = Object.assign(dockerodeError(500, 'cannot remove container abc as it is running'), {
      json: { cause: 'container state improper', message: 'cannot remove container abc as it is running', response: 500 },
    });
    expect(toBerthError(running, 'remove abc')).toMatchObject({ code: 'CONFLICT', message: 'Could not remove abc: cannot remove container abc as it is running' });
    const taken = Object.assign(dockerodeError(500, 'the container name "web" is already in use'), { json: { cause: 'that name is already in use', message: 'x' } });
    expect(toBerthError(taken).code).toBe('CONFLICT');
    const other = Object.assign(dockerodeError(500, 'boom'), { json: { cause: 'something else', message: 'boom' } });
    expect(toBerthError(other).code).toBe('ENGINE_ERROR');
  });

  it('500 and other statuses → ENGINE_ERROR naming the status', () => {
    const e = toBerthError(dockerodeError(500, 'driver failed programming external connectivity'), 'start db');
    expect(e.code).toBe('ENGINE_ERROR');
    expect(e.message).toBe('Could not start db: the engine answered 500: driver failed programming external connectivity');
    expect(toBerthError(dockerodeError(503, 'busy')).code).toBe('ENGINE_ERROR');
  });

  it('without `what` there is no prefix', () => {
    expect(toBerthError(dockerodeError(409, 'conflict here')).message).toBe('conflict here');
  });

  it('the engine message comes from a string body, else the reason, else the error message', () => {
    expect(toBerthError({ statusCode: 500, json: '  plain text body \n' }).message).toBe('the engine answered 500: plain text body');
    expect(toBerthError({ statusCode: 500, json: null, reason: 'server error' }).message).toBe('the engine answered 500: server error');
    expect(toBerthError({ statusCode: 500, message: 'boom' }).message).toBe('the engine answered 500: boom');
    expect(toBerthError({ statusCode: 500 }).message).toBe('the engine answered 500: no details');
  });
});

describe('node (socket) errors', () => {
  it('ENOENT and ECONNREFUSED → ENGINE_UNREACHABLE naming the code', () => {
    for (const code of ['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']) {
      const e = toBerthError(nodeError(code), 'list containers');
      expect(e.code, code).toBe('ENGINE_UNREACHABLE');
      expect(e.message).toBe(`Could not list containers: the engine is not reachable (${code}).`);
    }
  });

  it('EACCES → PERMISSION_DENIED with the docker-group advice', () => {
    for (const code of ['EACCES', 'EPERM']) {
      const e = toBerthError(nodeError(code), 'connect');
      expect(e.code).toBe('PERMISSION_DENIED');
      expect(e.message).toMatch(/^Could not connect: permission denied on the engine socket/);
      expect(e.message).toContain('"docker" group');
      expect(e.message).toContain('DOCKER_HOST');
    }
  });

  it('ETIMEDOUT → TIMEOUT', () => {
    const e = toBerthError(nodeError('ETIMEDOUT'), 'ping');
    expect(e.code).toBe('TIMEOUT');
    expect(e.message).toBe('Could not ping: the engine did not answer in time.');
  });
});

describe('other errors', () => {
  it('AbortError (by name or by code) → CANCELLED', () => {
    const byName = new Error('The operation was aborted');
    byName.name = 'AbortError';
    expect(toBerthError(byName, 'pull alpine')).toMatchObject({ code: 'CANCELLED', message: 'Could not pull alpine: cancelled.' });
    const byCode = Object.assign(new Error('aborted'), { code: 'ABORT_ERR' });
    expect(toBerthError(byCode).code).toBe('CANCELLED');
    const controller = new AbortController();
    controller.abort();
    expect(toBerthError(controller.signal.reason).code).toBe('CANCELLED');
  });

  it('ZodError → INVALID_INPUT with details.issues', () => {
    const schema = z.strictObject({ id: z.string(), nested: z.strictObject({ n: z.number() }) });
    const result = schema.safeParse({ id: 5, nested: { n: 'x' } });
    expect(result.success).toBe(false);
    const e = toBerthError(result.error);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/^Invalid input — /);
    expect(e.message).toContain('id: ');
    expect(e.message).toContain('nested.n: ');
    const issues = (e.details as { issues: { path: string; message: string }[] }).issues;
    expect(issues.map((i) => i.path).sort()).toEqual(['id', 'nested.n']);
    expect(issues.every((i) => typeof i.message === 'string' && i.message.length > 0)).toBe(true);
  });

  it('a ZodError about the whole input names it "(input)"', () => {
    const result = z.string().safeParse(42);
    const e = toBerthError(result.error);
    expect((e.details as { issues: { path: string }[] }).issues[0]!.path).toBe('(input)');
  });

  it('a BerthError passes through unchanged (same object, no prefix added)', () => {
    const original = new BerthError('CONFLICT', 'already stopping', { id: 'x' });
    expect(toBerthError(original, 'stop x')).toBe(original);
  });

  it('a plain { code, message } shape is revived as a BerthError', () => {
    const e = toBerthError({ code: 'NOT_FOUND', message: 'gone', details: { id: 'a' } }, 'ignored');
    expect(e).toBeInstanceOf(BerthError);
    expect(e.toShape()).toEqual({ code: 'NOT_FOUND', message: 'gone', details: { id: 'a' } });
  });

  it('a shape with an unknown code is not revived: it becomes INTERNAL', () => {
    const e = toBerthError({ code: 'WEIRD', message: 'odd' });
    expect(e.code).toBe('INTERNAL');
    expect(e.message).toBe('odd');
  });

  it('anything else → INTERNAL with its message', () => {
    expect(toBerthError(new Error('kaput'), 'do it')).toMatchObject({ code: 'INTERNAL', message: 'Could not do it: kaput' });
    expect(toBerthError('just a string').message).toBe('just a string');
    expect(toBerthError(undefined).code).toBe('INTERNAL');
    expect(toBerthError(null).code).toBe('INTERNAL');
  });

  it('toErrorShape gives the plain shape', () => {
    expect(toErrorShape(nodeError('ETIMEDOUT'))).toEqual({ code: 'TIMEOUT', message: 'the engine did not answer in time.' });
  });
});

describe('host path (file system) errors', () => {
  const fsError = (code: string, syscall = 'open') => Object.assign(new Error(`${code}: ${syscall} '/x'`), { code, syscall, path: '/x' });

  it('names the file and says what is wrong with it', () => {
    expect(hostPathError(fsError('ENOENT'), 'save', '/data/a.tar')).toMatchObject({ code: 'NOT_FOUND', message: 'Could not save: "/data/a.tar" (or its folder) does not exist; it may have been moved or deleted.' });
    expect(hostPathError(fsError('EACCES'), 'save', '/a')).toMatchObject({ code: 'PERMISSION_DENIED', message: 'Could not save: "/a": permission denied (EACCES).' });
    expect(hostPathError(fsError('EISDIR', 'read'), 'read', '/a')).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('is a folder, not a file') });
    expect(hostPathError(fsError('EEXIST'), 'save', '/a')).toMatchObject({ code: 'CONFLICT', details: { exists: true } });
  });

  it('says what became of the file when the disk is full', () => {
    const e = hostPathError(fsError('ENOSPC', 'write'), 'back up data', '/backups/data.tar.gz', { diskFull: 'The partial file was removed.' });
    expect(e).toMatchObject({ code: 'DISK_FULL', message: 'Could not back up data: the disk holding "/backups" is full. The partial file was removed.', details: { diskFull: true } });
    const quota = hostPathError(fsError('EDQUOT', 'write'), 'save', '/home/me/compose.yaml', { diskFull: 'The file on disk is unchanged.' });
    expect(quota).toMatchObject({ code: 'DISK_FULL', message: 'Could not save: your disk quota on "/home/me" is used up. The file on disk is unchanged.' });
  });

  it('leaves engine errors to the engine mapping', () => {
    const socket = Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT', syscall: 'connect' });
    expect(hostPathError(socket, 'save', '/a').code).toBe('ENGINE_UNREACHABLE');
    expect(hostPathError(Object.assign(new Error('x'), { statusCode: 404, json: { message: 'No such image' } }), 'save', '/a').code).toBe('NOT_FOUND');
    const mine = new BerthError('CONFLICT', 'already');
    expect(hostPathError(mine, 'save', '/a')).toBe(mine);
  });
});
