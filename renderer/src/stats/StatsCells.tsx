import { memo, useEffect, useRef } from 'react';
import type { StatsUpdate } from '../../../preload/contract';
import { formatBytes } from '../format/bytes';
import { drawSparkline, samePoints, SPARK_HEIGHT, SPARK_WIDTH, sparkPoints } from './Sparkline';
import { latestStats, onStats, sparkline } from './stats-hub';
import { formatPercent } from './stats-rates';
import './stats.css';

type Kind = 'cpu' | 'memory';

function textFor(kind: Kind, u: StatsUpdate | undefined): { text: string; title: string } {
  if (!u) return { text: '', title: '' };
  if (u.stopped) return { text: '—', title: 'Not running' };
  if (kind === 'cpu') return { text: formatPercent(u.cpuPercent), title: `CPU ${formatPercent(u.cpuPercent)} (100% = one CPU of ${u.onlineCpus})` };
  return {
    text: formatBytes(u.memory.usage),
    title: `Memory ${formatBytes(u.memory.usage)} of ${formatBytes(u.memory.limit)} (${formatPercent(u.memory.percent)})`,
  };
}

/**
 * Cells with a new reading to draw. A round of readings reaches every visible row at once; all of them are drawn in
 * one animation frame, by one callback (idle-100: one frame callback per cell was 6,000 a minute).
 */
const due = new Set<() => void>();
let frame = 0;
function paintAll() {
  frame = 0;
  const now = [...due];
  due.clear();
  for (const paint of now) paint();
}
function paintSoon(paint: () => void) {
  due.add(paint);
  frame ||= requestAnimationFrame(paintAll);
}

/**
 * The CPU or memory cell of a running container's row: a value and a sparkline, written straight to the DOM when
 * a reading arrives (rows do not re-render every 2 s). Only rows in view mount it with `running`.
 */
/** `statsKey`: the container's object key (`<engineId>/<id>`). */
export const StatsCell = memo(function StatsCell({ statsKey, kind, running }: { statsKey: string; kind: Kind; running: boolean }) {
  const valueRef = useRef<HTMLSpanElement>(null);
  const sparkRef = useRef<SVGSVGElement>(null);
  useEffect(() => {
    if (!running) return;
    /** What the cell shows now: a value or a line whose pixels would not change is not written again, and a reading
     * that changes neither asks for no frame at all (an idle container's readings: most of them). */
    let shownText: string | null = null;
    let shownTitle: string | null = null;
    let drawn: number[] | null = null;
    let next: { text: string; title: string; points: number[] } | null = null;
    const compute = () => {
      const { text, title } = textFor(kind, latestStats(statsKey));
      const spark = sparkline(statsKey);
      const points = sparkPoints(spark ? (kind === 'cpu' ? spark.cpu : spark.mem) : [], kind === 'cpu' ? 100 : undefined);
      next = { text, title, points };
      return text !== shownText || title !== shownTitle || !samePoints(drawn, points);
    };
    const paint = () => {
      if (!next) return;
      const { text, title, points } = next;
      next = null;
      const value = valueRef.current;
      if (value && (text !== shownText || title !== shownTitle)) {
        if (text !== shownText) value.textContent = text;
        value.parentElement!.title = title;
        shownText = text;
        shownTitle = title;
      }
      if (sparkRef.current && !samePoints(drawn, points)) {
        drawSparkline(sparkRef.current, points);
        drawn = points;
      }
    };
    compute();
    paint();
    const off = onStats(statsKey, () => {
      if (compute()) paintSoon(paint);
    });
    return () => {
      off();
      due.delete(paint);
    };
  }, [statsKey, kind, running]);
  if (!running) return null;
  return (
    <span className="stats-cell" data-testid={`stats-cell-${kind}`}>
      <span ref={valueRef} className="stats-cell-value" />
      {/* Its colour is the theme's (CSS currentColor), so a theme switch needs no redraw. */}
      <svg ref={sparkRef} className={`stats-spark stats-spark-${kind}`} width={SPARK_WIDTH} height={SPARK_HEIGHT} viewBox={`0 0 ${SPARK_WIDTH} ${SPARK_HEIGHT}`} aria-hidden>
        <path className="stats-spark-area" />
        <path className="stats-spark-line" />
      </svg>
    </span>
  );
});
