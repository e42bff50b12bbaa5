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
