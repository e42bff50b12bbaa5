import type { StoreApi } from 'zustand';
import type { EngineEvent, EngineStatus, StreamHandlers, Unsubscribe } from '../../../preload/contract';
import { berth } from '../api';
import { applyContainersMessage, useContainers } from './containers';
import { useNavigation } from '../stores/navigation-store';
import { dataWanted, useEngines } from './engines';
import { BACKFILL_SECONDS, eventsError, receiveEvent, restartEngineEvents, retainEventEngines } from './events';
import { followStream, type FollowedStream } from './follow-stream';
import { applyImagesMessage, useImages } from './images';
import { markError, retainEngines, type ByEngine } from './keyed';
import { applyNetworksMessage, useNetworks } from './networks';
import { applyVolumesMessage, useVolumes } from './volumes';

/**
 * Which streams are open: for every resource someone needs, one stream per engine that is enabled and has
 * connected, each followed with the one retry policy. An engine that reconnects kicks its streams; an engine that is
 * removed or disabled has its streams closed and its data dropped. Pages never open list streams of their own.
 */
export type Resource = 'containers' | 'images' | 'volumes' | 'networks' | 'events';

interface Feed {
  open(engineId: string, handlers: StreamHandlers<never>): Unsubscribe;
  receive(engineId: string, message: never): void;
  fail(engineId: string, error: string): void;
  opening?(engineId: string): void;
  retain(keep: (engineId: string) => boolean): void;
}

function feed<M>(f: {
  open(engineId: string, handlers: StreamHandlers<M>): Unsubscribe;
  receive(engineId: string, message: M): void;
  fail(engineId: string, error: string): void;
  opening?(engineId: string): void;
  retain(keep: (engineId: string) => boolean): void;
}): Feed {
  return f as unknown as Feed;
}

type KeyedStore<T> = StoreApi<{ byEngine: ByEngine<T> }>;

/** The feed of a store keyed by engine: messages fold into the engine's slice; errors mark it; gone engines drop. */
function keyedFeed<T, M>(
  store: KeyedStore<T>,
  open: (engineId: string, handlers: StreamHandlers<M>) => Unsubscribe,
  apply: (byEngine: ByEngine<T>, engineId: string, message: M) => ByEngine<T>,
): Feed {
  // Returning the same state object when nothing changed notifies nobody (a status update that drops no engine).
  const update = (fn: (byEngine: ByEngine<T>) => ByEngine<T>) =>
    store.setState((s) => {
      const byEngine = fn(s.byEngine);
      return byEngine === s.byEngine ? s : { byEngine };
    });
  return feed<M>({
    open,
    receive: (engineId, m) => update((b) => apply(b, engineId, m)),
    fail: (engineId, e) => update((b) => markError(b, engineId, e)),
    retain: (keep) => update((b) => retainEngines(b, keep)),
  });
}

const volumesFeed = keyedFeed(useVolumes, (engineId, h) => berth.volumes.watch({ engineId }, h), applyVolumesMessage);

const FEEDS: Record<Resource, Feed> = {
  containers: keyedFeed(
    useContainers,
    (engineId, h) => berth.containers.watch({ engineId }, h),
    applyContainersMessage,
  ),
  images: keyedFeed(useImages, (engineId, h) => berth.images.watch({ engineId }, h), applyImagesMessage),
  volumes: {
    ...volumesFeed,
    retain: (keep) => {
      volumesFeed.retain(keep);
      if (![...useVolumes.getState().sizes.keys()].every(keep)) {
        useVolumes.setState((s) => ({ sizes: new Map([...s.sizes].filter(([id]) => keep(id))) }));
      }
    },
  },
  networks: keyedFeed(useNetworks, (engineId, h) => berth.networks.watch({ engineId }, h), applyNetworksMessage),
  events: feed<EngineEvent>({
    open: (engineId, h) => berth.events.watch({ engineId, sinceSeconds: BACKFILL_SECONDS }, h),
    receive: receiveEvent,
    fail: eventsError,
    opening: restartEngineEvents,
    retain: retainEventEngines,
  }),
};

