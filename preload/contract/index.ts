import type { ClientOf, ImplementationOf } from './define';
import { containersContract } from './containers';
import { engineContract } from './engine';
import { eventsContract } from './events';
import { statsContract } from './stats';

/** The one list of every method and stream between main and the renderer. */
export const contract = {
  engine: engineContract,
  containers: containersContract,
  events: eventsContract,
  stats: statsContract,
};

export type Contract = typeof contract;
export type BerthApi = ClientOf<Contract>;
export type BerthImplementation = ImplementationOf<Contract>;

export * from './define';
export * from './errors';
export type * from './containers';
export type * from './engine';
export type * from './events';
export type * from './stats';
