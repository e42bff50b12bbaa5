import type { IncomingMessage } from 'node:http';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Docker from 'dockerode';
import type { AreaInputs } from '../../preload/contract';
import { BerthError } from '../../preload/contract/errors';
import type { CopyImageMessage } from '../../preload/contract/images';
import type { EngineRegistry } from '../engine/registry';
import { identityOf } from '../engine/twins';
import { toBerthError } from '../errors';
import { readLoadAnswer, type LoadAnswer } from './image-load-answer';
import type { ImagesService } from './images';
import type { LifecycleController } from './lifecycle';
import { locks } from './locks';

/** Progress goes out at most this often (a local copy moves hundreds of MB a second in 64 KiB chunks). */
const PROGRESS_EVERY_MS = 200;

/**
 * `images.copyToEngine`: an image from one engine to another with nothing in between but this process's stream
 * buffers. The source's `GET /images/{name}/get` (docker save) is piped into the target's `POST /images/load`
 * (docker load): pipeline() carries backpressure from the target's socket back to the source's, so memory stays at
 * a few buffers whatever the image's size, and no temp file is written. Tracked as an operation (bytes as
 * progress, a cancel that aborts both requests), serialized with other work on that image on the target.
 */
export class ImageCopies {
  constructor(
    private readonly engines: EngineRegistry,
    private readonly lifecycle: LifecycleController,
    private readonly images: ImagesService,
  ) {}

  copyToEngine(input: AreaInputs<'images'>['copyToEngine'], send: (m: CopyImageMessage) => void, callerSignal: AbortSignal): Promise<void> {
    const source = this.engines.get(input.engineId);
    const target = this.engines.get(input.targetEngineId);
    if (source.id === target.id) throw new BerthError('INVALID_INPUT', 'The image is already on that engine: choose another engine to copy it to.');
    const sourceApi = source.api;
    const targetApi = target.api;
    const sameDaemon = identityOf(source.status);
    if (sameDaemon && sameDaemon === identityOf(target.status)) {
      const name = (id: string) => this.engines.get(id).status.name ?? id;
      throw new BerthError('CONFLICT', `${name(target.id)} and ${name(source.id)} are the same engine (two ways to reach one daemon): the image is already there.`, { reason: 'same-daemon' });
    }
    const targetName = target.status.name ?? target.id;
    const label = `copy ${input.id} to ${targetName}`;
    return this.lifecycle.run(
      locks.imageRef(target.id, input.id),
      label,
      async (op) => {
        const { signal } = op;
        let totalBytes: number | null = null;
        try {
          totalBytes = (await sourceApi.getImage(input.id).inspect()).Size ?? null;
        } catch (err) {
          throw toBerthError(err, `copy ${input.id}`);
        }
        let bytes = 0;
        let last = 0;
        const report = (force = false) => {
          if (!force && Date.now() - last < PROGRESS_EVERY_MS) return;
          last = Date.now();
          op.progress(totalBytes ? Math.min(0.99, bytes / totalBytes) : null, `${mib(bytes)}${totalBytes ? ` of about ${mib(totalBytes)}` : ''} to ${targetName}`);
          send({ type: 'progress', bytes, totalBytes });
        };
        report(true);
        // One abort for both requests: the user's cancel, or either side failing, ends the other.
        const both = new AbortController();
        const onAbort = () => both.abort();
        signal.addEventListener('abort', onAbort, { once: true });
        const counter = new Transform({
          transform(chunk: Buffer, _enc, done) {
            bytes += chunk.byteLength;
            report();
            done(null, chunk);
          },
        });
        let answer: LoadAnswer;
        try {
          const saved = await saveStream(sourceApi, input.id, both.signal);
          const loading = targetApi.loadImage(counter, { quiet: true, abortSignal: both.signal } as object) as unknown as Promise<Readable>;
          // The target answers once it has read the whole archive; until then the pipeline feeds it.
          const fed = pipeline(saved, counter, { signal: both.signal }).catch((err: unknown) => {
            both.abort();
            throw err;
          });
          const [loadStream] = await Promise.all([loading.catch((err: unknown) => { both.abort(); throw err; }), fed]);
          answer = await readLoadAnswer(loadStream);
        } catch (err) {
          if (signal.aborted) throw new BerthError('CANCELLED', 'Cancelled.');
          throw toBerthError(err, `copy ${input.id} to ${targetName}`);
        } finally {
          signal.removeEventListener('abort', onAbort);
        }
        if (answer.error) throw new BerthError('ENGINE_ERROR', `${targetName} could not load ${input.id}: ${answer.error}`);
        report(true);
        this.images.store(target.id).refresh();
        send({ type: 'done', loaded: answer.loaded, bytes });
      },
      { kind: 'copy', signal: callerSignal, onTracked: (id) => send({ type: 'operation', id }) },
    );
  }
}

/** `GET /images/{name}/get` with an abort signal (dockerode's Image.get takes none). */
function saveStream(api: Docker, name: string, signal: AbortSignal): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    api.modem.dial(
      // @types/docker-modem omits abortSignal; docker-modem passes it to http.request.
      { path: `/images/${name}/get`, method: 'GET', isStream: true, abortSignal: signal, statusCodes: { 200: true, 404: 'no such image', 500: 'server error' } } as Parameters<Docker['modem']['dial']>[0],
      (err: unknown, res: unknown) => (err ? reject(err) : resolve(res as IncomingMessage)),
    );
  });
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MiB`;
