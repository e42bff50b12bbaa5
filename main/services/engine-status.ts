import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddEngineRequest, EngineStatus } from '../../preload/contract/engine';
import { BerthError } from '../../preload/contract/errors';
import {
  addedEngineId,
  contextEngineId,
  listContexts,
  mergeEngines,
  readSavedEngines,
  type EngineDefinition,
  type EngineSource,
  type SavedEngines,
} from '../engine/engine-list';
import { knownHostsLine } from '../engine/known-hosts';
import { DEFAULT_ENGINE_ID, EngineRegistry, type RegistryEnvironment } from '../engine/registry';
import { untilAborted } from './abort';
import type { SettingsFile } from './settings';

const SETTING = 'engines';

/** The registry with every engine found on this machine and the user's saved changes and additions. */
export function registryFromSettings(environment: RegistryEnvironment, settings: Pick<SettingsFile, 'get'>): EngineRegistry {
  const registry = new EngineRegistry([], environment);
  for (const def of mergeEngines(EngineRegistry.discovered(environment), readSavedEngines(settings.get(SETTING)))) registry.add(def);
  return registry;
}

/**
 * The engines as the user sees and manages them: status of each, add / rename / disable / remove (kept in
 * settings, applied to the running registry at once), and the ssh host-key decision.
 */
export class EngineStatusService {
  constructor(
    private readonly engines: EngineRegistry,
    private readonly settings?: Pick<SettingsFile, 'get' | 'set'>,
    private readonly environment?: RegistryEnvironment,
  ) {}

  async watch(_input: object, emit: (s: EngineStatus[]) => void, signal: AbortSignal): Promise<void> {
    const send = () => emit(this.engines.all().map((e) => e.status));
    const offs = new Map<string, () => void>();
    const follow = () => {
      for (const e of this.engines.all()) if (!offs.has(e.id)) offs.set(e.id, e.onStatus(send));
    };
    follow();
    const offChange = this.engines.onChange((c) => {
      if (c.type === 'removed') {
        offs.get(c.engine.id)?.();
        offs.delete(c.engine.id);
      }
      follow();
      send();
    });
    send();
    try {
      await untilAborted(signal);
    } finally {
      offChange();
      for (const off of offs.values()) off();
    }
  }

  async retry(input: { engineId?: string | undefined } = {}): Promise<void> {
    if (input.engineId) this.engines.get(input.engineId).retryNow();
    else for (const e of this.engines.all()) e.retryNow();
  }

  private saved(): SavedEngines {
    return readSavedEngines(this.settings?.get(SETTING));
  }

  private save(next: SavedEngines) {
    if (!this.settings) throw new BerthError('INTERNAL', 'Engines cannot be changed here: Berth runs without a settings file.');
    this.settings.set(SETTING, next);
  }

  async add(input: AddEngineRequest): Promise<{ engineId: string }> {
    const def = this.definitionFor(input);
    const saved = this.saved();
    if (this.engines.has(def.id)) {
      const existing = this.engines.get(def.id);
      throw new BerthError('CONFLICT', `That engine is already in Berth as "${existing.status.name ?? def.id}".`);
    }
    const address = def.source.type === 'host' ? def.source.host : undefined;
    const same = address ? this.engines.all().find((e) => (e.status.address ?? '').split(' ')[0] === address) : undefined;
    if (same) throw new BerthError('CONFLICT', `${address} is already in Berth as "${same.status.name ?? same.id}".`);
    if (def.source.type === 'context' && saved.discovered[def.id]?.removed) {
      // A context that was found, then removed: adding it again brings back the discovered engine.
      const { removed: _removed, ...rest } = saved.discovered[def.id]!;
      saved.discovered[def.id] = { ...rest, ...(input.name ? { name: input.name } : {}) };
    } else {
      saved.added.push({ id: def.id, name: def.name, enabled: true, source: def.source as SavedEngines['added'][number]['source'] });
    }
    this.save(saved);
    this.engines.add(def);
    return { engineId: def.id };
  }

