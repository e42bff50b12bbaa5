import { create } from 'zustand';
import type { VolumeSummary, VolumesMessage } from '../../../preload/contract';
import { berth } from '../api';
import { replaceSnapshot, type ByEngine } from './keyed';

interface VolumesStore {
  byEngine: ByEngine<VolumeSummary>;
  /** Engine → volume name → bytes from /system/df; absent until measured. */
  sizes: ReadonlyMap<string, Readonly<Record<string, number>>>;
  measuring: boolean;
}

/** Every engine's volumes, from `volumes.watch` per engine (a snapshot after each change), and their sizes. */
export const useVolumes = create<VolumesStore>()(() => ({
  byEngine: new Map(),
  sizes: new Map(),
  measuring: false,
}));

export const applyVolumesMessage = (byEngine: ByEngine<VolumeSummary>, engineId: string, m: VolumesMessage) =>
  replaceSnapshot(byEngine, engineId, m.volumes, (v) => v.name);

/** Sizes come from /system/df, which walks every volume: asked for on demand, not on every event. */
export async function measureVolumes(engineIds: readonly string[]): Promise<void> {
  if (engineIds.length === 0) return;
  useVolumes.setState({ measuring: true });
  try {
    await Promise.all(
      engineIds.map(async (engineId) => {
        try {
          const { sizes } = await berth.volumes.sizes({ engineId });
          useVolumes.setState((s) => ({
            sizes: new Map(s.sizes).set(engineId, sizes),
          }));
        } catch {
          // Sizes are a nicety; the list stands without them.
        }
      }),
    );
  } finally {
    useVolumes.setState({ measuring: false });
  }
}
