import type { ClientOf, ImplementationOf } from './define';
import { containerDetailsContract } from './container-details';
import { containersContract } from './containers';
import { engineContract } from './engine';
import { eventsContract } from './events';
import { logsContract } from './logs';
import { statsContract } from './stats';
import { terminalContract } from './terminal';

/** The one list of every method and stream between main and the renderer. */
export const contract = {
  engine: engineContract,
  containers: containersContract,
  containerDetails: containerDetailsContract,
  events: eventsContract,
  logs: logsContract,
  stats: statsContract,
  terminal: terminalContract,
};

export type Contract = typeof contract;
export type BerthApi = ClientOf<Contract>;
export type BerthImplementation = ImplementationOf<Contract>;

export * from './define';
export * from './errors';
export type * from './container-details';
export type * from './containers';
export type * from './engine';
export type * from './events';
export type * from './logs';
export type * from './stats';
export type * from './terminal';
