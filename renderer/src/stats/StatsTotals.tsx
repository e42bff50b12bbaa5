import { memo, useEffect, useMemo, useState } from 'react';
import { formatBytes } from '../format/bytes';
import { useContainers } from '../data/containers';
import { objectKey, slicesInScope, type ByEngine } from '../data/keyed';
import type { ContainerSummary } from '../../../preload/contract';
import { usePageEngine } from '../data/scope';
import { latestSamplesOf, onStatsBatch, wantStats } from './stats-hub';
import { formatPercent, totalsOf, type StatsTotals as Totals } from './stats-rates';
import './stats.css';

/** The totals as the header shows them. */
interface Shown {
  cpu: string;
  memory: string;
  counted: number;
}

const shownOf = (t: Totals): Shown => ({ cpu: formatPercent(t.cpuPercent), memory: formatBytes(t.memoryUsage), counted: t.counted });

/** The running containers' keys, in one pass over the store (5,000 containers: no list of all of them per delta). */
function runningKeysOf(byEngine: ByEngine<ContainerSummary>, scope: string | null): string[] {
  const keys: string[] = [];
  for (const [, slice] of slicesInScope(byEngine, scope)) {
    for (const c of slice.items.values()) if (c.state === 'running') keys.push(objectKey(c.engineId, c.id));
  }
  return keys;
}

/**
 * "12.3% · 1.2 GiB": CPU and memory over every running container the page shows, under the list's "CPU · Memory"
 * column title. Running containers that are not in view are read in the background (every ~10 s); the rows on
 * screen every ~2 s.
 */
export const StatsTotals = memo(function StatsTotals() {
  const scope = usePageEngine();
  const byEngine = useContainers((s) => s.byEngine);
  const runningKeys = useMemo(() => runningKeysOf(byEngine, scope), [byEngine, scope]);
  // Joined once per list: the list's header renders on every scroll frame, and a join of 250 keys each time was a
  // tenth of what scrolling 5,000 containers allocated (more garbage, more collections mid-scroll).
  const runningKey = useMemo(() => runningKeys.join(','), [runningKeys]);
  const [shown, setShown] = useState<Shown | null>(null);

  useEffect(() => {
    const keys = runningKey ? runningKey.split(',') : [];
    const recompute = () => {
      const samples = latestSamplesOf(keys);
      const next = shownOf(totalsOf(samples, new Set(samples.map((s) => s.containerId))));
      // A round that leaves the text as it was (idle containers: most rounds) renders nothing.
      setShown((prev) => (prev && prev.cpu === next.cpu && prev.memory === next.memory && prev.counted === next.counted ? prev : next));
    };
    recompute();
    const off = onStatsBatch(recompute);
    const unwant = keys.length ? wantStats('containers-totals', [], keys) : () => {};
    return () => {
      off();
      unwant();
    };
  }, [runningKey]);

  if (runningKeys.length === 0) return null;
  const counted = shown?.counted ?? 0;
  return (
    <span
      className="stats-totals"
      data-testid="stats-totals"
      title={`Total of all ${runningKeys.length} running containers${counted < runningKeys.length ? ` (readings from ${counted} so far)` : ''}: CPU (100% = one CPU) and memory`}
    >
      <strong>{counted ? shown!.cpu : '…'}</strong> · <strong>{counted ? shown!.memory : '…'}</strong>
    </span>
  );
});
