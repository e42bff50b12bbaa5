import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type {
  BuildMessage,
  ImageLayer,
  ImageRemovalPlan,
  ImagesMessage,
  ImageUser,
  PrunePlan,
  ImagePruneResult,
  TransferMessage,
} from '../../preload/contract/images';
import { parseImageRef } from '../../preload/contract/image-ref';
import { BerthError } from '../../preload/contract/errors';
import type { EngineRegistry } from '../engine/registry';
import { JsonLineSplitter } from '../engine/json-lines';
import { hostPathError, toBerthError } from '../errors';
import type { EngineInput } from '../../preload/contract';
import type { ContainersService } from './containers';
import { BuildStepTimeline } from './dockerfile-build-steps';
import { BuildTracker, contextWarning, packContext, resolveDockerfile, scanContext, type RawBuildMessage } from './images-build';
import { imageList, type ImageList } from './images-list';
import { PerEngine } from './live-list';
import { TransferProgress, type RawProgress } from './image-progress';
import type { LifecycleController, OperationHandle } from './lifecycle';
import { locks } from './locks';
import type { RegistriesService } from './registries';
import { uniqueSize } from './image-unique-size';
import { mapLimited } from './map-limited';

interface Target {
  engineId?: string | undefined;
  id: string;
}

/** Progress messages go out at most this often (the engine sends hundreds a second on a fast pull). */
const PROGRESS_EVERY_MS = 100;
const MAX_DOCKERFILE_BYTES = 1024 * 1024;

const isId = (s: string) => /^(sha256:)?[0-9a-f]{6,64}$/.test(s);

