/** CSS size of a row sparkline (stats.css `.stats-spark`): fixed, so drawing never has to measure the layout. */
export const SPARK_WIDTH = 36;
export const SPARK_HEIGHT = 12;

/**
 * Where a series' points fall on a row sparkline, in CSS pixels, each y rounded to a quarter pixel: two series that
 * give the same points draw the same pixels. An idle container's readings change every 2 s (0.01 % → 0.02 % CPU, a
 * few bytes of memory) without moving the line, so comparing points rather than readings keeps the sparkline (and its
 * raster) untouched. `max` fixes the top (100 for a percent of one CPU); otherwise the series' own.
 */
export function sparkPoints(values: readonly number[], max?: number): number[] {
  if (values.length < 2) return [];
  let top = max ?? 0;
  for (const v of values) if (v > top) top = v;
  top = Math.max(top, 1e-9);
  const h = SPARK_HEIGHT;
  return values.map((v) => Math.round((h - 1 - (Math.max(0, v) / top) * (h - 2)) * 4) / 4);
}

/** The same points in the same order. */
export function samePoints(a: readonly number[] | null, b: readonly number[]): boolean {
  if (!a || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The SVG path data of a row sparkline through `points` (from `sparkPoints`): the line, and the area under it.
 * SVG, not a canvas per cell: a canvas is a composited layer of its own, and with 200 of them on a page of 100 rows
 * the compositor re-laid every layer out on each reading (idle-100: Layerize took 6-7 ms of CPU a frame).
 */
export function sparkPaths(points: readonly number[]): { line: string; area: string } {
  if (points.length < 2) return { line: '', area: '' };
  const step = SPARK_WIDTH / (points.length - 1);
  let line = `M0 ${points[0]}`;
  for (let i = 1; i < points.length; i++) line += `L${Math.round(i * step * 100) / 100} ${points[i]}`;
  return { line, area: `${line}L${SPARK_WIDTH} ${SPARK_HEIGHT}L0 ${SPARK_HEIGHT}Z` };
}

/** Writes a sparkline's paths into its SVG (two <path>s: area, then line): no React, dozens of rows every 2 s. */
export function drawSparkline(svg: SVGSVGElement, points: readonly number[]): void {
  const { line, area } = sparkPaths(points);
  const [areaPath, linePath] = svg.children;
  areaPath?.setAttribute('d', area);
  linePath?.setAttribute('d', line);
}
