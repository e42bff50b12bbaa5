import type { EngineStatus } from '../../preload/contract/engine';

/**
 * Which engines are second routes to a daemon another engine already reaches. Two docker contexts (or DOCKER_HOST
 * and a context, or a socket and a TLS port on the same machine) often name one daemon; each is a connection of its
 * own, but their containers are the same containers, and a list of every engine must not show them twice.
 *
 * A daemon is known by what it says of itself once connected: GET /info's `ID` (the engine's own id, kept in its
 * data root) together with its `Name` (the host name), so two machines cloned with one data root are still told
 * apart by name. Engines that have not connected, or whose engine gives no ID, are never twins.
 *
 * Of the engines that reach one daemon, the first in the registry's order (local, then contexts, sockets, the ones
 * the user added) is the engine; each other one gets `sameAs` = its id.
 */
export function identityOf(status: EngineStatus): string | null {
  if (status.state !== 'connected' || status.enabled === false) return null;
  const id = status.info?.daemonId;
  return id ? `${id}\u0000${status.info?.name ?? ''}` : null;
}

/** engine id → the engine it is a second route to (only engines that are twins appear). */
export function findTwins(statuses: readonly EngineStatus[]): Map<string, string> {
  const first = new Map<string, string>();
  const twins = new Map<string, string>();
  for (const s of statuses) {
    const identity = identityOf(s);
    if (!identity) continue;
    const primary = first.get(identity);
    if (primary === undefined) first.set(identity, s.engineId);
    else twins.set(s.engineId, primary);
  }
  return twins;
}
