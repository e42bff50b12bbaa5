import { useEffect, useState } from 'react';
import { useEngines } from '../data/engines';
import { usePageEngine, useScopeEngines } from '../data/scope';
import { QUIET_CONNECT_MS, scopeViewOf, type EngineView } from './engine-view';

/**
 * What the page can show given its engines' states (one engine's, or every engine's for a page showing all),
 * re-evaluated when the quiet connecting period runs out.
 */
export function useEngineView(): EngineView {
  const engineId = usePageEngine();
  const statuses = useScopeEngines(engineId);
  const known = useEngines((s) => s.known);
  const seenAt = useEngines((s) => s.stateSeenAt);
  const startedAt = useEngines((s) => s.startedAt);
  const [now, setNow] = useState(() => Date.now());
  const earliest = Math.min(startedAt, ...[...seenAt.values()]);
  const latest = Math.max(startedAt, ...[...seenAt.values()]);
  useEffect(() => {
    const remaining = latest + QUIET_CONNECT_MS - Date.now();
    if (remaining <= 0) return;
    const timer = setTimeout(() => setNow(Date.now()), remaining + 20);
    return () => clearTimeout(timer);
  }, [latest, earliest]);
  const view = scopeViewOf(statuses, seenAt, startedAt, Math.max(now, Date.now()));
  // An engine the route names that main does not list (removed, or a stale link): the page says so itself.
  if (known && engineId !== null && statuses.length === 0) return { kind: 'no-engine', status: null };
  return view;
}
