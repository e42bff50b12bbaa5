import type { AreaImplementation } from '../../preload/contract';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import path from 'node:path/posix';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import tar from 'tar-stream';
import {
  FILE_DOWNLOAD_LIMIT,
  FILE_VIEW_LIMIT,
  type FileContent,
  type FileDownloadMessage,
  type FileEntry,
  type FolderListing,
} from '../../preload/contract/container-details';
import { BerthError } from '../../preload/contract/errors';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';
import type { DetailTarget } from './container-details';
import { decodePathStat, decodeText, directChildName, downloadName, normalizeContainerPath, statKind, tarKind, type PathStat } from './container-details-parse';

/**
 * A folder's archive is its whole subtree (the engine has no "one level" mode), so listing a huge folder reads past
 * what it needs. Past these bounds the walk stops and the listing says it is incomplete.
 */
export const LIST_MAX_ENTRIES = 100_000;
export const LIST_MAX_BYTES = 256 * 1024 * 1024;
/** An upload nobody sends to for this long is dropped (the window closed, the socket went away). */
export const UPLOAD_IDLE_MS = 60_000;

interface Upload {
  engineId: string | undefined;
  containerId: string;
  target: string;
  expected: number;
  received: number;
  entry: ReturnType<tar.Pack['entry']>;
  pack: tar.Pack;
  done: Promise<void>;
  failure: BerthError | null;
  abort: AbortController;
  timer: NodeJS.Timeout;
}

/**
 * Files inside a container through the engine's archive API (HEAD/GET/PUT /containers/{id}/archive), never `exec`:
 * it works in images without a shell and in stopped containers.
 */
type Implementation = AreaImplementation<'containerDetails'>['files'];

