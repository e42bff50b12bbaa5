import type { ClientOf, ImplementationOf, InputsOf } from './define';
import { containerDetailsContract } from './container-details';
import { containersContract } from './containers';
import { engineContract } from './engine';
import { eventsContract } from './events';
import { logsContract } from './logs';
import { stacksContract } from './stacks';
import { statsContract } from './stats';
import { terminalContract } from './terminal';
import { imagesContract } from './images';
import { registriesContract } from './registries';
import { volumesContract } from './volumes';
import { networksContract } from './networks';
import { diskContract } from './disk';
import { operationsContract } from './operations';
import { hostContract } from './host';
import { dockerfilesContract } from './dockerfiles';
import { debugShellContract } from './debug-shell';

/** The one list of every method and stream between main and the renderer. */
export const contract = {
  engine: engineContract,
  containers: containersContract,
  containerDetails: containerDetailsContract,
  events: eventsContract,
  logs: logsContract,
  stats: statsContract,
  stacks: stacksContract,
  terminal: terminalContract,
  debugShell: debugShellContract,
  images: imagesContract,
  registries: registriesContract,
  volumes: volumesContract,
  networks: networksContract,
  disk: diskContract,
  operations: operationsContract,
  host: hostContract,
  dockerfiles: dockerfilesContract,
};

export type Contract = typeof contract;
export type BerthApi = ClientOf<Contract>;
export type BerthImplementation = ImplementationOf<Contract>;
/** What main implements for one area: a service declares `implements AreaImplementation<'networks'>`. */
export type AreaImplementation<K extends keyof Contract> = ImplementationOf<Contract[K]>;
/** One area's inputs by entry name, as its implementation receives them: `AreaInputs<'networks'>['create']`. */
export type AreaInputs<K extends keyof Contract> = InputsOf<Contract[K]>;

export * from './define';
export * from './errors';
export type { EngineInput, Target } from './common';
export type * from './container-details';
export type * from './containers';
export type * from './engine';
export type * from './events';
export type * from './logs';
export type * from './stacks';
export type * from './stats';
export type * from './terminal';
export type * from './debug-shell';
export type * from './images';
export type * from './registries';
export type * from './volumes';
export type * from './networks';
export type * from './disk';
export type * from './operations';
export type * from './host';
