/**
 * A fixed-size ring of time-stamped rows with one number per series (NaN for "no value"), kept in typed arrays so a
 * long-open view allocates nothing per sample. `columns()` returns the rows oldest first, as uPlot wants them.
 */
export class SeriesRing {
  private readonly times: Float64Array;
  private readonly values: Float64Array[];
  private start = 0;
  size = 0;

  constructor(
    readonly capacity: number,
    readonly seriesCount: number,
  ) {
    this.times = new Float64Array(capacity);
    this.values = Array.from({ length: seriesCount }, () => new Float64Array(capacity));
  }

  push(time: number, row: readonly (number | null)[]): void {
    const at = (this.start + this.size) % this.capacity;
    this.times[at] = time;
    for (let i = 0; i < this.seriesCount; i++) this.values[i]![at] = row[i] ?? Number.NaN;
    if (this.size < this.capacity) this.size++;
    else this.start = (this.start + 1) % this.capacity;
  }

  /** Drops rows older than `cutoff` (the history window). */
  dropBefore(cutoff: number): void {
    while (this.size > 0 && this.times[this.start]! < cutoff) {
      this.start = (this.start + 1) % this.capacity;
      this.size--;
    }
  }

  last(series: number): number | null {
    if (this.size === 0) return null;
    const v = this.values[series]![(this.start + this.size - 1) % this.capacity]!;
    return Number.isNaN(v) ? null : v;
  }

  /** [times, series 0, series 1, …], oldest first; times in the unit they were pushed in. NaN becomes null (a gap). */
  columns(): [number[], ...(number | null)[][]] {
    const times: number[] = new Array<number>(this.size);
    const cols = this.values.map(() => new Array<number | null>(this.size));
    for (let k = 0; k < this.size; k++) {
      const at = (this.start + k) % this.capacity;
      times[k] = this.times[at]!;
      for (let i = 0; i < this.seriesCount; i++) {
        const v = this.values[i]![at]!;
        cols[i]![k] = Number.isNaN(v) ? null : v;
      }
    }
    return [times, ...cols];
  }

  clear(): void {
    this.start = 0;
    this.size = 0;
  }
}
