import { useEffect, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useContainers } from '../data/containers';
import { engineName, useEngines, usePrimaryEngine } from '../data/engines';
import { useImages } from '../data/images';
import { useNetworks } from '../data/networks';
import { useEnabledEngines } from '../data/scope';
import { need } from '../data/sync';
import { useVolumes } from '../data/volumes';
import { stackRows, stackRowsByEngine } from '../pages/stacks/stack-rows';
import { useStacksStore } from '../pages/stacks/stacks-store';
import { PALETTE_COMMANDS } from './palette-commands';
import { buildEntries, type PaletteEntry } from './palette-index';

/**
 * Every entry the palette searches, from the data layer's stores (every engine) and the Stacks page's own sources,
 * rebuilt when a store changes, so results stay live while the palette is open.
 */
export function usePaletteEntries(): PaletteEntry[] {
  // Volumes and networks are followed once the palette has been opened, as their pages do once visited.
  useEffect(() => void need('volumes'), []);
  useEffect(() => void need('networks'), []);
  const refreshStacks = useStacksStore((s) => s.refresh);
  useEffect(() => void refreshStacks(), [refreshStacks]);

  const containers = useContainers((s) => s.byEngine);
  const images = useImages((s) => s.byEngine);
  const volumes = useVolumes((s) => s.byEngine);
  const networks = useNetworks((s) => s.byEngine);
  const remembered = useStacksStore(useShallow((s) => s.remembered));
  const statuses = useEngines((s) => s.statuses);
  const enabled = useEnabledEngines();
  const primary = usePrimaryEngine()?.engineId ?? 'local';

  // The same sections the Stacks page lists: a remembered file that runs nowhere shows under the primary engine.
  const stacks = useMemo(() => {
    const containersOf = (id: string) => containers.get(id)?.items.values() ?? [];
    if (enabled.length <= 1) return [{ engineId: primary, rows: stackRows(containersOf(primary), remembered) }];
    return stackRowsByEngine(containersOf, enabled.map((s) => s.engineId), primary, remembered);
  }, [containers, enabled, primary, remembered]);

  const engines = useMemo(() => statuses.map((status) => ({ status, name: engineName(status) })), [statuses]);

  return useMemo(
    () => buildEntries({ containers, images, volumes, networks, stacks, engines, commands: PALETTE_COMMANDS }),
    [containers, images, volumes, networks, stacks, engines],
  );
}
