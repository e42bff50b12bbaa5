/**
 * Constants of the containers contract that the renderer's first screen uses, in a module without zod: importing
 * them from containers.ts would build every schema there (and in run-spec) before the list can draw.
 */

/** The signals people send from a GUI; `docker kill --signal` takes any, but a list avoids typos. */
export const KILL_SIGNALS = ['SIGKILL', 'SIGTERM', 'SIGINT', 'SIGHUP', 'SIGQUIT', 'SIGUSR1', 'SIGUSR2'] as const;
export type KillSignal = (typeof KILL_SIGNALS)[number];

/** Containers one bulk call takes; the renderer sends bigger selections in calls of this many. */
export const BULK_MAX = 500;

export const BULK_ACTIONS = ['start', 'stop', 'restart', 'pause', 'unpause', 'kill', 'remove'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
/** How a person says each bulk action ("resume", not "unpause"). */
export const BULK_VERBS: Readonly<Record<BulkAction, string>> = {
  start: 'start',
  stop: 'stop',
  restart: 'restart',
  pause: 'pause',
  unpause: 'resume',
  kill: 'kill',
  remove: 'remove',
};

/**
 * A container status line with an age, as the engine writes it: `Up <age>[ (healthy)][ (Paused)]`,
 * `Exited (<code>) <age> ago`, `Restarting (<code>) <age> ago`. Groups: prefix, age, " ago", suffixes. Main reads the
 * age back (ContainerSummary.statusSince); the renderer writes the current one in its place.
 */
export const STATUS_AGE = /^(Up |(?:Exited|Restarting) \(-?\d+\) )(.+?)( ago)?((?: \((?:healthy|unhealthy|health: starting|Paused)\))*)$/;
