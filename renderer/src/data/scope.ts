import { useMemo } from 'react';
import type { EngineStatus } from '../../../preload/contract';
import { useNavigation } from '../stores/navigation-store';
import { primaryEngine } from '../engine/engine-view';
import { engineEnabled, engineName, listedInAll, useEngines } from './engines';

/** The engine the current page shows, or null for every engine. */
export const usePageEngine = () => useNavigation((s) => s.engineId);

/** The engines that are switched on, in the order main lists them. */
export function useEnabledEngines(): readonly EngineStatus[] {
  const statuses = useEngines((s) => s.statuses);
  return useMemo(() => statuses.filter(engineEnabled), [statuses]);
}

/**
 * The engines the current page covers: its own, or every enabled engine but the second routes to a daemon another
 * engine already covers (twinOf), whose objects "All engines" leaves out.
 */
export function useScopeEngines(engineId: string | null = null): readonly EngineStatus[] {
  const enabled = useEnabledEngines();
  return useMemo(
    () => (engineId === null ? enabled.filter(listedInAll) : enabled.filter((s) => s.engineId === engineId)),
    [enabled, engineId],
  );
}

/**
 * True when lists must say which engine each object is on: the page shows every engine and there are several.
 * With one engine Berth looks as it did before it knew of more.
 */
export function useShowsEngines(engineId: string | null): boolean {
  return useEngines((s) => engineId === null && s.statuses.filter(listedInAll).length > 1);
}

/** Engine id → display name, for labels on rows and group headers. */
export function useEngineNames(): ReadonlyMap<string, string> {
  const statuses = useEngines((s) => s.statuses);
  return useMemo(() => new Map(statuses.map((s) => [s.engineId, engineName(s)])), [statuses]);
}

/** The engine an action without an object of its own goes to: the page's, else the primary one (local, else the first). */
export function pageOrPrimaryEngine(): string {
  return useNavigation.getState().engineId ?? primaryEngine(useEngines.getState().statuses)?.engineId ?? 'local';
}
