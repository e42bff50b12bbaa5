import { method, stream } from './define';
import { empty } from './common';

/** How an endpoint was found, in the order the docker CLI looks. */
export type EndpointSource = 'DOCKER_HOST' | 'context' | 'default-socket';

export interface EndpointAttempt {
  /** e.g. `unix:///var/run/docker.sock`, `tcp://10.0.0.5:2376 (TLS)` */
  endpoint: string;
  source: EndpointSource;
  /** e.g. `context "colima"` or `DOCKER_HOST` */
  sourceDetail: string;
  /** Why it did not answer, for a person; absent when it answered. */
  error?: string;
  errorCode?: 'ENGINE_UNREACHABLE' | 'PERMISSION_DENIED' | 'TIMEOUT' | 'ENGINE_ERROR' | 'INVALID_CONFIG';
}

export interface EngineInfo {
  /** "Docker Engine", "Docker Desktop", "Podman", … */
  product: string;
  version: string;
  apiVersion: string;
  os: string;
  osType: string;
  arch: string;
  kernelVersion: string;
  cpus: number;
  memoryBytes: number;
  storageDriver: string;
  cgroupVersion: string;
  name: string;
  containers: { total: number; running: number; paused: number; stopped: number };
  images: number;
}

export type EngineState = 'connecting' | 'connected' | 'reconnecting' | 'unreachable';

export interface EngineStatus {
  engineId: string;
  state: EngineState;
  /** The endpoint in use (connected), or last used (reconnecting). */
  endpoint?: EndpointAttempt;
  /** Every endpoint tried in the last attempt, with its error. */
  tried: EndpointAttempt[];
  info?: EngineInfo;
  /** ms since epoch of the last state change. */
  since: number;
  /** When the next automatic attempt happens (unreachable / reconnecting). */
  nextAttemptAt?: number;
  /** What the user can do about it, when something is wrong. */
  hint?: string;
}

export const engineContract = {
  /** Status of every configured engine, then every change. */
  watch: stream<EngineStatus[]>()(empty),
  /** Try to connect now instead of waiting for the next automatic attempt. */
  retry: method<void>()(empty),
};
