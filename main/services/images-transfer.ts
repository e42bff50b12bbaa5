import type { Readable } from 'node:stream';
import type { TransferMessage } from '../../preload/contract/images';
import { parseImageRef, type ImageRef } from '../../preload/contract/image-ref';
import { BerthError } from '../../preload/contract/errors';
import type { EngineRegistry } from '../engine/registry';
import { JsonLineSplitter, readJsonLines } from '../engine/json-lines';
import { toBerthError } from '../errors';
import { TransferProgress, type RawProgress } from './image-progress';
import type { LifecycleController, OperationHandle } from './lifecycle';
import { locks } from './locks';
import type { RegistriesService } from './registries';

import type { AreaInputs } from '../../preload/contract';
import type { ImagesService } from './images';

/** `images.pull` and `images.push`: through the engine with the registry's credentials, as tracked operations with layer progress, their errors said plainly. */
/** Progress messages go out at most this often (the engine sends hundreds a second on a fast pull). */
const PROGRESS_EVERY_MS = 100;

export class ImageTransfers {
  constructor(
    private readonly engines: EngineRegistry,
    private readonly lifecycle: LifecycleController,
    private readonly images: ImagesService,
    private readonly registries: RegistriesService,
  ) {}

  pull(input: AreaInputs<'images'>['pull'], send: (m: TransferMessage) => void, callerSignal: AbortSignal): Promise<void> {
    const parsed = parseImageRef(input.ref);
    if (!parsed.ok) throw new BerthError('INVALID_INPUT', parsed.message);
    const ref = parsed.ref;
    const api = this.engines.get(input.engineId).api;
    const label = `pull ${ref.familiar}`;
    return this.lifecycle.run(locks.imageRef(this.engines.get(input.engineId).id, ref.familiar), label, async (op) => {
      const { signal } = op;
      const emit = tapTransfer(send, op);
      const progress = await this.transfer('pull', ref, emit, signal, (auth) =>
        api.createImage({ fromImage: ref.familiarName, tag: ref.digest ?? ref.tag ?? 'latest', ...auth, abortSignal: signal }),
      );
      const id = await api
        .getImage(ref.familiar)
        .inspect()
        .then((i) => i.Id)
        .catch(() => null);
      this.images.store(input.engineId).refresh();
      emit({ type: 'done', ref: ref.familiar, id, digest: progress.digest, status: progress.status });
    }, { kind: 'pull', signal: callerSignal, onTracked: (id) => send({ type: 'operation', id }) });
  }

  push(input: AreaInputs<'images'>['push'], send: (m: TransferMessage) => void, callerSignal: AbortSignal): Promise<void> {
    const parsed = parseImageRef(input.ref);
    if (!parsed.ok) throw new BerthError('INVALID_INPUT', parsed.message);
    const ref = parsed.ref;
    const api = this.engines.get(input.engineId).api;
    return this.lifecycle.run(locks.imageRef(this.engines.get(input.engineId).id, ref.familiar), `push ${ref.familiar}`, async (op) => {
      const { signal } = op;
      const emit = tapTransfer(send, op);
      const progress = await this.transfer('push', ref, emit, signal, (auth) =>
        api.getImage(ref.familiarName).push({ tag: ref.tag ?? 'latest', ...auth, abortSignal: signal }),
      );
      emit({ type: 'done', ref: ref.familiar, id: null, digest: progress.digest, status: progress.status });
    }, { kind: 'push', signal: callerSignal, onTracked: (id) => send({ type: 'operation', id }) });
  }

  /**
   * Opens a pull or push stream (`open`, given the registry's credentials if Berth has any) and follows it to its
   * end; either failing is said as a transfer error that knows whether credentials were sent.
   */
  private async transfer(
    kind: 'pull' | 'push',
    ref: ImageRef,
    emit: (m: TransferMessage) => void,
    signal: AbortSignal,
    open: (auth: { authconfig?: Record<string, string> }) => Promise<unknown>,
  ): Promise<TransferProgress> {
    const authconfig = await this.registries.authFor(ref.domain);
    let stream: Readable;
    try {
      stream = (await open(authconfig ? { authconfig } : {})) as Readable;
    } catch (err) {
      throw this.transferError(err, kind, ref.familiar, authconfig !== null);
    }
    const progress = await this.follow(stream, new TransferProgress(kind), emit, signal);
    if (progress.error) throw this.transferError({ message: progress.error }, kind, ref.familiar, authconfig !== null);
    return progress;
  }

