/** CSS size of a row sparkline (stats.css `.stats-spark`): fixed, so drawing never has to measure the layout. */
export const SPARK_WIDTH = 36;
export const SPARK_HEIGHT = 12;

/**
 * Where a series' points fall on a row sparkline, in CSS pixels, each y rounded to a quarter pixel: two series that
 * give the same points draw the same pixels. An idle container's readings change every 2 s (0.01 % → 0.02 % CPU, a
 * few bytes of memory) without moving the line, so comparing points rather than readings keeps the canvas (and its
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
 * Draws a small line through `points` (from `sparkPoints`) on a canvas: no React, no chart library (dozens of rows
 * redraw every 2 s). `color` comes from the caller (read once per batch, not per canvas: reading styles after DOM
 * writes forces a style recalculation).
 */
export function drawSparkline(canvas: HTMLCanvasElement, points: readonly number[], color: string): void {
  const dpr = window.devicePixelRatio || 1;
  const w = SPARK_WIDTH;
  const h = SPARK_HEIGHT;
  if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, w, h);
  if (points.length < 2) return;
  const step = w / (points.length - 1);
  ctx.beginPath();
  for (let i = 0; i < points.length; i++) {
    if (i === 0) ctx.moveTo(0, points[i]!);
    else ctx.lineTo(i * step, points[i]!);
  }
  ctx.lineWidth = 1.25;
  ctx.strokeStyle = color;
  ctx.stroke();
  ctx.lineTo(w, h);
  ctx.lineTo(0, h);
  ctx.closePath();
  ctx.globalAlpha = 0.15;
  ctx.fillStyle = color;
  ctx.fill();
  ctx.globalAlpha = 1;
}

/** The theme's colours for row sparklines, read once per animation frame at most. */
let cached: { at: number; cpu: string; memory: string } | null = null;
export function sparkColors(): { cpu: string; memory: string } {
  const now = performance.now();
  if (!cached || now - cached.at > 500) {
    const s = getComputedStyle(document.documentElement);
    cached = { at: now, cpu: s.getPropertyValue('--accent').trim() || '#3b82f6', memory: s.getPropertyValue('--info').trim() || '#0ea5e9' };
  }
  return cached;
}
