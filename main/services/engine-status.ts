import type { AreaImplementation, EngineInput } from '../../preload/contract';
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
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
import { watchContexts } from '../engine/context-watch';
import { knownHostsLine, withoutHostKey } from '../engine/known-hosts';
import { keyOpensWith, keyPassphrases } from '../engine/ssh-tunnel';
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
export class EngineStatusService implements AreaImplementation<'engine'> {
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

  /**
   * Docker contexts created or removed while Berth runs appear and go without a restart (see watchContexts). Only
   * discovered contexts are added or dropped: an engine the user removed stays removed, one added in Settings stays.
   */
  followContexts(opts?: Parameters<typeof watchContexts>[2]): () => void {
    const environment = this.environment;
    if (!environment) return () => undefined;
    const configDir = environment.env.DOCKER_CONFIG || path.join(environment.homedir, '.docker');
    return watchContexts(configDir, () => this.syncContexts(), opts);
  }

  /** Adds the discovered contexts the registry lacks and removes discovered ones whose context is gone. */
  syncContexts(): void {
    if (!this.environment) return;
    const wanted = mergeEngines(EngineRegistry.discovered(this.environment), this.saved());
    for (const def of wanted) if (def.source.type === 'context' && !this.engines.has(def.id)) this.engines.add(def);
    for (const engine of this.engines.all()) {
      if (engine.id === DEFAULT_ENGINE_ID || engine.meta?.origin !== 'context' || wanted.some((d) => d.id === engine.id)) continue;
      void this.engines.remove(engine.id).catch(() => undefined);
    }
  }

  async retry(input: EngineInput = {}): Promise<void> {
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
      throw new BerthError('CONFLICT', `The host key of ${pending.host} has changed: accepting is not enough. Compare both fingerprints and replace the old key if the change is expected.`);
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

  /**
   * The user saw a changed host key, compared the old and new fingerprints and chose to replace the old one: the
   * lines holding the old key for that host are removed from the file that holds them (kept first as `<file>.old`,
   * as `ssh-keygen -R` does), the new key is appended where an accepted key goes, and Berth connects. Both
   * fingerprints must still be the ones shown, so a key that changed again meanwhile is not replaced unseen.
   */
  async replaceHostKey(input: { engineId: string; fingerprint: string; previousFingerprint: string }): Promise<void> {
    const engine = this.engines.get(input.engineId);
    const pending = engine.hostKeyPending;
    if (!pending || pending.state !== 'changed') throw new BerthError('CONFLICT', 'No changed host key is waiting for a decision on this engine.');
    if (!pending.previous) throw new BerthError('CONFLICT', `The key ${pending.host} shows is marked @revoked in known_hosts; Berth never replaces a revoked key.`);
    if (pending.fingerprint !== input.fingerprint || pending.previous.fingerprint !== input.previousFingerprint) {
      throw new BerthError('CONFLICT', `The host now shows ${pending.fingerprint} (known_hosts: ${pending.previous.fingerprint}), not the keys you compared: look again before replacing.`);
    }
    const file = pending.previous.file;
    let text: string;
    let mode: number;
    try {
      text = readFileSync(file, 'utf8');
      mode = statSync(file).mode & 0o777;
    } catch (err) {
      throw new BerthError('CONFLICT', `Could not read ${file}: ${(err as Error).message}`);
    }
    const next = withoutHostKey(text, pending.host, pending.port, pending.previous.keyBase64);
    if (next.removed === 0) throw new BerthError('CONFLICT', `${file} no longer holds the old key of ${pending.host}; connect again to see what it holds now.`);
    try {
      copyFileSync(file, `${file}.old`);
      const tmp = `${file}.berth-${process.pid}`;
      writeFileSync(tmp, next.text, { mode });
      renameSync(tmp, file);
    } catch (err) {
      throw new BerthError('PERMISSION_DENIED', `Could not rewrite ${file} (${(err as Error).message}); remove line ${pending.previous.line} by hand and accept the new key.`);
    }
    const target = pending.knownHostsFile;
    let before = '';
    try {
      before = readFileSync(target, 'utf8');
    } catch {
      mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 });
    }
    const sep = before && !before.endsWith('\n') ? '\n' : '';
    appendFileSync(target, `${sep}${knownHostsLine(pending.host, pending.port, Buffer.from(pending.keyBase64, 'base64'))}\n`, { mode: 0o600 });
    engine.retryNow();
  }

  /**
   * The passphrase of the encrypted key an engine waits on: checked against the key first, so a typo is said at
   * once and not as an authentication failure later; then held in memory for this run only (keyPassphrases).
   */
  async unlockSshKey(input: { engineId: string; keyFile: string; passphrase: string }): Promise<void> {
    const engine = this.engines.get(input.engineId);
    if (engine.status.sshKeyLocked?.keyFile !== input.keyFile) throw new BerthError('CONFLICT', 'No ssh key of this engine waits for a passphrase.');
    let text: string;
    try {
      text = readFileSync(input.keyFile, 'utf8');
    } catch (err) {
      throw new BerthError('CONFLICT', `Could not read ${input.keyFile}: ${(err as Error).message}`);
    }
    if (!keyOpensWith(text, input.passphrase)) throw new BerthError('INVALID_INPUT', `That passphrase does not open ${input.keyFile}.`);
    keyPassphrases.set(input.keyFile, input.passphrase);
    engine.retryNow();
  }
}
