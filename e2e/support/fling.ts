import type { Locator } from '@playwright/test';

/** What a scroll saw: the most lite rows in one frame, and how many rows were taken out and put back (moved). */
export interface Scrolled {
  liteMost: number;
  moved: number;
  /** Of `moved`, the rows moved while the list said it was flinging (`data-flinging`, renderer/src/hooks/fling.ts).
   * On a busy machine steps can come too slowly to be a fling, and rows moved between them are the list at rest
   * putting its children back in order, as it should. */
  movedFlinging: number;
  /** Steps after which the list said it was flinging. */
  flingingSteps: number;
}

interface Steps {
  steps: number;
  /** Each step's length: a part of the list's height (0.5: half a screen), or pixels; negative goes up. */
  screens?: number;
  px?: number;
  /** Time between steps; without it, one step a frame. */
  everyMs?: number;
  /** Rows drawn lite (renderer/src/hooks/fling.ts) to count. */
  lite?: string;
}

/**
 * Scrolls a list step by step. Returns the most rows matching `lite` seen after any one step, and the rows moved
 * among the list's children meanwhile (an element taken out and put back: styled and laid out anew).
 */
export async function scrollSteps(grid: Locator, steps: Steps): Promise<Scrolled> {
  return grid.evaluate(async (el, { steps, screens, px, everyMs, lite }) => {
    let liteMost = 0;
    let moved = 0;
    let movedFlinging = 0;
    let flingingSteps = 0;
    let flinging = el.hasAttribute('data-flinging');
    const seen = new WeakSet<Node>(el.querySelectorAll('[role="row"]'));
    // Records come in the order things happened: the list's flinging mark among the rows' moves.
    const count = (records: MutationRecord[]) => {
      for (const r of records) {
        if (r.type === 'attributes') {
          if (r.target === el) flinging = r.oldValue === null;
          continue;
        }
        for (const node of r.addedNodes) {
          if (seen.has(node)) {
            moved++;
            if (flinging) movedFlinging++;
          }
          seen.add(node);
        }
      }
    };
    const watch = new MutationObserver(count);
    watch.observe(el, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-flinging'], attributeOldValue: true });
    for (let i = 0; i < steps; i++) {
      el.scrollTop += px ?? (screens ?? 0.5) * el.clientHeight;
      await new Promise((r) => (everyMs === undefined ? requestAnimationFrame(r) : setTimeout(r, everyMs)));
      if (lite) liteMost = Math.max(liteMost, el.querySelectorAll(lite).length);
      if (el.hasAttribute('data-flinging')) flingingSteps++;
    }
    count(watch.takeRecords());
    watch.disconnect();
    return { liteMost, moved, movedFlinging, flingingSteps };
  }, steps);
}

/**
 * Flings a list: scrolls it by half a screen every frame, `steps` times (up with `up`), as a dragged scrollbar thumb
 * goes; `lite` names the rows drawn lite while flung.
 */
export function fling(grid: Locator, steps: number, lite: string, up = false): Promise<Scrolled> {
  return scrollSteps(grid, { steps, screens: up ? -0.5 : 0.5, lite });
}
