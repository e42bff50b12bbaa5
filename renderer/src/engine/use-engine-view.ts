import { useEffect, useState } from 'react';
import { useEngineStore, usePrimaryEngine } from '../stores/engine-store';
import { QUIET_CONNECT_MS, engineViewOf, type EngineView } from './engine-view';

/** The engine view, re-evaluated when the quiet connecting period runs out. */
export function useEngineView(): EngineView {
  const status = usePrimaryEngine();
  const stateSeenAt = useEngineStore((s) => s.stateSeenAt);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const remaining = stateSeenAt + QUIET_CONNECT_MS - Date.now();
    if (remaining <= 0) return;
    const timer = setTimeout(() => setNow(Date.now()), remaining + 20);
    return () => clearTimeout(timer);
  }, [stateSeenAt, status?.state]);
  return engineViewOf(status, stateSeenAt, Math.max(now, Date.now()));
}
