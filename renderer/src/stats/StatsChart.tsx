import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ContainerStatsModel, ChartId } from './container-stats-model';
import { HISTORY_MS } from './container-stats-model';

export interface ChartSeries {
  label: string;
  /** A CSS variable from tokens.css, read at draw time so the theme applies. */
  color: string;
  dash?: number[];
}

interface StatsChartProps {
  model: ContainerStatsModel;
  chart: ChartId;
  title: string;
  series: readonly ChartSeries[];
  format(value: number): string;
  /** The y axis never shows less than this (a flat 0.1 % line should not fill the chart). */
  minMax: number;
}

const HEIGHT = 140;
const clock = (seconds: number) =>
  new Date(seconds * 1000).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

const cssVar = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

/**
 * A live uPlot chart of one of the model's rings. uPlot draws on a canvas, evaluates no code (fine under the CSP) and
 * redraws a few hundred points in well under a millisecond; each reading calls `setData` directly, React renders the
 * frame once.
 */
export function StatsChart({ model, chart, title, series, format, minMax }: StatsChartProps) {
  const hostRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const axis = (): uPlot.Axis => ({
      stroke: () => cssVar('--text-muted'),
      grid: { stroke: () => cssVar('--border'), width: 1 },
      ticks: { stroke: () => cssVar('--border'), width: 1 },
      font: '11px system-ui, sans-serif',
    });
    const opts: uPlot.Options = {
      width: Math.max(200, host.clientWidth),
      height: HEIGHT,
      // Room on the right for half of the last time label, which is centred on its tick (it was clipped at 12 px).
      padding: [8, 32, 0, 0],
      // The tiles above say the current values; a legend row per chart would repeat them.
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { size: 5 } },
      scales: {
        x: {
          time: true,
          // Grows from one minute to the full window as history builds up, so a fresh view is not a sliver.
          range: (u) => {
            const xs = u.data[0];
            const last = xs.length ? xs[xs.length - 1]! : Date.now() / 1000;
            const span = xs.length ? last - xs[0]! : 0;
            return [last - Math.min(HISTORY_MS / 1000, Math.max(60, span)), last];
          },
        },
        y: { range: (_u, _min, max) => [0, Math.max(minMax, (max ?? 0) * 1.15)] },
      },
      axes: [
        { ...axis(), space: 70, values: (_u, splits) => splits.map(clock) },
        { ...axis(), size: 72, values: (_u, splits) => splits.map((v) => format(v)) },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: () => cssVar(s.color),
          width: 1.5,
          ...(s.dash ? { dash: s.dash } : {}),
          points: { show: false },
          value: (_u: uPlot, v: number | null) => (v === null ? '—' : format(v)),
        })),
      ],
    };
    // The time of the oldest point drawn (ms), for tests and for anyone inspecting the page.
    const mark = (data: uPlot.AlignedData) => {
      const first = data[0]?.[0];
      if (first !== undefined && host.parentElement) host.parentElement.dataset.since = String(Math.round(first * 1000));
    };
    const initial = model.rings[chart].columns() as uPlot.AlignedData;
    const plot = new uPlot(opts, initial, host);
    mark(initial);
    const off = model.subscribe(() => {
      const data = model.rings[chart].columns() as uPlot.AlignedData;
      plot.setData(data);
      mark(data);
    });
    const resize = new ResizeObserver(() => {
      const width = Math.max(200, host.clientWidth);
      if (width !== plot.width) plot.setSize({ width, height: HEIGHT });
    });
    resize.observe(host);
    return () => {
      off();
      resize.disconnect();
      plot.destroy();
    };
    // The chart is built once per model; series and format are constant per call site.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model, chart]);

  return (
    <section className="stats-chart" data-testid={`stats-chart-${chart}`} aria-label={`${title} chart`}>
      <h3>{title}</h3>
      <div ref={hostRef} className="stats-chart-plot" />
    </section>
  );
}
