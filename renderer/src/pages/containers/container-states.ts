import type { ContainerHealth, ContainerState } from '../../../../preload/contract';

/** The state filter's choices; each matches a set of engine states. */
export const STATE_FILTERS = {
  all: { label: 'All states', states: null },
  running: { label: 'Running', states: ['running', 'restarting'] },
  stopped: { label: 'Stopped', states: ['exited', 'created', 'dead'] },
  paused: { label: 'Paused', states: ['paused'] },
} as const satisfies Record<string, { label: string; states: readonly ContainerState[] | null }>;

export type StateFilter = keyof typeof STATE_FILTERS;

/** The health filter's choices: any, one health state, or containers without a healthcheck. */
export const HEALTH_FILTERS = {
  any: 'Any health',
  healthy: 'Healthy',
  unhealthy: 'Unhealthy',
  starting: 'Starting',
  none: 'No healthcheck',
} as const;
export type HealthFilter = keyof typeof HEALTH_FILTERS;

export function matchesHealthFilter(health: ContainerHealth, filter: HealthFilter): boolean {
  return filter === 'any' || (filter === 'none' ? health === null : health === filter);
}

export function matchesStateFilter(state: ContainerState, filter: StateFilter): boolean {
  const states: readonly ContainerState[] | null = STATE_FILTERS[filter].states;
  return states === null || states.includes(state);
}

export type Tone = 'success' | 'warning' | 'danger' | 'neutral' | 'info';

export function stateTone(state: ContainerState): Tone {
  switch (state) {
    case 'running':
      return 'success';
    case 'paused':
    case 'restarting':
    case 'removing':
      return 'warning';
    case 'dead':
      return 'danger';
    case 'created':
      return 'info';
    case 'exited':
      return 'neutral';
  }
}

export function healthTone(health: Exclude<ContainerHealth, null>): Tone {
  return health === 'healthy' ? 'success' : health === 'unhealthy' ? 'danger' : 'warning';
}

/** Which row actions make sense in a state (the engine would refuse or no-op the others). */
export function availableActions(state: ContainerState): { start: boolean; stop: boolean; restart: boolean } {
  const live = state === 'running' || state === 'restarting' || state === 'paused';
  return { start: !live && state !== 'removing', stop: live, restart: state !== 'removing' && state !== 'dead' };
}

/** Order used for the summary text and for sorting by state: the states people act on first. */
export const STATE_ORDER: readonly ContainerState[] = [
  'running',
  'restarting',
  'paused',
  'created',
  'exited',
  'dead',
  'removing',
];
