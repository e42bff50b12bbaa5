/** CSS size of a row sparkline (stats.css `.stats-spark`): fixed, so drawing never has to measure the layout. */
export const SPARK_WIDTH = 36;
export const SPARK_HEIGHT = 12;

/**
 * Draws a small line on a canvas: no React, no chart library (dozens of rows redraw every 2 s). `color` comes from
 * the caller (read once per batch, not per canvas: reading styles after DOM writes forces a style recalculation).
 * `max` fixes the top (100 for a percent of one CPU); otherwise the series' own.
 */
export function drawSparkline(canvas: HTMLCanvasElement, values: readonly number[], color: string, max?: number): void {
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
  if (values.length < 2) return;
  let top = max ?? 0;
  for (const v of values) if (v > top) top = v;
  top = Math.max(top, 1e-9);
  const step = w / (values.length - 1);
  ctx.beginPath();
  for (let i = 0; i < values.length; i++) {
    const x = i * step;
    const y = h - 1 - (Math.max(0, values[i]!) / top) * (h - 2);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
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