export class ImagesService {
  /** Every engine's live image list, from the start. */
  private readonly stores: PerEngine<ImageList>;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly containers: ContainersService,
    private readonly lifecycle: LifecycleController,
    private readonly registries: RegistriesService,
  ) {
    this.stores = new PerEngine(engines, (engine) => imageList(engine).start(), true);
  }

  store(engineId?: string): ImageList {
    return this.stores.get(engineId);
  }

  watch(input: EngineInput, emit: (m: ImagesMessage) => void, signal: AbortSignal): Promise<void> {
    return this.store(input.engineId).stream(emit, signal);
  }

  async history(t: Target): Promise<ImageLayer[]> {
    const api = this.engines.get(t.engineId).api;
    try {
      const raw = (await api.getImage(t.id).history()) as {
        Id: string;
        Created: number;
        CreatedBy: string;
        Tags: string[] | null;
        Size: number;
        Comment: string;
      }[];
      return raw.map((h) => ({
        id: h.Id && h.Id !== '<missing>' ? h.Id : null,
        createdBy: h.CreatedBy.replace(/^\/bin\/sh -c #\(nop\)\s+/, '').replace(/^\/bin\/sh -c /, 'RUN '),
        created: h.Created * 1000,
        size: h.Size,
        empty: h.Size === 0,
        tags: h.Tags ?? [],
        comment: h.Comment ?? '',
      }));
    } catch (err) {
      throw toBerthError(err, `read the history of ${t.id}`);
    }
  }

  async tag(t: Target & { ref: string }): Promise<void> {
    const parsed = parseImageRef(t.ref);
    if (!parsed.ok) throw new BerthError('INVALID_INPUT', parsed.message);
    const api = this.engines.get(t.engineId).api;
    const repo = parsed.ref.familiarName;
    const tag = parsed.ref.tag ?? 'latest';
    await this.lifecycle.run(locks.image(this.engines.get(t.engineId).id, t.id), `tag ${t.id} as ${repo}:${tag}`, async () => {
      try {
        await api.getImage(t.id).tag({ repo, tag });
      } catch (err) {
        throw toBerthError(err, `tag ${t.id} as ${repo}:${tag}`);
      }
    });
    this.store(t.engineId).refresh();
  }

  /** Containers created from the image with this full id (running or not). */
  private usersOf(engineId: string | undefined, imageId: string): ImageUser[] {
    const snap = this.containers.store(engineId).snapshot();
    if (snap.type !== 'snapshot') return [];
    return snap.containers.filter((c) => c.imageId === imageId).map((c) => ({ id: c.id, name: c.name, state: c.state }));
  }

  async planRemoval(t: Target): Promise<ImageRemovalPlan> {
    const api = this.engines.get(t.engineId).api;
    let info: { Id: string; RepoTags?: string[] | null; Size: number };
    try {
      info = (await api.getImage(t.id).inspect()) as typeof info;
    } catch (err) {
      throw toBerthError(err, `look up ${t.id}`);
    }
    const repoTags = (info.RepoTags ?? []).filter((x) => x !== '<none>:<none>');
    const byTag = !isId(t.id) && repoTags.length > 1;
    return {
      image: { id: info.Id, repoTags, size: info.Size },
      untags: byTag ? [normalizeTag(t.id)] : repoTags,
      deletesImage: !byTag,
      containers: this.usersOf(t.engineId, info.Id),
    };
  }

  /**
   * Removes an image. By id: every tag goes and then the image (a plain `docker rmi <id>` refuses an image with
   * several tags; Berth removes them one by one). By repo:tag of an image with several tags: just that tag.
   */
  async remove(t: Target & { force: boolean }): Promise<void> {
    const plan = await this.planRemoval(t);
    const api = this.engines.get(t.engineId).api;
    const key = locks.image(this.engines.get(t.engineId).id, plan.image.id);
    const blocking = plan.containers;
    if (plan.deletesImage && blocking.length > 0 && !t.force) {
      throw new BerthError(
        'CONFLICT',
        `${this.nameOf(plan)} is used by ${blocking.length === 1 ? 'container' : 'containers'} ${blocking.map((c) => `"${c.name}"`).join(', ')}. Remove ${blocking.length === 1 ? 'it' : 'them'} first, or remove the image with force (which untags it and leaves stopped containers on a nameless image).`,
        { reason: 'in-use', containers: blocking },
      );
    }
    await this.lifecycle.run(key, `remove ${this.nameOf(plan)}`, async () => {
      try {
        if (!plan.deletesImage) {
          await api.getImage(t.id).remove({ noprune: false });
        } else if (t.force || plan.image.repoTags.length <= 1) {
          await api.getImage(plan.image.id).remove({ force: t.force });
        } else {
          for (const tag of plan.image.repoTags) await api.getImage(tag).remove();
        }
      } catch (err) {
        const e = toBerthError(err, `remove ${this.nameOf(plan)}`);
        if (e.code === 'CONFLICT' && /running container/i.test(e.message)) {
          const running = blocking.filter((c) => c.state === 'running' || c.state === 'paused');
          throw new BerthError(
            'CONFLICT',
            `${this.nameOf(plan)} is used by running ${running.length === 1 ? 'container' : 'containers'} ${running.map((c) => `"${c.name}"`).join(', ') || '(one Berth has not seen yet)'}; even force does not remove it. Stop ${running.length === 1 ? 'it' : 'them'} first.`,
            { reason: 'in-use-running', containers: running },
          );
        }
        throw e;
      }
    });
    this.store(t.engineId).refresh();
  }

  private nameOf(plan: ImageRemovalPlan): string {
    return plan.untags[0] ?? plan.image.repoTags[0] ?? plan.image.id.replace(/^sha256:/, '').slice(0, 12);
  }

  pull(input: { engineId?: string | undefined; ref: string }, send: (m: TransferMessage) => void, callerSignal: AbortSignal): Promise<void> {
    const parsed = parseImageRef(input.ref);
    if (!parsed.ok) throw new BerthError('INVALID_INPUT', parsed.message);
    const ref = parsed.ref;
    const api = this.engines.get(input.engineId).api;
    const label = `pull ${ref.familiar}`;
    return this.lifecycle.run(locks.imageRef(this.engines.get(input.engineId).id, ref.familiar), label, async (op) => {
      const { signal } = op;
      const emit = tapTransfer(send, op);
      const authconfig = await this.registries.authFor(ref.domain);
      let stream: Readable;
      try {
        stream = (await api.createImage({
          fromImage: ref.familiarName,
          tag: ref.digest ?? ref.tag ?? 'latest',
          ...(authconfig ? { authconfig } : {}),
          abortSignal: signal,
        })) as Readable;
      } catch (err) {
        throw this.transferError(err, 'pull', ref.familiar, authconfig !== null);
      }
      const progress = await this.follow(stream, new TransferProgress('pull'), emit, signal);
      if (progress.error) throw this.transferError({ message: progress.error }, 'pull', ref.familiar, authconfig !== null);
      const id = await api
        .getImage(ref.familiar)
        .inspect()
        .then((i) => i.Id)
        .catch(() => null);
      this.store(input.engineId).refresh();
      emit({ type: 'done', ref: ref.familiar, id, digest: progress.digest, status: progress.status });
    }, { kind: 'pull', signal: callerSignal });
  }

  push(input: { engineId?: string | undefined; ref: string }, send: (m: TransferMessage) => void, callerSignal: AbortSignal): Promise<void> {
    const parsed = parseImageRef(input.ref);
    if (!parsed.ok) throw new BerthError('INVALID_INPUT', parsed.message);
    const ref = parsed.ref;
    const api = this.engines.get(input.engineId).api;
    return this.lifecycle.run(locks.imageRef(this.engines.get(input.engineId).id, ref.familiar), `push ${ref.familiar}`, async (op) => {
      const { signal } = op;
      const emit = tapTransfer(send, op);
      const authconfig = await this.registries.authFor(ref.domain);
      let stream: Readable;
      try {
        stream = (await api.getImage(ref.familiarName).push({
          tag: ref.tag ?? 'latest',
          ...(authconfig ? { authconfig } : {}),
          abortSignal: signal,
        })) as Readable;
      } catch (err) {
        throw this.transferError(err, 'push', ref.familiar, authconfig !== null);
      }
      const progress = await this.follow(stream, new TransferProgress('push'), emit, signal);
      if (progress.error) throw this.transferError({ message: progress.error }, 'push', ref.familiar, authconfig !== null);
      emit({ type: 'done', ref: ref.familiar, id: null, digest: progress.digest, status: progress.status });
    }, { kind: 'push', signal: callerSignal });
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
    const onAbort = () => stream.destroy();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      for await (const chunk of stream) splitter.push(chunk as Uint8Array);
      splitter.end();
    } catch (err) {
      if (signal.aborted) throw new BerthError('CANCELLED', 'Cancelled.');
      throw err;
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
    if (signal.aborted) throw new BerthError('CANCELLED', 'Cancelled.');
    if (pending || last === 0) flush();
    return progress;
  }

  private transferError(err: unknown, verb: 'pull' | 'push', ref: string, hadCreds: boolean): BerthError {
    const e = toBerthError(err, `${verb} ${ref}`);
    if (e.code === 'CANCELLED') return e;
    // dockerode puts the engine's own words after " - " in the message and only "server error" in the reason.
    const raw = String((err as { message?: unknown } | null)?.message ?? '');
    const detail = raw.includes(' - ') ? raw.slice(raw.indexOf(' - ') + 3) : raw;
    const text = `${e.message} ${detail}`;
    if (/unauthorized|authentication required|no basic auth credentials|denied|401/i.test(text)) {
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

  async readDockerfile(input: { context: string; dockerfile: string }): Promise<{ path: string; text: string }> {
    const file = await resolveDockerfile(input.context, input.dockerfile);
    const stat = await fs.stat(file);
    if (stat.size > MAX_DOCKERFILE_BYTES) throw new BerthError('INVALID_INPUT', `${file} is ${stat.size} bytes; that is not a Dockerfile.`);
    try {
      return { path: file, text: await fs.readFile(file, 'utf8') };
    } catch (err) {
      throw hostPathError(err, 'read the Dockerfile', file);
    }
  }

  build(
    input: {
      engineId?: string | undefined;
      context: string;
      dockerfile: string;
      tags: string[];
      buildArgs: Record<string, string>;
      target: string;
      noCache: boolean;
      pull: boolean;
      labels: Record<string, string>;
    },
    send: (m: BuildMessage) => void,
    callerSignal: AbortSignal,
  ): Promise<void> {
    const engine = this.engines.get(input.engineId);
    const api = engine.api;
    const label = `build ${input.tags[0] ?? path.basename(input.context)}`;
    return this.lifecycle.run(locks.build(engine.id, path.resolve(input.context)), label, async (op) => {
      const { signal } = op;
      const emit = (m: BuildMessage) => {
        if (m.type === 'step') op.progress(m.total ? (m.step - 1) / m.total : null, `Step ${m.step}/${m.total}: ${m.instruction}`);
        send(m);
      };
      const ctx = await scanContext(input.context, input.dockerfile);
      emit({ type: 'context', bytes: ctx.bytes, files: ctx.files, warning: contextWarning(ctx) });
      const tracker = new BuildTracker();
      const timeline = new BuildStepTimeline(() => performance.now());
      const tags = input.tags.map((t) => {
        const p = parseImageRef(t);
        return p.ok ? p.ref.familiar : t;
      });
      let stream: Readable;
      try {
        const builder = api as unknown as { buildImage(file: Readable, opts: Record<string, unknown>): Promise<unknown> };
        stream = (await builder.buildImage(packContext(ctx, signal), {
          t: tags,
          dockerfile: path.relative(ctx.root, path.resolve(ctx.root, input.dockerfile)).split(path.sep).join('/'),
          buildargs: input.buildArgs,
          ...(input.target ? { target: input.target } : {}),
          nocache: input.noCache,
          pull: input.pull ? 'true' : undefined,
          rm: true,
          forcerm: true,
          labels: input.labels,
          abortSignal: signal,
        })) as Readable;
      } catch (err) {
        throw toBerthError(err, 'start the build');
      }
      const splitter = new JsonLineSplitter<RawBuildMessage>((msg) => {
        const began = tracker.push(msg);
        timeline.push(msg);
        if (began) emit({ type: 'step', ...began });
        const text = msg.stream ?? msg.status;
        if (text) emit({ type: 'log', text });
      });
      const onAbort = () => stream.destroy();
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        for await (const chunk of stream) splitter.push(chunk as Uint8Array);
        splitter.end();
      } catch (err) {
        if (signal.aborted) throw new BerthError('CANCELLED', 'Build cancelled.');
        throw toBerthError(err, 'build');
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
      if (signal.aborted) throw new BerthError('CANCELLED', 'Build cancelled.');
      timeline.finish();
      if (tracker.error) {
        emit({ type: 'steps', steps: timeline.report(new Map()) });
        throw tracker.failure();
      }
      if (!tracker.imageId) throw new BerthError('ENGINE_ERROR', 'The build ended without naming an image.');
      let id = tracker.imageId;
      try {
        id = ((await api.getImage(id).inspect()) as { Id: string }).Id;
      } catch {
        // keep the short id
      }
      this.store(input.engineId).refresh();
      emit({ type: 'steps', steps: timeline.report(await this.layerSizes(api, id)) });
      emit({ type: 'done', id, tags });
    }, { kind: 'build', signal: callerSignal });
  }

  /** Each locally built layer's size by image id, for the build's per-step report; empty when the history cannot be read. */
  private async layerSizes(api: ReturnType<EngineRegistry["get"]>["api"], id: string): Promise<Map<string, number>> {
    try {
      const history = (await api.getImage(id).history()) as { Id: string; Size: number }[];
      return new Map(history.filter((h) => h.Id && h.Id !== '<missing>').map((h) => [h.Id, h.Size]));
    } catch {
      return new Map();
    }
  }

  /** What a prune would remove: top-level images no container uses (untagged ones only, unless `all`). */
  async planPrune(input: { engineId?: string | undefined; all: boolean; label?: string | undefined }): Promise<PrunePlan> {
    const api = this.engines.get(input.engineId).api;
    let df: { Images?: { Id: string; Size: number; SharedSize: number; Containers: number }[] };
    let containers: { ImageID: string }[];
    try {
      [df, containers] = await Promise.all([
        api.df() as Promise<typeof df>,
        api.listContainers({ all: true }) as unknown as Promise<{ ImageID: string }[]>,
      ]);
    } catch (err) {
      throw toBerthError(err, 'work out what a prune removes');
    }
    const images = await this.store(input.engineId).reloadNow();
    const used = new Set(containers.map((c) => c.ImageID));
    const unique = new Map((df.Images ?? []).map((i) => [i.Id, Math.max(0, i.Size - Math.max(0, i.SharedSize))]));
    const sizeOf = new Map((df.Images ?? []).map((i) => [i.Id, i.Size]));
    const [labelKey, labelValue] = input.label ? splitLabel(input.label) : [null, null];
    const chosen = images.filter(
      (i) =>
        !used.has(i.id) &&
        (input.all || i.dangling) &&
        (labelKey === null || (labelKey in i.labels && (labelValue === null || i.labels[labelKey] === labelValue))),
    );
    // Docker 26's /system/df says SharedSize = Size for images whose own top layers no other image has: read as is,
    // a prune would free nothing. Then the unique bytes come from the layer chains instead.
    if (chosen.some((i) => (sizeOf.get(i.id) ?? 0) > 0 && unique.get(i.id) === 0)) {
      const layered = await mapLimited(images, 8, async (i) => ({
        id: i.id,
        size: sizeOf.get(i.id) ?? i.size,
        layers: ((await api.getImage(i.id).inspect().catch(() => null))?.RootFS?.Layers ?? []) as string[],
      }));
      const chosenIds = new Set(chosen.map((i) => i.id));
      const others = layered.filter((l) => !chosenIds.has(l.id));
      for (const l of layered) if (chosenIds.has(l.id)) unique.set(l.id, uniqueSize(l, others));
    }
    return {
      all: input.all,
      images: chosen.map((i) => ({ id: i.id, repoTags: i.repoTags, size: i.size, created: i.created })),
      bytes: chosen.reduce((n, i) => n + (unique.get(i.id) ?? 0), 0),
    };
  }

  async prune(input: { engineId?: string | undefined; all: boolean; label?: string | undefined }): Promise<ImagePruneResult> {
    const engine = this.engines.get(input.engineId);
    const filters: Record<string, string[]> = { dangling: [input.all ? 'false' : 'true'] };
    if (input.label) filters.label = [input.label];
    return this.lifecycle.run(locks.prune(engine.id, 'images'), input.all ? 'prune unused images' : 'prune dangling images', async () => {
      let res: { ImagesDeleted?: { Untagged?: string; Deleted?: string }[] | null; SpaceReclaimed?: number };
      try {
        res = (await engine.api.pruneImages({ filters })) as typeof res;
      } catch (err) {
        throw toBerthError(err, 'prune images');
      }
      this.store(input.engineId).refresh();
      const deleted = (res.ImagesDeleted ?? []).flatMap((d) => (d.Deleted ? [d.Deleted] : []));
      const untagged = (res.ImagesDeleted ?? []).flatMap((d) => (d.Untagged ? [d.Untagged] : []));
      return { deleted, untagged, reclaimed: res.SpaceReclaimed ?? 0 };
    }, { kind: 'prune' });
  }

  async save(input: { engineId?: string | undefined; ids: string[]; path: string; overwrite: boolean }): Promise<{ path: string; bytes: number }> {
    const api = this.engines.get(input.engineId).api;
    const target = input.path; // absolute (the contract says so): never relative to the server's working folder
    const exists = () => new BerthError('CONFLICT', `${target} already exists; saving would replace it.`, { exists: true });
    if (!input.overwrite && (await fs.lstat(target).catch(() => null))) throw exists();
    const temp = `${target}.${randomBytes(4).toString('hex')}.part`;
    try {
      const many = api as unknown as { getImages(opts: { names: string[] }): Promise<NodeJS.ReadableStream> };
      const stream = (input.ids.length === 1 ? await api.getImage(input.ids[0]!).get() : await many.getImages({ names: input.ids })) as unknown as Readable;
      await pipeline(stream, createWriteStream(temp, { mode: 0o644 }));
      if (input.overwrite) await fs.rename(temp, target);
      else {
        // A file created there meanwhile is not replaced either: link() fails with EEXIST where rename() would not.
        await fs.link(temp, target).catch((err: NodeJS.ErrnoException) => {
          throw err.code === 'EEXIST' ? exists() : err;
        });
        await fs.rm(temp, { force: true });
      }
      return { path: target, bytes: (await fs.stat(target)).size };
    } catch (err) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      // The folder missing or read-only, the disk full: the file's errors, said as such; the engine's go on as they are.
      throw hostPathError(err, `save ${input.ids.join(', ')}`, target, { diskFull: 'The partial file was removed.' });
    }
  }

  async load(input: { engineId?: string | undefined; path: string }): Promise<{ loaded: string[] }> {
    const api = this.engines.get(input.engineId).api;
    const source = input.path;
    try {
      await fs.access(source);
    } catch {
      throw new BerthError('NOT_FOUND', `There is no file at ${source}.`);
    }
    const loaded: string[] = [];
    let error: string | null = null;
    try {
      const stream = (await api.loadImage(createReadStream(source), { quiet: true })) as unknown as Readable;
      const splitter = new JsonLineSplitter<{ stream?: string; error?: string; errorDetail?: { message?: string } }>((m) => {
        if (m.error) error = m.errorDetail?.message ?? m.error;
        const got = /Loaded image(?: ID)?: (\S+)/.exec(m.stream ?? '');
        if (got) loaded.push(got[1]!);
      });
      for await (const chunk of stream) splitter.push(chunk as Uint8Array);
      splitter.end();
    } catch (err) {
      throw hostPathError(err, 'load images', source);
    }
    if (error) throw new BerthError('INVALID_INPUT', `Could not load images from ${source}: ${error}`);
    this.store(input.engineId).refresh();
    return { loaded };
  }
}

function splitLabel(label: string): [string, string | null] {
  const eq = label.indexOf('=');
  return eq === -1 ? [label, null] : [label.slice(0, eq), label.slice(eq + 1)];
}

/** `busybox` → `busybox:latest`, as RepoTags spell it. */
function normalizeTag(ref: string): string {
  const parsed = parseImageRef(ref);
  return parsed.ok ? `${parsed.ref.familiarName}:${parsed.ref.tag ?? 'latest'}` : ref;
}

/** Feeds a pull/push's progress and log lines to its lifecycle entry on their way to the caller. */
function tapTransfer(send: (m: TransferMessage) => void, op: OperationHandle): (m: TransferMessage) => void {
  return (m) => {
    if (m.type === 'progress') op.progress(m.percent / 100, m.status);
    else if (m.type === 'log') op.detail(m.line);
    send(m);
  };
}
