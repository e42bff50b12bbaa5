import { useEffect, useMemo, useState } from 'react';
import type { StatsSample } from '../../../preload/contract';
import { formatBytes } from '../format/bytes';
import { useContainersStore } from '../pages/containers/containers-store';
import { latestSamples, onStatsBatch, wantStats } from './stats-hub';
import { formatPercent, totalsOf, type StatsTotals as Totals } from './stats-rates';
import './stats.css';

/**
 * "12.3% · 1.2 GiB": CPU and memory over every running container, under the list's "CPU · Memory" column title. Running containers
 * that are not in view are read in the background (every ~10 s); the rows on screen every ~2 s.
 */
export function StatsTotals() {
  const containers = useContainersStore((s) => s.containers);
  const runningIds = useMemo(() => [...containers.values()].filter((c) => c.state === 'running').map((c) => c.id), [containers]);
  const runningKey = runningIds.join(',');
  const [totals, setTotals] = useState<Totals | null>(null);

  useEffect(() => {
    const ids = runningKey ? runningKey.split(',') : [];
    const running = new Set(ids);
    const recompute = () => {
      const samples = [...latestSamples()].filter((u): u is StatsSample => !u.stopped);
      setTotals(totalsOf(samples, running));
    };
    recompute();
    const off = onStatsBatch(recompute);
    const unwant = ids.length ? wantStats('containers-totals', [], ids) : () => {};
    return () => {
      off();
      unwant();
    };
  }, [runningKey]);

  if (runningIds.length === 0) return null;
  const counted = totals?.counted ?? 0;
  return (
    <span
      className="stats-totals"
      data-testid="stats-totals"
      title={`Total of all ${runningIds.length} running containers${counted < runningIds.length ? ` (readings from ${counted} so far)` : ''}: CPU (100% = one CPU) and memory`}
    >
      <strong>{counted ? formatPercent(totals!.cpuPercent) : '…'}</strong> · <strong>{counted ? formatBytes(totals!.memoryUsage) : '…'}</strong>
    </span>
  );
}
