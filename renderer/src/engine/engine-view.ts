import type { EngineStatus } from '../../../preload/contract';
import type { SocketState } from '../transport/websocket-client';

/** How long "connecting" may last before the UI stops waiting quietly and explains what is going on. */
export const QUIET_CONNECT_MS = 1000;

export type EngineView =
  /** Just started, nothing to say yet: render the page frame without alarming anyone. */
  | { kind: 'waiting' }
  | { kind: 'connected'; status: EngineStatus }
  /** Lost after being connected: keep the last list visible (dimmed) under a banner. */
  | { kind: 'reconnecting'; status: EngineStatus }
  /** Nothing answers (or connecting takes too long): the full screen that explains what was tried. */
  | { kind: 'no-engine'; status: EngineStatus | null };

/**
 * @param status the engine's last reported status (undefined before the first message)
 * @param stateSeenAt local time the renderer first saw this state (or started, before any status)
 */
export function engineViewOf(status: EngineStatus | undefined, stateSeenAt: number, now: number): EngineView {
  const waitedLong = now - stateSeenAt >= QUIET_CONNECT_MS;
  if (!status) return waitedLong ? { kind: 'no-engine', status: null } : { kind: 'waiting' };
  switch (status.state) {
    case 'connected':
      return { kind: 'connected', status };
    case 'reconnecting':
      return { kind: 'reconnecting', status };
    case 'unreachable':
      return { kind: 'no-engine', status };
    case 'connecting':
      return waitedLong ? { kind: 'no-engine', status } : { kind: 'waiting' };
  }
}

/**
 * What a page showing several engines says as a whole: connected while any engine is (the others get banners of
 * their own: one engine down never hides the rest), reconnecting while any is, waiting while any may still come, and
 * the no-engine screen (about the primary engine) only when none answers.
 * @param seenAt local time each engine's state was first seen; `startedAt` for a renderer that has heard nothing
 */
export function scopeViewOf(
  statuses: readonly EngineStatus[],
  seenAt: ReadonlyMap<string, number>,
  startedAt: number,
  now: number,
): EngineView {
  if (statuses.length <= 1) return engineViewOf(statuses[0], statuses[0] ? (seenAt.get(statuses[0].engineId) ?? startedAt) : startedAt, now);
  const views = statuses.map((s) => engineViewOf(s, seenAt.get(s.engineId) ?? startedAt, now));
  return (
    views.find((v) => v.kind === 'connected') ??
    views.find((v) => v.kind === 'reconnecting') ??
    views.find((v) => v.kind === 'waiting') ?? { kind: 'no-engine', status: primaryEngine(statuses) ?? null }
  );
}

/** The engine to use where one must be picked and nobody chose: local, else the first. */
export function primaryEngine(statuses: readonly EngineStatus[]): EngineStatus | undefined {
  return statuses.find((s) => s.engineId === 'local') ?? statuses[0];
}

/** "Docker Engine 27.3.1", or what is happening when not connected. */
export function engineLabel(status: EngineStatus | undefined): string {
  if (!status) return 'Connecting…';
  switch (status.state) {
    case 'connected':
      return status.info ? `${status.info.product} ${status.info.version}` : 'Connected';
    case 'connecting':
      return 'Connecting…';
    case 'reconnecting':
      return 'Reconnecting…';
    case 'unreachable':
      return 'No engine';
  }
}

/**
 * The sidebar's one-engine line: the engine's label and dot while Berth answers. Without Berth the engine's state is
 * not known (a stale green dot would lie); a page whose token Berth refused says so, as its banner does, instead of
 * "disconnected", which reads as if it would come back by itself.
 * @param backend the web-mode socket's state ('open' in Electron)
 */
export function engineLineOf(backend: SocketState, status: EngineStatus | undefined): { label: string; dot: 'green' | 'amber' | 'red' } {
  if (backend === 'refused') return { label: 'Not let in (token)', dot: 'red' };
  if (backend !== 'open') return { label: 'Unknown (Berth disconnected)', dot: 'amber' };
  return { label: engineLabel(status), dot: statusDotColor(status) };
}

export function statusDotColor(status: EngineStatus | undefined): 'green' | 'amber' | 'red' {
  if (status?.state === 'connected') return 'green';
  if (status?.state === 'unreachable') return 'red';
  return 'amber';
}
