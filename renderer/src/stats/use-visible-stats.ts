import { useEffect } from 'react';
import { wantStats } from './stats-hub';

/**
 * Subscribes the hub to the running containers whose rows are in view. The key changes while scrolling; the hub
 * waits for it to settle before re-opening its stream.
 */
export function useVisibleStats(visibleRunningIds: readonly string[]): void {
  const key = visibleRunningIds.join(',');
  useEffect(() => {
    if (!key) return;
    return wantStats('containers-visible', key.split(','));
  }, [key]);
}
