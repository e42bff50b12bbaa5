import { create } from 'zustand';
import type { VolumeSummary } from '../../../../preload/contract';
import { berth } from '../../api';
import { errorMessage } from '../../format/error-message';

interface VolumesStore {
  volumes: VolumeSummary[] | null;
  error: string | null;
  /** Name → bytes from /system/df; null until measured. */
  sizes: Record<string, number> | null;
  measuring: boolean;
}

export const useVolumesStore = create<VolumesStore>()(() => ({ volumes: null, error: null, sizes: null, measuring: false }));

let watching = false;

/** Follows volumes.watch for the window's lifetime (started by the first page that needs it); re-opens on error. */
export function watchVolumes(): void {
  if (watching) return;
  watching = true;
  const open = () =>
    berth.volumes.watch(
      {},
      {
        next: (m) => useVolumesStore.setState({ volumes: m.volumes, error: null }),
        error: (e) => {
          useVolumesStore.setState({ error: errorMessage(e) });
          setTimeout(open, 2000);
        },
      },
    );
  open();
  void measureVolumes();
}

/** Sizes come from /system/df, which walks every volume: asked for on demand, not on every event. */
export async function measureVolumes(): Promise<void> {
  useVolumesStore.setState({ measuring: true });
  try {
    const { sizes } = await berth.volumes.sizes({});
    useVolumesStore.setState({ sizes });
  } catch {
    // Sizes are a nicety; the list stands without them.
  } finally {
    useVolumesStore.setState({ measuring: false });
  }
}
