import { chunkLoader } from './chunk-load';

/**
 * A loader for a lazily split module (for React.lazy) that also loads it by itself once the first screen is up and
 * the page is idle, so the screen it draws still opens at once when asked for. A failed load is tried again a few
 * times and not remembered (chunkLoader): the next call tries again.
 */
export function prefetchedLoader<T>(load: () => Promise<T>, afterMs = 1500): () => Promise<T> {
  const get = chunkLoader(load);
  setTimeout(() => {
    const run = () => void get().catch(() => undefined);
    if (typeof window.requestIdleCallback === 'function') window.requestIdleCallback(run, { timeout: 3000 });
    else run();
  }, afterMs);
  return get;
}
