import type { Locator } from '@playwright/test';

/**
 * Flings a list: scrolls it by half a screen every frame, `steps` times, as a dragged scrollbar thumb goes. Returns
 * the most rows matching `lite` (rows drawn lite while flung, renderer/src/hooks/fling.ts) seen in any one frame.
 */
export async function fling(grid: Locator, steps: number, lite: string): Promise<number> {
  return grid.evaluate(
    async (el, { steps, lite }) => {
      let most = 0;
      for (let i = 0; i < steps; i++) {
        el.scrollTop += el.clientHeight / 2;
        await new Promise((r) => requestAnimationFrame(r));
        most = Math.max(most, el.querySelectorAll(lite).length);
      }
      return most;
    },
    { steps, lite },
  );
}
