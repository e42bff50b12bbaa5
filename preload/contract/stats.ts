import { z } from 'zod';
import { stream } from './define';
import { statsPacking } from './stats-pack';
import { containerRef, engineId } from './common';

/** One reading of one running container, computed in main from the engine's stats. Counters are cumulative. */
export interface StatsSample {
  containerId: string;
  /** ms since epoch, when the engine read the cgroup */
  time: number;
  stopped?: false;
  /** Share of one CPU × 100 (200 = two CPUs busy); null on the first reading, which has nothing to compare with. */
  cpuPercent: number | null;
  onlineCpus: number;
  /** Bytes; usage excludes the page cache the kernel can drop (inactive file pages), as `docker stats` does. */
  memory: { usage: number; limit: number; percent: number };
  /**
   * Cumulative bytes over every interface. This and `blockIo` and `pids` can be absent from a reading that was asked
   * for CPU and memory only (a container of `containerIds` not in `fullIds`, or of `backgroundIds`).
   */
  net?: { rxBytes: number; txBytes: number };
  /** Cumulative bytes read from and written to block devices. */
  blockIo?: { read: number; write: number };
  pids?: number;
}

/** The container is not running (or is gone): sent once; samples resume when it starts again. */
export interface StatsStopped {
  containerId: string;
  time: number;
  stopped: true;
  /** The engine no longer knows the container. */
  gone?: boolean;
}

export type StatsUpdate = StatsSample | StatsStopped;

const ids = z.array(containerRef).max(200);

export const statsContract = {
  /**
   * Samples of what is on screen: `containerIds` about every 2 s, `backgroundIds` (for totals) about every 10 s.
   * Each message holds the readings of one round. Re-subscribe with new ids when what is visible changes.
   * `historyIds` (some of `containerIds`): the first message also holds main's readings of these from the last
   * minute, so a view that just opened starts full; the page names only the ones it has no recent readings of.
   * `fullIds` (some of `containerIds`; all of them when absent): readings with the network, block I/O and pids
   * counters too (a Stats view). The others need only CPU and memory (a list, the totals), and on a local engine main
   * then reads half the files per container.
   */
  watch: stream<StatsUpdate[]>()(
    z
      .strictObject({
        engineId: engineId.optional(),
        containerIds: ids,
        backgroundIds: z.array(containerRef).max(1000).optional(),
        historyIds: ids.optional(),
        fullIds: ids.optional(),
      })
      .refine((v) => v.containerIds.length + (v.backgroundIds?.length ?? 0) > 0, 'name at least one container'),
    { packed: statsPacking },
  ),
};
