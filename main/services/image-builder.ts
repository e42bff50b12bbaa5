import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { BuildMessage } from '../../preload/contract/images';
import { parseImageRef } from '../../preload/contract/image-ref';
import { BerthError } from '../../preload/contract/errors';
import type { EngineRegistry } from '../engine/registry';
import { JsonLineSplitter, readJsonLines } from '../engine/json-lines';
import { hostPathError, toBerthError } from '../errors';
import { BuildStepTimeline } from './dockerfile-build-steps';
import { BuildTracker, contextWarning, packContext, resolveDockerfile, scanContext, type RawBuildMessage } from './images-build';
import type { LifecycleController } from './lifecycle';
import { locks } from './locks';

import type { AreaInputs } from '../../preload/contract';
import type { ImagesService } from './images';

const MAX_DOCKERFILE_BYTES = 1024 * 1024;

/** `images.build` and `images.readDockerfile`: the context packed as the CLI would (images-build.ts), the build a tracked operation with steps and their sizes. */
export class ImageBuilder {
  constructor(
    private readonly engines: EngineRegistry,
    private readonly lifecycle: LifecycleController,
    private readonly images: ImagesService,
  ) {}

  async readDockerfile(input: AreaInputs<'images'>['readDockerfile']): Promise<{ path: string; text: string }> {
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
    input: AreaInputs<'images'>['build'],
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
      await readJsonLines(stream, splitter, signal, 'Build cancelled.').catch((err: unknown) => {
        throw toBerthError(err, 'build');
      });
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
      this.images.store(input.engineId).refresh();
      emit({ type: 'steps', steps: timeline.report(await this.layerSizes(api, id)) });
      emit({ type: 'done', id, tags });
    }, { kind: 'build', signal: callerSignal, onTracked: (id) => send({ type: 'operation', id }) });
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
}
