import type Docker from 'dockerode';
import type { HelperImageInfo } from '../../preload/contract/volumes';
import { BerthError } from '../../preload/contract/errors';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';
import type { SettingsFile } from './settings';

export const HELPER_LABEL = 'berth.helper';
const SETTING = 'helperImage';
/** Local images that have `sh` and `tar` (busybox's applets, alpine's busybox), best first. */
const SUITABLE = [/^berth-fixture\/busybox:/, /^busybox:/, /^alpine:/, /^(docker\.io\/)?(library\/)?(busybox|alpine):/];

export interface HelperMount {
  volume: string;
  target: string;
  readOnly: boolean;
}

/** Labels every helper carries: `berth.helper=1`, plus the test run's label when Berth runs under a test suite. */
export function helperLabels(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const labels: Record<string, string> = { [HELPER_LABEL]: '1' };
  if (env.BERTH_TEST_RUN_ID) labels['berth.test'] = env.BERTH_TEST_RUN_ID;
  return labels;
}

/** The first local image that looks suitable, in SUITABLE's order. */
export function pickHelperImage(tags: string[]): string | null {
  for (const pattern of SUITABLE) {
    const hit = tags.filter((t) => pattern.test(t)).sort()[0];
    if (hit) return hit;
  }
  return null;
}

/**
 * Short-lived helper containers that mount a volume: the archive API reads and writes a volume through them, and
 * they are created but not started (the engine mounts volumes for archive requests on a stopped container), so any
 * local image would do for that; `sh` is only needed to empty a volume before an explicit overwrite. Never pulls.
 */
export class VolumeHelpers {
  constructor(
    private readonly engines: EngineRegistry,
    private readonly settings: SettingsFile,
    private readonly labels: Record<string, string> = helperLabels(),
  ) {}

  async imageInfo(engineId?: string): Promise<HelperImageInfo> {
    const api = this.engines.get(engineId).api;
    let tags: string[];
    try {
      tags = (await api.listImages()).flatMap((i) => (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'));
    } catch (err) {
      throw toBerthError(err, 'list local images');
    }
    const configured = typeof this.settings.get(SETTING) === 'string' ? (this.settings.get(SETTING) as string) : null;
    const candidates = [...new Set(tags.filter((t) => SUITABLE.some((p) => p.test(t))))].sort();
    let effective: string | null = null;
    let problem: string | null = null;
    if (configured) {
      const present = tags.includes(configured) || (await api.getImage(configured).inspect().then(() => true, () => false));
      if (present) effective = configured;
      else problem = `The helper image "${configured}" chosen in Settings is not on this engine. Pick another one, or pull it yourself.`;
    } else {
      effective = pickHelperImage(tags);
      if (!effective) {
        problem =
          'Browsing, backing up and restoring volumes uses a small helper container, and no suitable local image (busybox or alpine, with sh and tar) is on this engine. Pull one yourself (docker pull busybox) or pick a local image in Settings; Berth never pulls one on its own.';
      }
    }
    return { configured, effective, candidates, problem };
  }

  async setImage(engineId: string | undefined, image: string | null): Promise<HelperImageInfo> {
    if (image) {
      try {
        await this.engines.get(engineId).api.getImage(image).inspect();
      } catch (err) {
        const e = toBerthError(err, `use "${image}" as the helper image`);
        if (e.code === 'NOT_FOUND') throw new BerthError('NOT_FOUND', `"${image}" is not a local image on this engine; Berth does not pull it. Pull it first, or pick a listed one.`);
        throw e;
      }
    }
    this.settings.set(SETTING, image);
    return this.imageInfo(engineId);
  }

  private async image(engineId?: string): Promise<string> {
    const info = await this.imageInfo(engineId);
    if (!info.effective) throw new BerthError('NOT_FOUND', info.problem ?? 'No helper image.', { helperImageMissing: true });
    return info.effective;
  }

  /** Creates (does not start) a helper with the mounts. The caller removes it (`remove`), also on failure. */
  async create(engineId: string | undefined, mounts: HelperMount[], cmd: string[] = ['true']): Promise<Docker.Container> {
    const api = this.engines.get(engineId).api;
    const image = await this.image(engineId);
    try {
      return await api.createContainer({
        Image: image,
        Cmd: cmd,
        Entrypoint: [],
        Labels: { ...this.labels, 'berth.helper.volumes': mounts.map((m) => m.volume).join(',') },
        NetworkDisabled: true,
        HostConfig: {
          AutoRemove: true,
          NetworkMode: 'none',
          Mounts: mounts.map((m) => ({ Type: 'volume', Source: m.volume, Target: m.target, ReadOnly: m.readOnly })),
        },
      });
    } catch (err) {
      throw toBerthError(err, 'create a helper container');
    }
  }

  async remove(container: Docker.Container): Promise<void> {
    await container.remove({ force: true }).catch(() => undefined);
  }

  async with<T>(engineId: string | undefined, mounts: HelperMount[], fn: (c: Docker.Container) => Promise<T>): Promise<T> {
    const c = await this.create(engineId, mounts);
    try {
      return await fn(c);
    } finally {
      await this.remove(c);
    }
  }

  /** Runs `cmd` in a started helper (AutoRemove) and waits; a cancel kills and removes it. Throws on a non-zero exit. */
  async run(engineId: string | undefined, mounts: HelperMount[], cmd: string[], what: string, signal?: AbortSignal): Promise<void> {
    const c = await this.create(engineId, mounts, cmd);
    const onAbort = () => void this.remove(c);
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const waiting = c.wait({ condition: 'next-exit' }) as Promise<{ StatusCode: number }>;
      await c.start();
      const { StatusCode } = await waiting;
      if (signal?.aborted) throw new BerthError('CANCELLED', `${what}: cancelled.`);
      if (StatusCode !== 0) throw new BerthError('ENGINE_ERROR', `Could not ${what}: the helper exited with code ${StatusCode}.`);
    } catch (err) {
      throw toBerthError(err, what);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await this.remove(c);
    }
  }
}
