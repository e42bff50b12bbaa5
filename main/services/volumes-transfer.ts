import type { AreaImplementation, AreaInputs } from '../../preload/contract';
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs, constants as fsConstants } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type Docker from 'dockerode';
import tar from 'tar-stream';
import { BerthError } from '../../preload/contract/errors';
import type { VolumeTransferMessage } from '../../preload/contract/volumes';
import type { EngineRegistry } from '../engine/registry';
import { hostPathError, toBerthError } from '../errors';
import { locks, type LockKey } from './locks';
import type { LifecycleController, OperationHandle } from './lifecycle';
import type { VolumeHelpers } from './volumes-helper';
import { VOLUME_ROOT } from './volumes-browse';

type Emit = (m: VolumeTransferMessage) => void;
type Inputs = AreaInputs<'volumes'>;
/** One volume by name. */
type Target = Inputs['inspect'];

/** How often progress is reported while bytes flow. */
const PROGRESS_MS = 200;
const SOURCE_ROOT = '/source';

/** A pass-through that counts bytes and reports them at most every PROGRESS_MS. */
function counter(phase: 'reading' | 'writing', emit: Emit, onBytes?: (n: number) => void): Transform & { bytes: number } {
  let last = 0;
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      t.bytes += chunk.length;
      onBytes?.(t.bytes);
      const now = Date.now();
      if (now - last >= PROGRESS_MS) {
        last = now;
        emit({ type: 'progress', phase, bytes: t.bytes });
      }
      done(null, chunk);
    },
  }) as Transform & { bytes: number };
  t.bytes = 0;
  return t;
}

/** A host file-system error said for a person, naming the file; ENOSPC says the disk is full. */
export function hostFileError(err: unknown, what: string, file: string): BerthError {
  return hostPathError(err, what, file, { diskFull: 'The partial file was removed; free some space and try again.' });
}

/** Whether the folder holds nothing (reads the archive's first entries only). */
async function isEmptyFolder(c: Docker.Container, folder: string): Promise<boolean> {
  const abort = new AbortController();
  const res = (await c.getArchive({ path: `${folder}/.`, abortSignal: abort.signal })) as IncomingMessage;
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    let settled = false;
    const settle = (empty: boolean) => {
      if (settled) return;
      settled = true;
      abort.abort();
      res.destroy();
      extract.destroy();
      resolve(empty);
    };
    extract.on('entry', (header, body, next) => {
      if (header.name !== './' && header.name !== '.') return settle(false);
      body.on('end', () => next());
      body.resume();
    });
    extract.on('finish', () => settle(true));
    extract.on('error', (err: Error) => (settled ? undefined : reject(err)));
    res.on('error', (err) => (settled ? undefined : reject(err)));
    res.pipe(extract);
  });
}

/**
 * Backup, restore and clone through the archive API of a short-lived helper (created, never started): the volume's
 * tar streams straight from the engine to a gzip file on the host, or from a file (or another volume) into the engine.
 * Each runs through the lifecycle controller keyed by the volume, so two transfers on one volume never interleave.
 */
export class VolumeTransfers implements Pick<AreaImplementation<'volumes'>, 'backup' | 'restore' | 'clone'> {
  constructor(
    private readonly engines: EngineRegistry,
    private readonly helpers: VolumeHelpers,
    private readonly lifecycle: LifecycleController,
  ) {}

  private key(t: Target): LockKey {
    return locks.volume(this.engines.get(t.engineId).id, t.name);
  }

  private async exists(t: Target): Promise<boolean> {
    try {
      await this.engines.get(t.engineId).api.getVolume(t.name).inspect();
      return true;
    } catch (err) {
      const e = toBerthError(err, `read volume "${t.name}"`);
      if (e.code === 'NOT_FOUND') return false;
      throw e;
    }
  }

  async backup(input: Inputs['backup'], send: Emit, callerSignal: AbortSignal): Promise<void> {
    const what = `back up volume "${input.name}"`;
    if (!(await this.exists(input))) throw new BerthError('NOT_FOUND', `Could not ${what}: there is no such volume.`);
    const folder = path.resolve(input.folder);
    const file = path.join(folder, input.fileName);
    try {
      if (!(await fs.stat(folder)).isDirectory()) throw new BerthError('INVALID_INPUT', `Could not ${what}: "${folder}" is not a folder.`);
      await fs.access(folder, fsConstants.W_OK);
    } catch (err) {
      throw err instanceof BerthError ? err : hostFileError(err, what, folder);
    }
    if (!input.overwrite && (await fs.stat(file).then(() => true, () => false))) {
      throw new BerthError('CONFLICT', `"${file}" already exists. Choose another name, or replace it.`, { exists: true, path: file });
    }
    // Written beside the target and renamed at the end: a failed or cancelled backup never leaves a half file.
    const partial = path.join(folder, `.${input.fileName}.${randomBytes(4).toString('hex')}.partial`);
    await this.lifecycle.run(this.key(input), what, (op) =>
      this.helpers.with(input.engineId, [{ volume: input.name, target: VOLUME_ROOT, readOnly: true }], async (c) => {
        const { signal } = op;
        const emit = tapVolume(send, op);
        try {
          const res = (await c.getArchive({ path: `${VOLUME_ROOT}/.`, abortSignal: signal })) as IncomingMessage;
          const read = counter('reading', emit);
          const out = createWriteStream(partial, { flags: 'wx', mode: 0o600 });
          // 256 KiB output chunks instead of zlib's 16 KiB: fewer trips to the thread pool. volume-backup (200 MB
          // of random files): 6.9–7.3 s → 6.25 s, ratio to `docker run … tar czf` 1.16–1.21 → 1.03–1.04.
          await pipeline(res, read, createGzip({ chunkSize: 256 * 1024 }), out, { signal });
          const handle = await fs.open(partial, 'r');
          await handle.sync().finally(() => handle.close());
          await fs.rename(partial, file);
          emit({ type: 'done', bytes: read.bytes, path: file });
        } catch (err) {
          await fs.rm(partial, { force: true });
          if (signal.aborted) throw new BerthError('CANCELLED', `The backup of "${input.name}" was cancelled; the partial file was removed.`);
          const code = (err as { code?: string }).code;
          if (code && /^E[A-Z]+$/.test(code) && !(err as { statusCode?: number }).statusCode) throw hostFileError(err, what, file);
          throw toBerthError(err, what);
        }
      }),
      { kind: 'backup', signal: callerSignal },
    );
  }

