import type Docker from 'dockerode';
import type { ImageSummary, ImagesMessage } from '../../preload/contract/images';
import type { EngineConnection, RawEngineEvent } from '../engine/connection';

/** Image events that change the list (`push` and `save` do not). */
const LIST_ACTIONS = new Set(['pull', 'tag', 'untag', 'delete', 'import', 'load', 'create', 'prune']);

interface RawImage {
  Id: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Size: number;
  Created: number;
  Labels?: Record<string, string> | null;
}

export function toImageSummary(engineId: string, raw: RawImage): ImageSummary {
  const repoTags = (raw.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
  return {
    engineId,
    id: raw.Id,
    repoTags,
    repoDigests: (raw.RepoDigests ?? []).filter((d) => d !== '<none>@<none>'),
    size: raw.Size,
    created: raw.Created * 1000,
    labels: raw.Labels ?? {},
    dangling: repoTags.length === 0,
  };
}

/**
 * One engine's top-level images (what `docker images` lists): a full list on every (re)connection and after image
 * events, coalesced so a pull of ten tags costs one list call. Snapshots only: an image list is small, and a
 * snapshot cannot drift.
 */
export class ImageStore {
  private images: ImageSummary[] = [];
  private readonly listeners = new Set<(m: ImagesMessage) => void>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  ready = false;

  constructor(
    private readonly engine: EngineConnection,
    private readonly coalesceMs = 60,
  ) {
    this.offs.push(
      engine.onResync((docker) => void this.reload(docker)),
      engine.onEvent((ev) => this.onEvent(ev)),
    );
    // Made on first use, the engine may be connected already: its resync has happened, so list now.
    if (engine.status.state === 'connected') void this.reload(engine.api);
  }

  private readonly offs: (() => void)[] = [];

  /** Stops following the engine (it was removed). */
  dispose(): void {
    for (const off of this.offs) off();
    if (this.timer) clearTimeout(this.timer);
    this.listeners.clear();
  }

  snapshot(): ImagesMessage {
    return { type: 'snapshot', engineId: this.engine.id, images: this.images };
  }

  list(): ImageSummary[] {
    return this.images;
  }

  subscribe(cb: (m: ImagesMessage) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Re-reads the list soon (after a build, whose untagged result sends no event). */
  refresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      let docker: Docker;
      try {
        docker = this.engine.api;
      } catch {
        return;
      }
      void this.reload(docker);
    }, this.coalesceMs);
  }

  /** Re-reads now and resolves when the list reflects the engine (for callers that report afterwards). */
  async reloadNow(): Promise<ImageSummary[]> {
    await this.reload(this.engine.api);
    return this.images;
  }

  private onEvent(ev: RawEngineEvent) {
    if (ev.Type !== 'image') return;
    const action = ev.Action ?? ev.status ?? '';
    if (LIST_ACTIONS.has(action)) this.refresh();
  }

  private async reload(docker: Docker): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        let raw: RawImage[];
        try {
          raw = (await docker.listImages()) as unknown as RawImage[];
        } catch {
          return; // disconnected: the resync after reconnecting reloads
        }
        this.images = raw.map((r) => toImageSummary(this.engine.id, r));
        this.ready = true;
        const message = this.snapshot();
        for (const cb of this.listeners) cb(message);
      } while (this.again);
    })().finally(() => {
      this.running = null;
    });
    return this.running;
  }
}