/** `containerDetails.files`. */
export class ContainerFilesService implements Implementation {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly engines: EngineRegistry) {}

  private container(t: DetailTarget): Docker.Container {
    return this.engines.get(t.engineId).api.getContainer(t.id);
  }

  /** The path's stat, or null when nothing is there. A missing container is an error, not "no such path". */
  async stat(t: DetailTarget, p: string): Promise<PathStat | null> {
    const c = this.container(t);
    try {
      const res = (await c.infoArchive({ path: p })) as IncomingMessage;
      res.resume();
      const stat = decodePathStat(res.headers['x-docker-container-path-stat']);
      if (!stat) throw new BerthError('ENGINE_ERROR', `The engine did not describe "${p}" (no path stat header).`);
      return stat;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode !== 404) throw toBerthError(err, `read "${p}" in "${t.id}"`);
      // HEAD answers 404 both for a missing path and a missing container; the container's inspect tells which.
      try {
        await c.inspect();
      } catch (inspectErr) {
        throw toBerthError(inspectErr, `read "${p}" in "${t.id}"`);
      }
      return null;
    }
  }

  private async mustStat(t: DetailTarget, p: string): Promise<PathStat> {
    const stat = await this.stat(t, p);
    if (!stat) throw new BerthError('NOT_FOUND', `There is no "${p}" in this container.`);
    return stat;
  }

  /** Follows a symlink once (the engine's linkTarget is already fully resolved inside the container). */
  private async resolve(t: DetailTarget, p: string): Promise<{ path: string; stat: PathStat; linkedFrom?: string }> {
    const stat = await this.mustStat(t, p);
    if (statKind(stat.mode) === 'symlink' && stat.linkTarget) {
      const target = normalizeContainerPath(stat.linkTarget.startsWith('/') ? stat.linkTarget : path.join(path.dirname(p), stat.linkTarget));
      const targetStat = await this.stat(t, target);
      if (!targetStat) throw new BerthError('NOT_FOUND', `"${p}" is a link to "${target}", which does not exist.`);
      return { path: target, stat: targetStat, linkedFrom: p };
    }
    return { path: p, stat };
  }

  private async archive(t: DetailTarget, p: string, signal?: AbortSignal): Promise<IncomingMessage> {
    try {
      return (await this.container(t).getArchive(signal ? { path: p, abortSignal: signal } : { path: p })) as IncomingMessage;
    } catch (err) {
      throw toBerthError(err, `read "${p}" in "${t.id}"`);
    }
  }

  async list(t: DetailTarget & { path: string }): Promise<FolderListing> {
    const requested = normalizeContainerPath(t.path);
    const { path: folder, stat, linkedFrom } = await this.resolve(t, requested);
    if (statKind(stat.mode) !== 'directory') throw new BerthError('INVALID_INPUT', `"${folder}" is a file, not a folder.`);
    const abort = new AbortController();
    const res = await this.archive(t, folder, abort.signal);
    const entries: FileEntry[] = [];
    let seen = 0;
    let bytes = 0;
    let truncated = false;
    const extract = tar.extract();
    await new Promise<void>((resolve, reject) => {
      const stop = () => {
        truncated = true;
        abort.abort();
        res.destroy();
        extract.destroy();
        resolve();
      };
      extract.on('entry', (header, body, next) => {
        seen++;
        const name = directChildName(folder, header.name);
        if (name !== null) {
          const entry: FileEntry = {
            name,
            path: folder === '/' ? `/${name}` : `${folder}/${name}`,
            kind: tarKind(header.type),
            size: header.size ?? 0,
            mode: (header.mode ?? 0) & 0o7777,
            modified: header.mtime ? header.mtime.getTime() : 0,
          };
          if (header.linkname) entry.linkTarget = header.linkname;
          entries.push(entry);
        }
        if (seen >= LIST_MAX_ENTRIES || bytes > LIST_MAX_BYTES) return stop();
        body.on('end', () => next());
        body.resume();
      });
      extract.on('finish', () => resolve());
      extract.on('error', (err: Error) => (truncated ? resolve() : reject(toBerthError(err, `list "${folder}"`))));
      res.on('error', (err) => (truncated ? resolve() : reject(toBerthError(err, `list "${folder}"`))));
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.pipe(extract);
    });
    entries.sort((a, b) => Number(b.kind === 'directory') - Number(a.kind === 'directory') || a.name.localeCompare(b.name));
    const listing: FolderListing = { path: folder, entries, truncated };
    if (linkedFrom) listing.linkedFrom = linkedFrom;
    return listing;
  }

  async read(t: DetailTarget & { path: string }): Promise<FileContent> {
    const { path: file, stat } = await this.resolve(t, normalizeContainerPath(t.path));
    const kind = statKind(stat.mode);
    if (kind === 'directory') throw new BerthError('INVALID_INPUT', `"${file}" is a folder, not a file.`);
    if (kind === 'other') return { kind: 'binary', path: file, size: stat.size };
    if (stat.size > FILE_VIEW_LIMIT) return { kind: 'too-large', path: file, size: stat.size, limit: FILE_VIEW_LIMIT };
    const abort = new AbortController();
    const res = await this.archive(t, file, abort.signal);
    const bytes = await firstEntryBytes(res, FILE_VIEW_LIMIT, abort);
    const text = decodeText(bytes);
    return text === null ? { kind: 'binary', path: file, size: stat.size } : { kind: 'text', path: file, size: stat.size, text };
  }

  async download(t: DetailTarget & { path: string }, emit: (m: FileDownloadMessage) => void, signal: AbortSignal): Promise<void> {
    const { path: target, stat } = await this.resolve(t, normalizeContainerPath(t.path));
    const kind = statKind(stat.mode) === 'directory' ? 'folder' : 'file';
    if (kind === 'file' && stat.size > FILE_DOWNLOAD_LIMIT) throw tooBig(target);
    const name = (await this.container(t).inspect().catch(() => null))?.Name.replace(/^\//, '') ?? t.id;
    const res = await this.archive(t, target, signal);
    emit({ type: 'start', fileName: downloadName(target, kind, name), kind, size: kind === 'file' ? stat.size : null });
    if (kind === 'folder') {
      // The archive itself is the download: stream it through, counting.
      let total = 0;
      for await (const chunk of res as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > FILE_DOWNLOAD_LIMIT) {
          res.destroy();
          throw tooBig(target);
        }
        emit({ type: 'chunk', data: new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length) });
      }
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const extract = tar.extract();
      let first = true;
      extract.on('entry', (_header, body, next) => {
        if (!first) {
          body.on('end', () => next());
          body.resume();
          return;
        }
        first = false;
        body.on('data', (data: unknown) => {
          const chunk = data as Uint8Array;
          emit({ type: 'chunk', data: new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length) });
        });
        body.on('end', () => next());
      });
      extract.on('finish', () => resolve());
      extract.on('error', (err: Error) => reject(toBerthError(err, `download "${target}"`)));
      res.on('error', (err) => reject(toBerthError(err, `download "${target}"`)));
      res.pipe(extract);
    });
  }

  async uploadStart(t: DetailTarget & { folder: string; name: string; size: number; overwrite: boolean }): Promise<{ uploadId: string }> {
    const { path: folder, stat } = await this.resolve(t, normalizeContainerPath(t.folder));
    if (statKind(stat.mode) !== 'directory') throw new BerthError('INVALID_INPUT', `"${folder}" is not a folder.`);
    const target = folder === '/' ? `/${t.name}` : `${folder}/${t.name}`;
    const existing = await this.stat(t, target);
    if (existing && statKind(existing.mode) === 'directory') {
      throw new BerthError('CONFLICT', `A folder named "${t.name}" already exists in "${folder}"; a file cannot replace it.`);
    }
    if (existing && !t.overwrite) {
      throw new BerthError('CONFLICT', `"${t.name}" already exists in "${folder}".`, { exists: true, path: target, size: existing.size });
    }
    const pack = tar.pack();
    const abort = new AbortController();
    const uploadId = randomBytes(16).toString('hex');
    const upload: Upload = {
      engineId: t.engineId,
      containerId: t.id,
      target,
      expected: t.size,
      received: 0,
      pack,
      entry: null as unknown as Upload['entry'],
      done: Promise.resolve(),
      failure: null,
      abort,
      timer: setTimeout(() => this.drop(uploadId, new BerthError('TIMEOUT', `The upload of "${t.name}" stalled and was dropped.`)), UPLOAD_IDLE_MS),
    };
    upload.entry = pack.entry({ name: t.name, size: t.size, mode: 0o644, mtime: new Date(), type: 'file' }, (err) => {
      if (err) upload.failure ??= toBerthError(err, `upload "${t.name}"`);
    });
    upload.done = this.container(t)
      .putArchive(pack as unknown as Readable, { path: folder, noOverwriteDirNonDir: true, abortSignal: abort.signal })
      .then(
        () => undefined,
        (err: unknown) => {
          upload.failure ??= toBerthError(err, `upload "${t.name}" into "${folder}"`);
        },
      );
    this.uploads.set(uploadId, upload);
    return { uploadId };
  }

  async uploadChunk(input: { uploadId: string; data: Uint8Array }): Promise<void> {
    const upload = this.upload(input.uploadId);
    if (upload.failure) throw this.drop(input.uploadId, upload.failure);
    if (upload.received + input.data.byteLength > upload.expected) {
      throw this.drop(input.uploadId, new BerthError('INVALID_INPUT', 'The upload sent more bytes than it announced.'));
    }
    upload.timer.refresh();
    upload.received += input.data.byteLength;
    if (!upload.entry.write(Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength))) {
      await new Promise<void>((resolve) => {
        upload.entry.once('drain', resolve);
        upload.abort.signal.addEventListener('abort', () => resolve(), { once: true });
      });
    }
    if (upload.failure) throw this.drop(input.uploadId, upload.failure);
  }

  async uploadFinish(input: { uploadId: string }): Promise<void> {
    const upload = this.upload(input.uploadId);
    if (upload.received !== upload.expected) {
      throw this.drop(input.uploadId, new BerthError('INVALID_INPUT', `The upload ended after ${upload.received} of ${upload.expected} bytes.`));
    }
    (upload.entry as unknown as { end(): void }).end();
    upload.pack.finalize();
    await upload.done;
    clearTimeout(upload.timer);
    this.uploads.delete(input.uploadId);
    if (upload.failure) throw upload.failure;
  }

  uploadCancel(input: { uploadId: string }): Promise<void> {
    if (this.uploads.has(input.uploadId)) this.drop(input.uploadId, new BerthError('CANCELLED', 'Upload cancelled.'));
    return Promise.resolve();
  }

  /** Aborts every upload still open (backend shutdown). */
  close(): void {
    for (const id of [...this.uploads.keys()]) this.drop(id, new BerthError('CANCELLED', 'Berth is closing.'));
  }

  private upload(uploadId: string): Upload {
    const upload = this.uploads.get(uploadId);
    if (!upload) throw new BerthError('NOT_FOUND', 'This upload is no longer open (it finished, failed or stalled).');
    return upload;
  }

  /** Aborts the engine request so nothing half-written lands, and forgets the upload. */
  private drop(uploadId: string, reason: BerthError): BerthError {
    const upload = this.uploads.get(uploadId);
    if (upload) {
      this.uploads.delete(uploadId);
      clearTimeout(upload.timer);
      upload.failure ??= reason;
      upload.abort.abort();
      upload.pack.destroy();
    }
    return reason;
  }
}

function tooBig(p: string): BerthError {
  return new BerthError(
    'INVALID_INPUT',
    `"${p}" is larger than ${FILE_DOWNLOAD_LIMIT / 1024 / 1024} MiB, too big to download through the window; use \`docker cp\`.`,
  );
}

/** The first entry's body, at most `limit` bytes; stops the engine request once it has them. */
function firstEntryBytes(res: IncomingMessage, limit: number, abort: AbortController): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const extract = tar.extract();
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      abort.abort();
      res.destroy();
      extract.destroy();
      resolve(Buffer.concat(chunks).subarray(0, limit));
    };
    extract.on('entry', (_header, body) => {
      body.on('data', (data: unknown) => {
        const chunk = data as Buffer;
        chunks.push(chunk);
        size += chunk.length;
        if (size >= limit) finish();
      });
      body.on('end', finish);
    });
    extract.on('finish', finish);
    extract.on('error', (err: Error) => (settled ? undefined : reject(toBerthError(err, 'read the file'))));
    res.on('error', (err) => (settled ? undefined : reject(toBerthError(err, 'read the file'))));
    res.pipe(extract);
  });
}
