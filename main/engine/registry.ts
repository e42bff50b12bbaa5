import { existsSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { BerthError } from '../../preload/contract/errors';
import { EngineConnection, type EngineConnectionOptions, type EngineMeta } from './connection';
import { discoverEndpoints, type DiscoveryInput } from './discovery';
import { discoverEngines, kindOf, localCandidates, resolveSource, type EngineDefinition, type EngineListInput } from './engine-list';
import type { SshEnvironment } from './ssh-tunnel';
import { findTwins } from './twins';

export const DEFAULT_ENGINE_ID = 'local';

export function readFileOrNull(p: string): string | null {
  try {
    return existsSync(p) ? readFileSync(p, 'utf8') : null;
  } catch {
    return null;
  }
}

export function listDirOrEmpty(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

export type RegistryChange = { type: 'added' | 'removed'; engine: EngineConnection };

export interface RegistryEnvironment {
  env: NodeJS.ProcessEnv;
  homedir: string;
  platform: NodeJS.Platform;
  readFile(p: string): string | null;
  listDir(dir: string): string[];
  exists(p: string): boolean;
  ssh?: SshEnvironment;
  tuning?: Partial<EngineConnectionOptions>;
}

export function processEnvironment(env: NodeJS.ProcessEnv = process.env, tuning: Partial<EngineConnectionOptions> = {}): RegistryEnvironment {
  return { env, homedir: os.homedir(), platform: process.platform, readFile: readFileOrNull, listDir: listDirOrEmpty, exists: existsSync, tuning };
}

/**
 * Every engine Berth holds, keyed by engine id. Engines come and go at run time (added, removed, enabled, disabled
 * in Settings) and the registry says so to its listeners; each engine is its own EngineConnection with its own
 * health, backoff and events stream, so one that is down or slow never holds up another.
 */
export class EngineRegistry {
  private readonly engines = new Map<string, EngineConnection>();
  private readonly changeListeners = new Set<(c: RegistryChange) => void>();
  private readonly statusOffs = new Map<string, () => void>();
  private running = false;

  constructor(
    connections: EngineConnection[],
    private readonly environment: RegistryEnvironment = processEnvironment(),
  ) {
    for (const c of connections) this.track(c);
  }

  /** Holds an engine and follows its status, so engines that reach one daemon are marked as such (twins.ts). */
  private track(engine: EngineConnection): void {
    this.engines.set(engine.id, engine);
    this.statusOffs.set(engine.id, engine.onStatus(() => this.markTwins()));
  }

  /** Sets or clears `sameAs` on every engine; one whose status changes calls back here, and finds nothing more to do. */
  private markTwins(): void {
    const all = [...this.engines.values()];
    const twins = findTwins(all.map((e) => e.status));
    for (const e of all) e.setSameAs(twins.get(e.id));
  }

  /** Only the engine the docker CLI would pick, as `local` (tests of one endpoint, and the one-engine tools). */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env, tuning: Partial<EngineConnectionOptions> = {}): EngineRegistry {
    const environment = processEnvironment(env, tuning);
    const registry = new EngineRegistry([], environment);
    registry.add({ id: DEFAULT_ENGINE_ID, name: 'Local', origin: env.DOCKER_HOST ? 'DOCKER_HOST' : 'default-socket', source: { type: 'cli' }, enabled: true }, { discoverOthers: false });
    return registry;
  }

  /** Every engine found on this machine (see discoverEngines), before the user's settings are applied. */
  static discovered(environment: RegistryEnvironment): EngineDefinition[] {
    return discoverEngines(listInput(environment));
  }

  get(id: string = DEFAULT_ENGINE_ID): EngineConnection {
    const engine = this.engines.get(id);
    if (!engine) throw new BerthError('NOT_FOUND', `No engine with id "${id}" is configured.`);
    return engine;
  }

  has(id: string): boolean {
    return this.engines.has(id);
  }

  all(): EngineConnection[] {
    return [...this.engines.values()];
  }

  onChange(cb: (c: RegistryChange) => void): () => void {
    this.changeListeners.add(cb);
    return () => this.changeListeners.delete(cb);
  }

  /**
   * Adds an engine (and connects, once the registry runs). `discoverOthers`: whether `local` leaves out Podman
   * sockets that are engines of their own (true when the whole machine was discovered).
   */
  add(def: EngineDefinition, opts: { discoverOthers?: boolean } = {}): EngineConnection {
    if (this.engines.has(def.id)) throw new BerthError('CONFLICT', `An engine with id "${def.id}" already exists.`);
    const environment = this.environment;
    const input = (): DiscoveryInput => ({ env: environment.env, homedir: environment.homedir, platform: environment.platform, readFile: environment.readFile });
    const discoverOthers = opts.discoverOthers ?? true;
    const discover =
      def.source.type === 'cli'
        ? () => {
            const found = discoverEndpoints(input());
            return discoverOthers ? localCandidates(found, discoverEngines(listInput(environment))) : found;
          }
        : () => resolveSource(def.source, input());
    const first = discover();
    const meta: EngineMeta = {
      name: def.name,
      origin: def.origin,
      enabled: def.enabled,
      ...(kindOf(first) ? { kind: kindOf(first)! } : {}),
      ...(first.candidates[0] ? { address: first.candidates[0].endpoint } : {}),
    };
    const engine = new EngineConnection({
      id: def.id,
      readFile: environment.readFile,
      discover,
      meta,
      cliPick: def.source.type === 'cli',
      ...(environment.ssh ? { ssh: environment.ssh } : {}),
      ...environment.tuning,
    });
    this.track(engine);
    for (const cb of this.changeListeners) cb({ type: 'added', engine });
    if (this.running) engine.start();
    return engine;
  }

  /** Stops an engine's connection and forgets it; services drop what they held for it. */
  async remove(id: string): Promise<void> {
    const engine = this.engines.get(id);
    if (!engine) throw new BerthError('NOT_FOUND', `No engine with id "${id}" is configured.`);
    this.engines.delete(id);
    this.statusOffs.get(id)?.();
    this.statusOffs.delete(id);
    await engine.markRemoved();
    // A twin of the removed engine is now the engine for its daemon (or the first of its remaining twins is).
    this.markTwins();
    for (const cb of this.changeListeners) cb({ type: 'removed', engine });
  }

  /** Resolves once every engine's first connection attempt has ended, or after `timeoutMs` (see whenSettled). */
  async settled(timeoutMs = 5000): Promise<void> {
    await Promise.all([...this.engines.values()].map((e) => e.whenSettled(timeoutMs)));
  }

  startAll(): void {
    this.running = true;
    for (const e of this.engines.values()) e.start();
  }

  async stopAll(): Promise<void> {
    this.running = false;
    await Promise.all([...this.engines.values()].map((e) => e.stop()));
  }
}

function listInput(e: RegistryEnvironment): EngineListInput {
  return { env: e.env, homedir: e.homedir, platform: e.platform, readFile: e.readFile, listDir: e.listDir, exists: e.exists };
}
