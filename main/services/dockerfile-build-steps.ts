import type { BuildStepReport } from '../../preload/contract/dockerfiles';
import type { RawBuildMessage } from './images-build';

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const LAYER = /^ ---> ([0-9a-f]{12,64})$/;

/**
 * Why a build is slow, from the classic builder's own stream: each step's wall time (from its `Step n/m` line to the
 * next one, on `now`'s clock), whether the engine said ` ---> Using cache`, and the layer id it printed, so the
 * image history can say how many bytes each step added. Pure apart from the clock it is given.
 */
export class BuildStepTimeline {
  private readonly steps: (Omit<BuildStepReport, 'size' | 'note'> & { layerId: string | null })[] = [];
  private open: number | null = null;

  constructor(private readonly now: () => number) {}

  push(msg: RawBuildMessage): void {
    const at = this.now();
    for (const raw of (msg.stream ?? '').split('\n')) {
      const line = raw.trimEnd();
      const step = STEP.exec(line.trim());
      if (step) {
        this.close(at);
        this.steps.push({ step: Number(step[1]), instruction: step[3]!, ms: 0, cached: false, layerId: null, failed: false });
        this.open = at;
        continue;
      }
      const current = this.steps.at(-1);
      if (!current) continue;
      if (line.trim() === '---> Using cache') current.cached = true;
      const layer = LAYER.exec(line);
      if (layer) current.layerId = layer[1]!;
    }
    if (msg.error || msg.errorDetail) {
      const current = this.steps.at(-1);
      if (current) current.failed = true;
      this.close(at);
    }
  }

  /** Ends the step in progress (the build finished or failed). */
  finish(): void {
    this.close(this.now());
  }

  private close(at: number): void {
    const current = this.steps.at(-1);
    if (current && this.open !== null) current.ms = Math.max(0, at - this.open);
    this.open = null;
  }

  /**
   * The report, with the bytes each step's layer added (`sizes` maps a layer id, short or full, to its size; a step
   * whose layer is not in it — an earlier stage's, or a failed one — gets null) and a note where the cache broke.
   */
  report(sizes: ReadonlyMap<string, number>): BuildStepReport[] {
    const sizeOf = (id: string | null) => {
      if (!id) return null;
      for (const [k, v] of sizes) if (k.replace(/^sha256:/, '').startsWith(id)) return v;
      return null;
    };
    const out: BuildStepReport[] = this.steps.map(({ layerId, ...s }) => ({ ...s, size: sizeOf(layerId), note: null }));
    explainFirstMiss(out);
    return out;
  }
}

/** Instructions that never hit or miss anything: they run at once and are not worth a note. */
const METADATA = /^(FROM|ARG|ENV|LABEL|EXPOSE|WORKDIR|USER|CMD|ENTRYPOINT|HEALTHCHECK|STOPSIGNAL|SHELL|VOLUME|ONBUILD|MAINTAINER)\b/i;

/**
 * The first step that missed the cache after earlier ones hit decides the rest: every later step runs again. When it
 * is a COPY/ADD of the whole context, any edit to any file caused it; say so there, and on the slowest step after.
 */
export function explainFirstMiss(steps: BuildStepReport[]): void {
  // Global ARGs (before the first FROM) and FROM itself never hit or miss: they are not where a cache breaks.
  const firstFrom = steps.findIndex((s) => /^FROM\b/i.test(s.instruction));
  const firstMiss = steps.findIndex((s, i) => i > firstFrom && !s.cached && !/^FROM\b/i.test(s.instruction));
  if (firstMiss < 0) return;
  const miss = steps[firstMiss]!;
  const anyHit = steps.slice(0, firstMiss).some((s) => s.cached);
  const wholeContext = /^(COPY|ADD)\s+(--\S+\s+)*(\.|\.\/|\*)\s+\S+$/i.test(miss.instruction.trim());
  if (wholeContext) {
    miss.note = `Cache miss: this copies the whole context, so a change to any file in it runs this step and every step after it again.`;
    const later = steps.slice(firstMiss + 1).filter((s) => !METADATA.test(s.instruction));
    const slowest = later.reduce<BuildStepReport | null>((a, s) => (a && a.ms >= s.ms ? a : s), null);
    if (slowest && /^RUN\b/i.test(slowest.instruction)) slowest.note = `Ran again because of the COPY in step ${miss.step}: copy only the dependency manifest before this step to keep it cached.`;
  } else if (anyHit && /^(COPY|ADD)\b/i.test(miss.instruction)) {
    miss.note = 'Cache miss: a file this step copies changed, so it and every step after it ran again.';
  } else if (anyHit) {
    miss.note = 'Cache miss: this instruction changed (or the step before it did), so it and every step after it ran again.';
  }
}
