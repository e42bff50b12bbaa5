import { useEffect } from 'react';
import { wantStats } from './stats-hub';

/**
 * Subscribes the hub to the running containers whose rows are in view (object keys, `<engineId>/<id>`). The key changes while scrolling; the hub
 * waits for it to settle before re-opening its stream.
 */
export function useVisibleStats(visibleRunningKeys: readonly string[]): void {
  const key = visibleRunningKeys.join(',');
  useEffect(() => {
    if (!key) return;
    return wantStats('containers-visible', key.split(','));
  }, [key]);
}
