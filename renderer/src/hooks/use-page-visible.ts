import { useRef, useSyncExternalStore } from 'react';

/**
 * Whether the page can be seen: false in a hidden tab or a minimised or hidden window (the browser's, or Electron's,
 * `visibilityState`).
 */
export function usePageVisible(): boolean {
  return useSyncExternalStore(subscribe, isVisible, () => true);
}

function subscribe(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

const isVisible = () => document.visibilityState !== 'hidden';

/**
 * `value` while the page can be seen; while it is hidden, the last value it had then. A list fed through this does
 * not re-render for engine changes nobody can see, and catches up in one render when the page shows again (a stream
 * keeps its store current meanwhile).
 */
export function useHeldWhileHidden<T>(value: T): T {
  const visible = usePageVisible();
  const held = useRef(value);
  if (visible) held.current = value;
  return held.current;
}
