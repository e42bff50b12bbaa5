import { useEffect, useRef, useState } from 'react';
import { berth } from '../../api';

/** How long the images must stay unchanged before they are measured again (a pull or a build brings several snapshots). */
const SETTLE_MS = 1000;

/**
 * The disk the images of `engineIds` take, a layer that several images share counted once (`images.diskUse`, as
 * `docker system df` counts it), summed over the engines. Undefined until the first answer; null when an engine
 * cannot measure its images alone (Docker 20.10, Podman) or the measure fails: the page then shows its own sum and
 * says what that is.
 *
 * Measured when the engines change, then again once the images have been still for a second after a change
 * (`images`: the list, a new one on every snapshot). A measure under way is never dropped for a newer snapshot (with
 * thousands of images arriving, none would ever land): the next one waits for it, and one at a time per page.
 */
export function useImagesDiskUse(engineIds: readonly string[], images: unknown): number | null | undefined {
  const key = engineIds.join('\n');
  const [measured, setMeasured] = useState<{ key: string; bytes: number | null } | null>(null);
  const poke = useRef<(() => void) | null>(null);

  useEffect(() => {
    const ids = key.split('\n').filter(Boolean);
    let live = true;
    let running = false;
    let again = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const measure = () => {
      timer = undefined;
      running = true;
      Promise.all(ids.map((engineId) => berth.images.diskUse({ engineId })))
        .then(
          (uses) => live && setMeasured({ key, bytes: uses.length > 0 && uses.every((u) => u.bytes !== null) ? uses.reduce((n, u) => n + (u.bytes ?? 0), 0) : null }),
          () => live && setMeasured({ key, bytes: null }),
        )
        .finally(() => {
          running = false;
          if (again) {
            again = false;
            later();
          }
        });
    };
    const later = () => {
      if (!live) return;
      if (running) {
        again = true;
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(measure, SETTLE_MS);
    };
    poke.current = later;
    measure();
    return () => {
      live = false;
      clearTimeout(timer);
      poke.current = null;
    };
  }, [key]);

  // A new snapshot: measure again once they stop coming (not for the list the engines' measure above started with).
  const seen = useRef(images);
  useEffect(() => {
    if (seen.current === images) return;
    seen.current = images;
    poke.current?.();
  }, [images]);

  return measured?.key === key ? measured.bytes : undefined;
}
