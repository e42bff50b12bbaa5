import type { DiskKindUsage } from '../../preload/contract/disk';

/** The parts of GET /system/df Berth reads. */
export interface RawDiskUsage {
  LayersSize?: number;
  Images?: { Id: string; RepoTags?: string[] | null; Size: number; SharedSize: number; VirtualSize?: number; Containers: number }[] | null;
  Containers?: { Id: string; Names?: string[]; State: string; SizeRw?: number; Image?: string }[] | null;
  Volumes?: { Name: string; UsageData?: { Size: number; RefCount: number } | null }[] | null;
  BuildCache?: { ID: string; Type?: string; Description?: string; InUse: boolean; Shared: boolean; Size: number }[] | null;
}

/** The four rows of `docker system df`, computed the way the docker CLI (20.10) computes them. */
export function diskKinds(df: RawDiskUsage): DiskKindUsage[] {
  const images = df.Images ?? [];
  const layers = df.LayersSize ?? 0;
  let usedByContainers = 0;
  for (const i of images) {
    const size = i.VirtualSize ?? i.Size;
    if (i.Containers > 0 && size !== -1 && i.SharedSize !== -1) usedByContainers += size - i.SharedSize;
  }
  const containers = df.Containers ?? [];
  const volumes = df.Volumes ?? [];
  const cache = df.BuildCache ?? [];
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return [
    {
      kind: 'images',
      total: images.length,
      active: images.filter((i) => i.Containers > 0).length,
      size: layers,
      reclaimable: Math.max(0, layers - usedByContainers),
    },
    {
      kind: 'containers',
      total: containers.length,
      active: containers.filter((c) => c.State === 'running').length,
      size: sum(containers.map((c) => c.SizeRw ?? 0)),
      reclaimable: sum(containers.filter((c) => c.State !== 'running').map((c) => c.SizeRw ?? 0)),
    },
    {
      kind: 'volumes',
      total: volumes.length,
      active: volumes.filter((v) => (v.UsageData?.RefCount ?? 0) > 0).length,
      size: sum(volumes.map((v) => Math.max(0, v.UsageData?.Size ?? 0))),
      reclaimable: sum(volumes.filter((v) => (v.UsageData?.RefCount ?? 0) === 0).map((v) => Math.max(0, v.UsageData?.Size ?? 0))),
    },
    {
      kind: 'buildCache',
      total: cache.length,
      active: cache.filter((b) => b.InUse).length,
      size: sum(cache.filter((b) => !b.Shared).map((b) => b.Size)),
      reclaimable: sum(cache.filter((b) => !b.InUse && !b.Shared).map((b) => b.Size)),
    },
  ];
}

/** The docker CLI's human size (go-units HumanSize: decimal units, 4 significant digits), for comparing with `docker system df`. */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let size = bytes;
  let i = 0;
  while (size >= 1000 && i < units.length - 1) {
    size /= 1000;
    i++;
  }
  return `${Number(size.toPrecision(4))}${units[i]}`;
}

const inFlight = new WeakMap<object, Promise<RawDiskUsage>>();

/**
 * GET /system/df, one at a time per engine client: the engine refuses a second concurrent one ("a disk usage
 * operation is already running"), so concurrent callers share the running request, and one started elsewhere (the
 * CLI) is waited out briefly.
 */
export function systemDf(api: { df(): Promise<unknown> }): Promise<RawDiskUsage> {
  const running = inFlight.get(api);
  if (running) return running;
  const attempt = async (): Promise<RawDiskUsage> => {
    for (let i = 0; ; i++) {
      try {
        return (await api.df()) as RawDiskUsage;
      } catch (err) {
        const busy = /already running/i.test(String((err as { message?: string }).message));
        if (!busy || i >= 20) throw err;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  };
  const p = attempt().finally(() => inFlight.delete(api));
  inFlight.set(api, p);
  return p;
}