const demand = new Map<Resource, number>();
const streams = new Map<string, { resource: Resource; engineId: string; stream: FollowedStream }>();
const streamKey = (resource: Resource, engineId: string) => `${resource}:${engineId}`;

/** Whether an engine's streams may be open: wanted, and connected now or already followed (then they retry). */
function followable(status: EngineStatus, resource: Resource, pageEngine: string | null): boolean {
  if (!dataWanted(status, pageEngine)) return false;
  return status.state === 'connected' || streams.has(streamKey(resource, status.engineId));
}

function reconcile(statuses: readonly EngineStatus[]) {
  const pageEngine = useNavigation.getState().engineId;
  const present = new Set(statuses.filter((s) => dataWanted(s, pageEngine)).map((s) => s.engineId));
  for (const [key, s] of streams) {
    if (present.has(s.engineId) && (demand.get(s.resource) ?? 0) > 0) continue;
    s.stream.stop();
    streams.delete(key);
  }
  for (const resource of Object.keys(FEEDS) as Resource[]) {
    const f = FEEDS[resource];
    // Before engine.watch answers nobody knows which engines exist: keep what is there rather than blank the page.
    if (useEngines.getState().known) f.retain((id) => present.has(id));
    if ((demand.get(resource) ?? 0) === 0) continue;
    for (const status of statuses) {
      const key = streamKey(resource, status.engineId);
      if (streams.has(key) || !followable(status, resource, pageEngine)) continue;
      const engineId = status.engineId;
      const stream = followStream<never>({
        open: (h) => f.open(engineId, h),
        onMessage: (m) => f.receive(engineId, m),
        onError: (e) => f.fail(engineId, e),
        ...(f.opening ? { onOpen: () => f.opening!(engineId) } : {}),
      });
      streams.set(key, { resource, engineId, stream });
    }
  }
}

/** Starts following engines; kicks an engine's streams when it reconnects. Returns a stop function. */
export function syncEngines(): () => void {
  const off = useEngines.subscribe((s, prev) => {
    if (s.statuses === prev.statuses) return;
    const before = new Map(prev.statuses.map((p) => [p.engineId, p.state]));
    reconcile(s.statuses);
    for (const status of s.statuses) {
      if (status.state !== 'connected' || before.get(status.engineId) === 'connected') continue;
      for (const st of streams.values()) if (st.engineId === status.engineId) st.stream.kick();
    }
  });
  // A twin's streams open while a page shows that engine itself, and close when the page moves on.
  const offPage = useNavigation.subscribe((s, prev) => {
    if (s.engineId !== prev.engineId) reconcile(useEngines.getState().statuses);
  });
  reconcile(useEngines.getState().statuses);
  return () => {
    off();
    offPage();
    for (const s of streams.values()) s.stream.stop();
    streams.clear();
  };
}

/**
 * Says a resource is needed (a page that shows it, or the app for its whole life); returns the release. While
 * nothing needs a resource its streams stay closed.
 */
export function need(resource: Resource): () => void {
  demand.set(resource, (demand.get(resource) ?? 0) + 1);
  reconcile(useEngines.getState().statuses);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    demand.set(resource, (demand.get(resource) ?? 1) - 1);
    reconcile(useEngines.getState().statuses);
  };
}

/**
 * Resolves once the containers of every engine the data layer follows have arrived (or failed to), or after
 * `timeoutMs`, whichever is first; at once when main has said which engines exist and none is connected. The first
 * render waits for it (main.tsx): drawn before, the window's shell is laid out and painted twice, first with a
 * loading list and again a moment later with rows, and the rows wait for the first paint.
 */
export function containersArrived(timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!useEngines.getState().known) return;
      const byEngine = useContainers.getState().byEngine;
      for (const s of streams.values()) {
        if (s.resource !== 'containers') continue;
        const slice = byEngine.get(s.engineId);
        if (!slice || (!slice.loaded && slice.error === null)) return;
      }
      done();
    };
    const offEngines = useEngines.subscribe(check);
    const offContainers = useContainers.subscribe(check);
    const timer = setTimeout(() => done(), timeoutMs);
    function done() {
      clearTimeout(timer);
      offEngines();
      offContainers();
      resolve();
    }
    check();
  });
}
