import type { ImageInspection, ImageLayer, ImageRemovalPlan, ImagesMessage, ImageUser } from '../../preload/contract/images';
import { parseEnv } from '../../preload/contract/secrets';
import { parseImageRef } from '../../preload/contract/image-ref';
import { BerthError } from '../../preload/contract/errors';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';
import type { AreaInputs, EngineInput, Target } from '../../preload/contract';
import type { ContainersService } from './containers';
import { imageList, type ImageList } from './images-list';
import { PerEngine } from './live-list';
import type { LifecycleController } from './lifecycle';
import { locks } from './locks';

type Inputs = AreaInputs<'images'>;

const isId = (s: string) => /^(sha256:)?[0-9a-f]{6,64}$/.test(s);

/**
 * The `images` area's list and per-image actions: watch, history, inspect, tag, planned removal and removal. Its other
 * entries are served beside it (backend.ts joins them): pull and push (images-transfer.ts), build (image-builder.ts),
 * prune (images-prune.ts), save and load (images-archive.ts).
 */
export class ImagesService {
  /** Every engine's live image list, from the start. */
  private readonly stores: PerEngine<ImageList>;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly containers: ContainersService,
    private readonly lifecycle: LifecycleController,
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

  async inspect(t: Target): Promise<ImageInspection> {
    let info: { Config?: { Env?: string[] | null } | null };
    try {
      info = (await this.engines.get(t.engineId).api.getImage(t.id).inspect()) as typeof info;
    } catch (err) {
      throw toBerthError(err, `inspect image "${t.id}"`);
    }
    const secretEnvNames = parseEnv(info.Config?.Env ?? [])
      .filter((v) => v.secret)
      .map((v) => v.name);
    return { raw: info as Record<string, unknown>, secretEnvNames };
  }

  async tag(t: Inputs['tag']): Promise<void> {
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
  async remove(t: Inputs['remove']): Promise<void> {
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

}

/** `busybox` → `busybox:latest`, as RepoTags spell it. */
function normalizeTag(ref: string): string {
  const parsed = parseImageRef(ref);
  return parsed.ok ? `${parsed.ref.familiarName}:${parsed.ref.tag ?? 'latest'}` : ref;
}