  /** Reads a pull/push stream to its end, sending progress at most every PROGRESS_EVERY_MS and each log line. */
  private async follow(stream: Readable, progress: TransferProgress, emit: (m: TransferMessage) => void, signal: AbortSignal) {
    let last = 0;
    let pending = false;
    const flush = () => {
      pending = false;
      last = Date.now();
      emit(progress.snapshot());
    };
    const splitter = new JsonLineSplitter<RawProgress>((msg) => {
      const line = progress.push(msg);
      if (line) emit({ type: 'log', line });
      if (Date.now() - last >= PROGRESS_EVERY_MS) flush();
      else pending = true;
    });
    await readJsonLines(stream, splitter, signal, 'Cancelled.');
    if (signal.aborted) throw new BerthError('CANCELLED', 'Cancelled.');
    if (pending || last === 0) flush();
    return progress;
  }

  private transferError(err: unknown, verb: 'pull' | 'push', ref: string, hadCreds: boolean): BerthError {
    return transferErrorOf(err, verb, ref, hadCreds);
  }
}

/** Feeds a pull/push's progress and log lines to its lifecycle entry on their way to the caller. */
function tapTransfer(send: (m: TransferMessage) => void, op: OperationHandle): (m: TransferMessage) => void {
  return (m) => {
    if (m.type === 'progress') op.progress(m.percent / 100, m.status);
    else if (m.type === 'log') op.detail(m.line);
    send(m);
  };
}

/** A pull's or push's failure as the user should read it: login needed, no such tag, registry down, or the engine's words. */
export function transferErrorOf(err: unknown, verb: 'pull' | 'push', ref: string, hadCreds: boolean): BerthError {
  const e = toBerthError(err, `${verb} ${ref}`);
  if (e.code === 'CANCELLED') return e;
  // dockerode puts the engine's own words after " - " in the message and only "server error" in the reason.
  const raw = String((err as { message?: unknown } | null)?.message ?? '');
  const detail = raw.includes(' - ') ? raw.slice(raw.indexOf(' - ') + 3) : raw;
  // Matched without the reference and its registry: a port such as 34012 or a repository named "denied" is no answer.
  const host = ref.includes('/') ? ref.slice(0, ref.indexOf('/')) : '';
  const text = [ref, host].filter(Boolean).reduce((t, s) => t.split(s).join(' '), `${e.message} ${detail}`);
  if (/unauthorized|authentication required|no basic auth credentials|denied|\b401\b/i.test(text)) {
    return new BerthError(
      'PERMISSION_DENIED',
      hadCreds
        ? `Could not ${verb} ${ref}: the registry refused the stored credentials. Log in again.`
        : `Could not ${verb} ${ref}: the registry needs you to log in (or the repository does not exist).`,
      { reason: hadCreds ? 'bad-credentials' : 'login-required' },
    );
  }
  if (/manifest unknown|not found|does not exist/i.test(text) && verb === 'pull') {
    return new BerthError('NOT_FOUND', `Could not pull ${ref}: the registry has no such image or tag.`);
  }
  if (/connection refused|no such host|i\/o timeout|dial tcp|server gave HTTP response to HTTPS client/i.test(text)) {
    return new BerthError('ENGINE_ERROR', `Could not ${verb} ${ref}: the registry does not answer (${detail.replace(/^.*?: (?=dial|Get|Head)/, '').slice(0, 200)}).`, {
      reason: 'registry-unreachable',
    });
  }
  if (e.code === 'INTERNAL' || (e.code === 'ENGINE_ERROR' && detail)) return new BerthError('ENGINE_ERROR', `Could not ${verb} ${ref}: ${detail || e.message}`);
  return e;
}
