import type { DiskKind, DiskKindUsage } from '../../../../preload/contract';

export const KIND_LABELS: Record<DiskKind, string> = {
  images: 'Images',
  containers: 'Containers',
  volumes: 'Volumes',
  buildCache: 'Build cache',
};

/** Bar widths in percent of the biggest kind, with a floor so a tiny non-zero size stays visible. */
export function barWidths(kinds: readonly DiskKindUsage[]): Record<DiskKind, { size: number; reclaimable: number }> {
  const max = Math.max(1, ...kinds.map((k) => k.size));
  const out = {} as Record<DiskKind, { size: number; reclaimable: number }>;
  for (const k of kinds) {
    const size = k.size === 0 ? 0 : Math.max(0.5, (k.size / max) * 100);
    const reclaimable = k.size === 0 ? 0 : Math.min(size, (k.reclaimable / k.size) * size);
    out[k.kind] = { size, reclaimable };
  }
  return out;
}

/** "12.3 GB (40%)" style share of what could be freed. */
export function reclaimablePercent(k: DiskKindUsage): number {
  return k.size > 0 ? Math.round((k.reclaimable / k.size) * 100) : 0;
}

/** One engine's whole `docker system df`: bytes used and reclaimable over every kind. */
export function usageTotals(kinds: readonly DiskKindUsage[]): { size: number; reclaimable: number } {
  return kinds.reduce((t, k) => ({ size: t.size + k.size, reclaimable: t.reclaimable + k.reclaimable }), { size: 0, reclaimable: 0 });
}

/** Each engine's share of the biggest engine's use, in percent (a floor keeps a small non-zero one visible). */
export function engineBarWidths(sizes: readonly number[]): number[] {
  const max = Math.max(1, ...sizes);
  return sizes.map((s) => (s === 0 ? 0 : Math.max(0.5, (s / max) * 100)));
}
