/**
 * The shape every resource store of the data layer holds: engine id → that engine's objects by id. One engine's
 * update replaces its own slice and the outer map, and nothing else: the other engines' maps (and every unchanged
 * object) keep their identity, so selectors and memoised rows see that they did not change.
 */
export interface EngineSlice<T> {
  items: ReadonlyMap<string, T>;
  /** False until the engine's first snapshot, so "none" is never shown for "not loaded yet". */
  loaded: boolean;
  /** Why the engine's stream broke, while it is re-opened; null once a message arrives. */
  error: string | null;
}

export type ByEngine<T> = ReadonlyMap<string, EngineSlice<T>>;

export const EMPTY_SLICE: EngineSlice<never> = {
  items: new Map<string, never>(),
  loaded: false,
  error: null,
};

/** The key of one object among all engines' (`<engineId>/<id>`: engine ids never hold a slash). */
export const objectKey = (engineId: string, id: string) => `${engineId}/${id}`;

export function splitObjectKey(key: string): { engineId: string; id: string } {
  const at = key.indexOf('/');
  return { engineId: key.slice(0, at), id: key.slice(at + 1) };
}

function withSlice<T>(byEngine: ByEngine<T>, engineId: string, slice: EngineSlice<T>): ByEngine<T> {
  const next = new Map(byEngine);
  next.set(engineId, slice);
  return next;
}

/** A full list from one engine replaces that engine's objects; objects equal by `same` keep their old identity. */
export function replaceSnapshot<T>(
  byEngine: ByEngine<T>,
  engineId: string,
  list: readonly T[],
  idOf: (item: T) => string,
  same?: (a: T, b: T) => boolean,
): ByEngine<T> {
  const before = byEngine.get(engineId)?.items;
  const items = new Map<string, T>();
  for (const item of list) {
    const id = idOf(item);
    const old = before?.get(id);
    items.set(id, old !== undefined && same?.(old, item) ? old : item);
  }
  return withSlice(byEngine, engineId, { items, loaded: true, error: null });
}

/** Upserts and removals from one engine's delta; an empty delta changes nothing (same reference back). */
export function applyDelta<T>(
  byEngine: ByEngine<T>,
  engineId: string,
  upserts: readonly T[],
  removes: readonly string[],
  idOf: (item: T) => string,
): ByEngine<T> {
  const slice = byEngine.get(engineId) ?? EMPTY_SLICE;
  if (upserts.length === 0 && removes.length === 0 && slice.error === null) return byEngine;
  const items = new Map(slice.items);
  for (const id of removes) items.delete(id);
  for (const item of upserts) items.set(idOf(item), item);
  return withSlice(byEngine, engineId, {
    items,
    loaded: slice.loaded,
    error: null,
  });
}

/** Notes why an engine's stream broke; its last objects stay (shown dimmed) until it is back or removed. */
export function markError<T>(byEngine: ByEngine<T>, engineId: string, error: string): ByEngine<T> {
  const slice = byEngine.get(engineId) ?? EMPTY_SLICE;
  if (slice.error === error) return byEngine;
  return withSlice(byEngine, engineId, { ...slice, error });
}

/** Drops the engines `keep` refuses (removed or disabled): their objects must not linger on any page. */
export function retainEngines<T>(byEngine: ByEngine<T>, keep: (engineId: string) => boolean): ByEngine<T> {
  let next: Map<string, EngineSlice<T>> | null = null;
  for (const engineId of byEngine.keys()) {
    if (keep(engineId)) continue;
    next ??= new Map(byEngine);
    next.delete(engineId);
  }
  return next ?? byEngine;
}

/** The slices a page shows: one engine's, or every engine's (scope null), in the engines' order. */
export function slicesInScope<T>(byEngine: ByEngine<T>, scope: string | null): [string, EngineSlice<T>][] {
  if (scope !== null) {
    const slice = byEngine.get(scope);
    return slice ? [[scope, slice]] : [];
  }
  return [...byEngine];
}

/** Every object of the scope, flattened. */
export function itemsInScope<T>(byEngine: ByEngine<T>, scope: string | null): T[] {
  const out: T[] = [];
  for (const [, slice] of slicesInScope(byEngine, scope)) for (const item of slice.items.values()) out.push(item);
  return out;
}

/** What the scope's slices say together: loaded once any has loaded; an error only while none has. */
export function scopeState<T>(
  byEngine: ByEngine<T>,
  scope: string | null,
): { loaded: boolean; error: string | null; count: number } {
  let loaded = false;
  let error: string | null = null;
  let count = 0;
  for (const [, slice] of slicesInScope(byEngine, scope)) {
    loaded ||= slice.loaded;
    error ??= slice.error;
    count += slice.items.size;
  }
  return { loaded, error: loaded ? null : error, count };
}
