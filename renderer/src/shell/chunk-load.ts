import { Component, createElement, lazy, type ComponentType, type ReactNode } from 'react';

/**
 * Loading the parts of the app that are split off the first bundle (pages, dialogs, the editor, the terminal).
 *
 * In web mode a chunk comes over HTTP from `berth serve`, and a fetch can fail for a reason that passes at once:
 * Chromium ends the requests in flight when the host's network changes (net::ERR_NETWORK_CHANGED), which happens each
 * time the engine adds or removes a container's network interface. A page opened at that moment used to stay broken
 * until a reload: React.lazy and the loaders remembered the failure, and "Try again" got it back. Now a load is tried
 * again a few times, a failure is never remembered (the next visit or "Try again" loads afresh), and what is left is
 * said in words.
 */

/** The waits before the 2nd, 3rd and 4th try. */
export const CHUNK_RETRY_DELAYS_MS: readonly number[] = [150, 600, 1500];

let watching = false;
/** Stylesheets being fetched again, by address: a chunk's load waits for them, so its screen never shows unstyled. */
const restyling = new Map<string, Promise<void>>();
/** Stylesheets whose every try failed: the next load of a chunk tries them again. */
const lostStyles = new Map<string, HTMLLinkElement>();

/** Marks a link this module added, whose own failure its loop handles. */
const RETRY_MARK = 'berthRetry';

/**
 * A stylesheet that failed to load is fetched again here: the bundler's preload remembers every address it tried
 * and never adds a link for it a second time, so a page whose first try lost its stylesheet would show unstyled for
 * the rest of the session. A module preload that failed is just taken out (the import fetches the module itself).
 */
function watchLinks(): void {
  if (watching || typeof window === 'undefined') return;
  watching = true;
  window.addEventListener(
    'error',
    (e) => {
      const el = e.target;
      if (!(el instanceof HTMLLinkElement) || el.dataset[RETRY_MARK]) return;
      if (el.rel === 'modulepreload') el.remove();
      else if (el.rel === 'stylesheet') restyle(el);
    },
    true, // a resource's error does not bubble; it is seen on the way down
  );
}

function restyle(failed: HTMLLinkElement): void {
  const href = failed.href;
  if (restyling.has(href)) return;
  lostStyles.delete(href);
  const done = (async () => {
    let link = failed;
    for (const ms of CHUNK_RETRY_DELAYS_MS) {
      await sleep(ms);
      const next = link.cloneNode() as HTMLLinkElement;
      next.dataset[RETRY_MARK] = '1';
      const loaded = new Promise<boolean>((resolve) => {
        next.addEventListener('load', () => resolve(true), { once: true });
        next.addEventListener('error', () => resolve(false), { once: true });
      });
      if (link.isConnected) link.replaceWith(next);
      else document.head.appendChild(next);
      link = next;
      if (await loaded) return;
    }
    lostStyles.set(href, link);
    throw new Error(`the stylesheet ${href} did not load`);
  })();
  restyling.set(href, done);
  void done.catch(() => undefined).finally(() => restyling.delete(href));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The error left when every try failed: what happened, and what the user can do. */
export class ChunkLoadError extends Error {
  constructor(cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`Part of Berth's window could not be loaded (${why}). Try again; if it keeps failing, check that Berth is still running and reload the window.`, { cause });
    this.name = 'ChunkLoadError';
  }
}

/**
 * `load()`, tried again after each of `delays` when it fails, and the stylesheets that failed on the way; a
 * ChunkLoadError once the tries are spent.
 */
export async function loadChunk<T>(load: () => Promise<T>, delays: readonly number[] = CHUNK_RETRY_DELAYS_MS): Promise<T> {
  watchLinks();
  for (let attempt = 0; ; attempt++) {
    for (const link of [...lostStyles.values()]) restyle(link);
    try {
      const loaded = await load();
      // The stylesheets fetched again meanwhile (this chunk's among them) are in before its screen shows.
      await Promise.all(restyling.values());
      return loaded;
    } catch (err) {
      if (attempt >= delays.length) throw new ChunkLoadError(err);
      await sleep(delays[attempt]!);
    }
  }
}

/**
 * A loader that loads once and keeps what it loaded, tried again as loadChunk does; a failure is not kept, so the
 * next call starts over.
 */
export function chunkLoader<T>(load: () => Promise<T>, delays: readonly number[] = CHUNK_RETRY_DELAYS_MS): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () =>
    (loading ??= loadChunk(load, delays).catch((err: unknown) => {
      loading = null;
      throw err;
    }));
}

/** Counts the boundaries' "try again"s and new visits: a component whose load failed before the last one loads afresh. */
let tries = 0;

/** Asks every split-off component whose load failed to load afresh when next drawn ("Try again", a page opened anew). */
export function retryFailedChunks(): void {
  tries++;
}

/**
 * React.lazy for a split-off component, with loadChunk's tries, which loads afresh once it has failed and the user
 * asks again: the error goes to the error boundary around it, and its "Try again" or the next visit (both call
 * retryFailedChunks) draws a new lazy component. Not at once: React draws the failed one again to reach the boundary.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the same constraint as React.lazy's own
export function lazyChunk<C extends ComponentType<any>>(load: () => Promise<{ default: C }>): C {
  let failedAt: number | null = null;
  const make = () =>
    lazy<ComponentType<object>>(() =>
      loadChunk(load).catch((err: unknown) => {
        failedAt = tries;
        throw err;
      }),
    );
  let current: ComponentType<object> = make();
  const Chunk = (props: object) => {
    if (failedAt !== null && failedAt < tries) {
      failedAt = null;
      current = make();
    }
    return createElement(current, props);
  };
  return Chunk as unknown as C;
}

/**
 * Around a split-off dialog mounted outside the pages' error boundary (App's dialogs, the palette's): a load that
 * failed for good calls `onFailed` (the owner closes the dialog and says why) instead of taking the window down.
 */
export class DialogLoadBoundary extends Component<{ children: ReactNode; onFailed: (error: Error) => void }, { failed: boolean }> {
  override state = { failed: false };

  constructor(props: { children: ReactNode; onFailed: (error: Error) => void }) {
    super(props);
    retryFailedChunks(); // a dialog opened anew loads afresh what failed last time
  }

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override componentDidCatch(error: Error): void {
    this.props.onFailed(error);
  }

  override render() {
    return this.state.failed ? null : this.props.children;
  }
}
