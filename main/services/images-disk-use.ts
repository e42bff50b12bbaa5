import type { ImagesDiskUse } from '../../preload/contract/images';
import type { AreaInputs } from '../../preload/contract';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';

/** The first engine API that counts images alone in GET /system/df (`?type=image`, Docker 23). */
const TYPE_FILTER_API: readonly [number, number] = [1, 42];

/** True when `apiVersion` ("1.45") is at least `min`. */
export function apiAtLeast(apiVersion: string, [major, minor]: readonly [number, number]): boolean {
  const m = /^(\d+)\.(\d+)$/.exec(apiVersion);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a > major || (a === major && b >= minor);
}

/**
 * `images.diskUse`: the bytes an engine's images take on disk, a layer that several images share counted once, as
 * `docker system df` counts its Images SIZE (LayersSize). The images list's own sizes count a shared layer in every
 * image that has it, so their sum overstates the disk.
 *
 * Only where the engine can measure images alone (`GET /system/df?type=image`, API 1.42 and later; Docker runs
 * concurrent calls as one). Elsewhere (Docker 20.10, Podman) a /system/df measures every container's writable
 * layer too, seconds with thousands of containers: not something to start each time the Images page opens, so the
 * answer is `bytes: null` and the page says what its own sum is. The Disk page measures everything when asked.
 */
export class ImageDiskUse {
  constructor(private readonly engines: EngineRegistry) {}

  async diskUse(input: AreaInputs<'images'>['diskUse']): Promise<ImagesDiskUse> {
    const engine = this.engines.get(input.engineId);
    const info = engine.status.info;
    if (!info || info.product === 'Podman' || !apiAtLeast(info.apiVersion, TYPE_FILTER_API)) return { engineId: engine.id, bytes: null };
    try {
      const df = await new Promise<{ LayersSize?: unknown }>((resolve, reject) =>
        engine.api.modem.dial({ path: '/system/df?', method: 'GET', options: { type: 'image' }, statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' } }, (err, data) =>
          err ? reject(err) : resolve((data ?? {}) as { LayersSize?: unknown }),
        ),
      );
      return { engineId: engine.id, bytes: typeof df.LayersSize === 'number' && df.LayersSize >= 0 ? df.LayersSize : null };
    } catch (err) {
      throw toBerthError(err, 'measure the images\' disk use');
    }
  }
}
