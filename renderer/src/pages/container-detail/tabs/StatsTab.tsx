import { CirclePause } from 'lucide-react';
import { useEffect, useMemo, useRef, useSyncExternalStore, type ComponentProps } from 'react';
import { formatBytes } from '../../../format/bytes';
import { ContainerStatsModel } from '../../../stats/container-stats-model';
import { StatsChart } from '../../../stats/StatsChart';
import { objectKey } from '../../../data/keyed';
import { onStats, recentStats, wantStats } from '../../../stats/stats-hub';
import { formatPercent } from '../../../stats/stats-rates';
import '../../../stats/stats.css';
import type { DetailTabProps } from '../detail-tabs';

const rate = (v: number) => `${formatBytes(v)}/s`;
const count = (v: number) => String(Math.round(v));

/** The charts, top to bottom: what each plots, in which colours, and the smallest top of its scale. */
const CHARTS: Omit<ComponentProps<typeof StatsChart>, 'model'>[] = [
  { chart: 'cpu', title: 'CPU %', series: [{ label: 'CPU', color: '--accent' }], format: formatPercent, minMax: 5 },
  { chart: 'memory', title: 'Memory', series: [{ label: 'Used', color: '--info' }], format: formatBytes, minMax: 1024 * 1024 },
  { chart: 'net', title: 'Network', series: [{ label: 'Received', color: '--success' }, { label: 'Sent', color: '--warning' }], format: rate, minMax: 1024 },
  { chart: 'block', title: 'Block I/O', series: [{ label: 'Read', color: '--accent' }, { label: 'Written', color: '--danger' }], format: rate, minMax: 1024 },
  { chart: 'pids', title: 'Processes (PIDs)', series: [{ label: 'PIDs', color: '--text-muted' }], format: count, minMax: 4 },
];

/** Live CPU, memory, network, block I/O and PIDs of one container, with the last 5 minutes kept while open. */
export function StatsTab({ container }: DetailTabProps) {
  const model = useMemo(() => new ContainerStatsModel(container.id), [container.id]);
  const key = objectKey(container.engineId, container.id);
  useEffect(() => {
    // What the list already read of this container in the last minute: the charts start full, not empty.
    for (const s of recentStats(key)) model.push(s);
    const off = onStats(key, (u) => model.push(u));
    const unwant = wantStats(`detail-${key}`, [key], [], true);
    return () => {
      off();
      unwant();
    };
  }, [key, model]);
  const stopped = useSyncExternalStore(
    (fn) => model.subscribe(fn),
    () => model.stopped,
  );

  return (
    <div className="stats-tab" data-testid="stats-tab">
      {(stopped || container.state !== 'running') && (
        <div className="stats-stopped" role="status" data-testid="stats-stopped">
          <CirclePause size={16} aria-hidden />
          {container.name} is not running; readings resume when it starts.
        </div>
      )}
      <div className="stats-tiles">
        <Tile model={model} label="CPU" testId="stats-cpu" value={(m) => formatPercent(m.latest?.cpuPercent)}
          detail={(m) => (m.latest ? `100% = one of ${m.latest.onlineCpus} CPUs` : '')} />
        <Tile model={model} label="Memory" testId="stats-memory" value={(m) => (m.latest ? formatBytes(m.latest.memory.usage) : '—')}
          detail={(m) => (m.latest ? `${formatPercent(m.latest.memory.percent)} of ${formatBytes(m.latest.memory.limit)}` : '')} />
        <Tile model={model} label="Network" testId="stats-net" value={(m) => (m.rates ? `↓ ${rate(m.rates.netRx)}` : '—')}
          detail={(m) => (m.rates ? `↑ ${rate(m.rates.netTx)}` : '')} />
        <Tile model={model} label="Block I/O" testId="stats-block" value={(m) => (m.rates ? `R ${rate(m.rates.blockRead)}` : '—')}
          detail={(m) => (m.rates ? `W ${rate(m.rates.blockWrite)}` : '')} />
        <Tile model={model} label="PIDs" testId="stats-pids" value={(m) => (m.latest?.pids !== undefined ? String(m.latest.pids) : '—')} detail={() => ''} />
      </div>
      <div className="stats-charts">
        {CHARTS.map((c) => (
          <StatsChart key={c.chart} model={model} {...c} />
        ))}
      </div>
    </div>
  );
}

interface TileProps {
  model: ContainerStatsModel;
  label: string;
  testId: string;
  value(m: ContainerStatsModel): string;
  detail(m: ContainerStatsModel): string;
}

/** A headline figure written straight to the DOM on each reading. */
function Tile({ model, label, testId, value, detail }: TileProps) {
  const valueRef = useRef<HTMLSpanElement>(null);
  const detailRef = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const paint = () => {
      if (valueRef.current) valueRef.current.textContent = value(model);
      if (detailRef.current) detailRef.current.textContent = detail(model);
    };
    paint();
    return model.subscribe(paint);
    // value/detail are pure functions of the model
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [model]);
  return (
    <div className="stats-tile">
      <span className="stats-tile-label">{label}</span>
      <span className="stats-tile-value" data-testid={`${testId}-value`} ref={valueRef} />
      <span className="stats-tile-detail" ref={detailRef} />
    </div>
  );
}
