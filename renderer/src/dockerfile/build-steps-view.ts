import type { BuildStepReport } from '../../../preload/contract/dockerfiles';
import { formatBytes } from '../format/bytes';

/** "0.4 s", "12 s", "2 min 5 s": a step's time as people read it. */
export function formatStepTime(ms: number): string {
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** One line above the steps: total time, how many came from the cache, the slowest step and the biggest layer. */
export function buildSummary(steps: BuildStepReport[]): string {
  const real = steps.filter((s) => !/^(FROM|ARG)\b/i.test(s.instruction));
  const total = steps.reduce((a, s) => a + s.ms, 0);
  const hits = real.filter((s) => s.cached).length;
  const slowest = real.reduce<BuildStepReport | null>((a, s) => (a && a.ms >= s.ms ? a : s), null);
  const biggest = real.reduce<BuildStepReport | null>((a, s) => ((a?.size ?? 0) >= (s.size ?? 0) ? a : s), null);
  const parts = [`${formatStepTime(total)} in ${steps.length} steps`, `${hits} of ${real.length} from the cache`];
  if (slowest && slowest.ms > 0) parts.push(`slowest: step ${slowest.step} (${formatStepTime(slowest.ms)})`);
  if (biggest?.size) parts.push(`biggest layer: step ${biggest.step} (${formatBytes(biggest.size)})`);
  return parts.join(' · ');
}

/** The Dockerfile a build used, from its context and its (context-relative) Dockerfile name. */
export function buildDockerfilePath(build: { context: string; dockerfile: string }): string {
  const rel = build.dockerfile.replace(/^\.\//, '');
  return rel.startsWith('/') ? rel : `${build.context.replace(/\/$/, '')}/${rel}`;
}

/**
 * The layers that make an image big: the `n` largest with files (rank 1 = largest), by index. Layers under 1% of the
 * image are never marked: in a small image the "biggest" would only be noise.
 */
export function biggestLayers(sizes: readonly number[], n = 3): Map<number, number> {
  const total = sizes.reduce((a, s) => a + s, 0);
  const ranked = sizes
    .map((size, index) => ({ size, index }))
    .filter((l) => l.size > 0 && l.size >= total * 0.01)
    .sort((a, b) => b.size - a.size || a.index - b.index)
    .slice(0, n);
  return new Map(ranked.map((l, rank) => [l.index, rank + 1]));
}
