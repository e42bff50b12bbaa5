import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { BerthError } from '../../preload/contract/errors';
import { EngineConnection, type EngineConnectionOptions } from './connection';
import { discoverEndpoints } from './discovery';

export const DEFAULT_ENGINE_ID = 'local';

export function readFileOrNull(p: string): string | null {
  try {
    return existsSync(p) ? readFileSync(p, 'utf8') : null;
  } catch {
    return null;
  }
}

/**
 * Every engine Berth is connected to, keyed by engine id. Today there is one ("local", found like the docker CLI
 * finds it); objects everywhere carry their engine id so more can be added without reshaping the contract.
 */
export class EngineRegistry {
  private readonly engines = new Map<string, EngineConnection>();

  constructor(connections: EngineConnection[]) {
    for (const c of connections) this.engines.set(c.id, c);
  }

  static fromEnvironment(env: NodeJS.ProcessEnv = process.env, tuning: Partial<EngineConnectionOptions> = {}): EngineRegistry {
    const local = new EngineConnection({
      id: DEFAULT_ENGINE_ID,
      readFile: readFileOrNull,
      discover: () => discoverEndpoints({ env, homedir: os.homedir(), platform: process.platform, readFile: readFileOrNull }),
      ...tuning,
    });
    return new EngineRegistry([local]);
  }

  get(id: string = DEFAULT_ENGINE_ID): EngineConnection {
    const engine = this.engines.get(id);
    if (!engine) throw new BerthError('NOT_FOUND', `No engine with id "${id}" is configured.`);
    return engine;
  }

  all(): EngineConnection[] {
    return [...this.engines.values()];
  }

  /** Resolves once every engine's first connection attempt has ended, or after `timeoutMs` (see whenSettled). */
  async settled(timeoutMs = 5000): Promise<void> {
    await Promise.all([...this.engines.values()].map((e) => e.whenSettled(timeoutMs)));
  }

  startAll(): void {
    for (const e of this.engines.values()) e.start();
  }

  async stopAll(): Promise<void> {
    await Promise.all([...this.engines.values()].map((e) => e.stop()));
  }
}
