import { create } from 'zustand';
import type { ComposeWatchState } from '../../../../preload/contract';
import { berth } from '../../api';
import { followStream, type FollowedStream } from '../../data/follow-stream';

/** Every compose watch main knows of (running, stopping, or ended since Berth started), keyed engine/project. */
export const useComposeWatches = create<{ states: ReadonlyMap<string, ComposeWatchState> }>()(() => ({ states: new Map() }));

export const watchKey = (engineId: string, projectName: string) => `${engineId}/${projectName}`;

/** Whether the watch is (or is about to be) running. */
export const watchActive = (s: ComposeWatchState | undefined) => s?.phase === 'starting' || s?.phase === 'watching';

let followed: FollowedStream | null = null;

/** Follows `stacks.composeWatch.states` from the first page that needs it for as long as the app runs (a few bytes per change). */
export function followComposeWatches(): void {
  followed ??= followStream<ComposeWatchState[]>({
    open: (h) => berth.stacks.composeWatch.states({}, h),
    onMessage: (list) => useComposeWatches.setState({ states: new Map(list.map((s) => [watchKey(s.engineId, s.projectName), s])) }),
  });
}

/** The watch of one stack page: by engine and compose file (the project name may be the folder's or one set in options). */
export function useStackWatch(engineId: string, path: string | null): ComposeWatchState | undefined {
  return useComposeWatches((s) => {
    if (!path) return undefined;
    for (const w of s.states.values()) if (w.engineId === engineId && w.path === path) return w;
    return undefined;
  });
}
