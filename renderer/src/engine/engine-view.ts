import type { EngineStatus } from '../../../preload/contract';

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

/** The one engine the UI shows today (Berth manages a single engine until multi-engine lands). */
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