  private definitionFor(input: AddEngineRequest): EngineDefinition {
    let source: EngineSource;
    let name: string;
    switch (input.kind) {
      case 'ssh': {
        const host = `ssh://${input.user ? `${input.user}@` : ''}${input.host}${input.port ? `:${input.port}` : ''}`;
        source = { type: 'host', host };
        name = input.name ?? input.host;
        break;
      }
      case 'tcp': {
        const host = `tcp://${input.host}:${input.port}`;
        source = { type: 'host', host, ...(input.tls ? { tls: { verify: input.tls.verify, ...(input.tls.ca ? { ca: input.tls.ca } : {}), ...(input.tls.cert ? { cert: input.tls.cert } : {}), ...(input.tls.key ? { key: input.tls.key } : {}) } } : {}) };
        name = input.name ?? `${input.host}:${input.port}`;
        break;
      }
      case 'unix':
        source = { type: 'host', host: `unix://${input.socketPath}` };
        name = input.name ?? path.basename(input.socketPath);
        break;
      case 'context': {
        if (this.environment && !listContexts(this.environment).includes(input.context)) {
          throw new BerthError('NOT_FOUND', `There is no docker context named "${input.context}" (see \`docker context ls\`).`);
        }
        return { id: contextEngineId(input.context), name: input.name ?? input.context, origin: 'context', source: { type: 'context', context: input.context }, enabled: true };
      }
    }
    return { id: addedEngineId(source.host), name, origin: 'added', source, enabled: true };
  }

  async update(input: { engineId: string; name?: string | undefined; enabled?: boolean | undefined }): Promise<void> {
    const engine = this.engines.get(input.engineId);
    const saved = this.saved();
    const added = saved.added.find((a) => a.id === input.engineId);
    if (added) {
      if (input.name !== undefined) added.name = input.name;
      if (input.enabled !== undefined) added.enabled = input.enabled;
    } else {
      const change = { ...saved.discovered[input.engineId] };
      if (input.name !== undefined) change.name = input.name;
      if (input.enabled !== undefined) change.enabled = input.enabled;
      saved.discovered[input.engineId] = change;
    }
    this.save(saved);
    const meta = engine.meta ?? { name: input.engineId, origin: 'added' as const, enabled: true };
    engine.setMeta({ ...meta, ...(input.name !== undefined ? { name: input.name } : {}), ...(input.enabled !== undefined ? { enabled: input.enabled } : {}) });
  }

  async remove(input: { engineId: string }): Promise<void> {
    if (input.engineId === DEFAULT_ENGINE_ID) {
      throw new BerthError('INVALID_INPUT', '"local" is the engine the docker CLI uses here (DOCKER_HOST, the current context or the default socket); it can be disabled, not removed.');
    }
    this.engines.get(input.engineId);
    const saved = this.saved();
    const i = saved.added.findIndex((a) => a.id === input.engineId);
    if (i >= 0) saved.added.splice(i, 1);
    else saved.discovered[input.engineId] = { ...saved.discovered[input.engineId], removed: true };
    this.save(saved);
    await this.engines.remove(input.engineId);
  }

  /**
   * Appends the pending host key to the known_hosts file ssh itself would write to (the first UserKnownHostsFile,
   * ~/.ssh/known_hosts by default), so `docker -H ssh://…` and the compose CLI trust it too, then connects.
   */
  async trustHostKey(input: { engineId: string; fingerprint: string }): Promise<void> {
    const engine = this.engines.get(input.engineId);
    const pending = engine.hostKeyPending;
    if (!pending) throw new BerthError('CONFLICT', 'No host key is waiting for a decision on this engine.');
    if (pending.state === 'changed') {
      throw new BerthError('CONFLICT', `The host key of ${pending.host} has changed; Berth does not replace a known key. Remove the old line from ${pending.knownHostsFile} if the change is expected.`);
    }
    if (pending.fingerprint !== input.fingerprint) {
      throw new BerthError('CONFLICT', `The host now shows ${pending.fingerprint}, not the key you accepted: look again before accepting.`);
    }
    mkdirSync(path.dirname(pending.knownHostsFile), { recursive: true, mode: 0o700 });
    let before = '';
    try {
      before = readFileSync(pending.knownHostsFile, 'utf8');
    } catch {
      // a new file
    }
    const sep = before && !before.endsWith('\n') ? '\n' : '';
    appendFileSync(pending.knownHostsFile, `${sep}${knownHostsLine(pending.host, pending.port, Buffer.from(pending.keyBase64, 'base64'))}\n`, { mode: 0o600 });
    engine.retryNow();
  }
}