  async restore(input: Inputs['restore'], send: Emit, callerSignal: AbortSignal): Promise<void> {
    const what = `restore "${path.basename(input.file)}" into "${input.name}"`;
    let size: number;
    try {
      const st = await fs.stat(input.file);
      if (!st.isFile()) throw new BerthError('INVALID_INPUT', `Could not ${what}: "${input.file}" is not a file.`);
      size = st.size;
      await fs.access(input.file, fsConstants.R_OK);
    } catch (err) {
      throw err instanceof BerthError ? err : hostFileError(err, what, input.file);
    }
    await this.lifecycle.run(this.key(input), what, (op) =>
      this.into(input, what, op.signal, async (c) => {
        const emit = tapVolume(send, op, size);
        const read = counter('writing', emit);
        const upload = c.putArchive(createReadStream(input.file).pipe(read) as unknown as Readable, {
          path: VOLUME_ROOT,
          copyUIDGID: true,
          abortSignal: op.signal,
        });
        await upload;
        emit({ type: 'done', bytes: size, volume: input.name });
      }),
      { kind: 'restore', signal: callerSignal },
    );
  }

  async clone(input: Inputs['clone'], send: Emit, callerSignal: AbortSignal): Promise<void> {
    const what = `clone volume "${input.name}" into "${input.target}"`;
    if (input.target === input.name) throw new BerthError('INVALID_INPUT', 'A volume cannot be cloned into itself.');
    if (!(await this.exists(input))) throw new BerthError('NOT_FOUND', `Could not ${what}: there is no volume "${input.name}".`);
    const source = { volume: input.name, target: SOURCE_ROOT, readOnly: true };
    await this.lifecycle.run(this.key(input), what, (op) =>
      this.lifecycle.run(this.key({ engineId: input.engineId, name: input.target }), what, () =>
        this.into(
          { engineId: input.engineId, name: input.target, overwrite: input.overwrite, labels: input.labels },
          what,
          op.signal,
          async (c) => {
            const emit = tapVolume(send, op);
            const res = (await c.getArchive({ path: `${SOURCE_ROOT}/.`, abortSignal: op.signal })) as IncomingMessage;
            const read = counter('reading', emit);
            await c.putArchive(res.pipe(read) as unknown as Readable, { path: VOLUME_ROOT, copyUIDGID: true, abortSignal: op.signal });
            emit({ type: 'done', bytes: read.bytes, volume: input.target });
          },
          [source],
        ),
      ),
      { kind: 'clone', signal: callerSignal },
    );
  }

  /**
   * Runs `write` with a helper that has the target volume at /volume: the volume is created when missing (and removed
   * again if the write fails), an existing one must be empty unless `overwrite` (then emptied first).
   */
  private async into(
    t: Target & { overwrite: boolean; labels: Record<string, string> },
    what: string,
    signal: AbortSignal,
    write: (c: Docker.Container) => Promise<void>,
    extraMounts: { volume: string; target: string; readOnly: boolean }[] = [],
  ): Promise<void> {
    const api = this.engines.get(t.engineId).api;
    const created = !(await this.exists(t));
    if (created) {
      try {
        await api.createVolume({ Name: t.name, Labels: t.labels });
      } catch (err) {
        throw toBerthError(err, `create volume "${t.name}"`);
      }
    }
    const mounts = [{ volume: t.name, target: VOLUME_ROOT, readOnly: false }, ...extraMounts];
    let wiped = false;
    try {
      await this.helpers.with(t.engineId, mounts, async (c) => {
        if (!created && !(await isEmptyFolder(c, VOLUME_ROOT))) {
          if (!t.overwrite) {
            throw new BerthError(
              'CONFLICT',
              `Volume "${t.name}" is not empty; restoring into it would mix two sets of files. Choose a new or empty volume, or choose to replace its contents.`,
              { notEmpty: true },
            );
          }
          await this.helpers.run(t.engineId, [{ volume: t.name, target: VOLUME_ROOT, readOnly: false }], ['sh', '-c', `rm -rf ${VOLUME_ROOT}/..?* ${VOLUME_ROOT}/.[!.]* ${VOLUME_ROOT}/*`], `empty volume "${t.name}"`, signal);
          wiped = true;
        }
        await write(c);
      });
    } catch (err) {
      if (created) await api.getVolume(t.name).remove().catch(() => undefined);
      const e = signal.aborted ? new BerthError('CANCELLED', `Cancelled: ${what}.`) : toBerthError(err, what);
      if (!created && wiped) e.message += ` Volume "${t.name}" was emptied before the failure and holds a partial copy now.`;
      throw e;
    }
  }
}

/** Shows a transfer's bytes on its lifecycle entry (as a fraction when the total is known) on their way to the caller. */
function tapVolume(send: Emit, op: OperationHandle, total?: number): Emit {
  return (m) => {
    if (m.type === 'progress') op.progress(total ? m.bytes / total : null, `${m.phase} ${megabytes(m.bytes)}${total ? ` of ${megabytes(total)}` : ''}`);
    send(m);
  };
}

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
