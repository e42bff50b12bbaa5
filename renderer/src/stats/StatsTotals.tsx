import { useEffect, useMemo, useState } from 'react';
import type { StatsSample } from '../../../preload/contract';
import { formatBytes } from '../format/bytes';
import { useContainersStore } from '../pages/containers/containers-store';
import { latestSamples, onStatsBatch, wantStats } from './stats-hub';
import { formatPercent, totalsOf, type StatsTotals as Totals } from './stats-rates';
import './stats.css';

/**
 * "CPU 12.3% · Memory 1.2 GiB" over every running container, for the containers page header. Running containers
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
  const partial = totals && totals.counted < runningIds.length;
  return (
    <span
      className="stats-totals"
      data-testid="stats-totals"
      title={partial ? `Readings from ${totals.counted} of ${runningIds.length} running containers so far` : 'All running containers'}
    >
      <span>
        CPU <strong>{totals?.counted ? formatPercent(totals.cpuPercent) : '…'}</strong>
      </span>
      <span>
        Memory <strong>{totals?.counted ? formatBytes(totals.memoryUsage) : '…'}</strong>
      </span>
    </span>
  );
}
