import { objectKey } from '../data/keyed';

/** What the terminal store needs of a session to place it: its key and the container it runs in, on which engine. */
export interface PlacedSession {
  key: string;
  engineId: string;
  containerId: string;
}

/**
 * Which terminal sessions are open and which one each container's Terminal tab shows. A container is named by its
 * engine and its id: two engines can hold a container with the same id (twin contexts of one daemon, copies of one
 * machine), and their terminals must neither share a tab strip nor replace each other's active session.
 */
export interface SessionMap<S extends PlacedSession> {
  sessions: ReadonlyMap<string, S>;
  /** objectKey(engineId, containerId) → the key of the session its Terminal tab shows. */
  activeByContainer: ReadonlyMap<string, string>;
}

export const containerKeyOf = (s: { engineId: string; containerId: string }) => objectKey(s.engineId, s.containerId);

/** The sessions of one container on one engine, in the order they were opened. */
export function sessionsOf<S extends PlacedSession>(sessions: Iterable<S>, engineId: string, containerId: string): S[] {
  return [...sessions].filter((s) => s.engineId === engineId && s.containerId === containerId);
}

/** Adds a session and makes it the one its container's tab shows. */
export function withOpened<S extends PlacedSession>(m: SessionMap<S>, session: S): SessionMap<S> {
  const sessions = new Map(m.sessions);
  sessions.set(session.key, session);
  const activeByContainer = new Map(m.activeByContainer);
  activeByContainer.set(containerKeyOf(session), session.key);
  return { sessions, activeByContainer };
}

/** Removes a session; its container's tab shows that container's latest other session, if any. */
export function withClosed<S extends PlacedSession>(m: SessionMap<S>, key: string): SessionMap<S> & { closed: S | undefined } {
  const closed = m.sessions.get(key);
  const sessions = new Map(m.sessions);
  sessions.delete(key);
  const activeByContainer = new Map(m.activeByContainer);
  if (closed) {
    const ck = containerKeyOf(closed);
    if (activeByContainer.get(ck) === key) {
      const next = sessionsOf(sessions.values(), closed.engineId, closed.containerId).at(-1);
      if (next) activeByContainer.set(ck, next.key);
      else activeByContainer.delete(ck);
    }
  }
  return { sessions, activeByContainer, closed };
}

/** Makes `key` the session a container's tab shows. */
export function withShown(activeByContainer: ReadonlyMap<string, string>, engineId: string, containerId: string, key: string): ReadonlyMap<string, string> {
  const next = new Map(activeByContainer);
  next.set(objectKey(engineId, containerId), key);
  return next;
}
