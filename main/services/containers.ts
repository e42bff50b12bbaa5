import type Docker from 'dockerode';
import type { ContainerRemovalPlan, ContainerSummary, ContainersMessage } from '../../preload/contract/containers';
import { BerthError } from '../../preload/contract/errors';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../rpc/errors';
import { untilAborted } from './abort';
import { ContainerStore } from './container-store';
import type { LifecycleController } from './lifecycle';

interface Target {
  engineId?: string | undefined;
  id: string;
}

/** The engine answers 304 when asked to start a running or stop a stopped container: already where the user wants. */
const isNotModified = (err: unknown) => (err as { statusCode?: number })?.statusCode === 304;

const ANONYMOUS_VOLUME = /^[0-9a-f]{64}$/;

export class ContainersService {
  private readonly stores = new Map<string, ContainerStore>();

  constructor(
    private readonly engines: EngineRegistry,
    private readonly lifecycle: LifecycleController,
  ) {
    for (const engine of engines.all()) this.stores.set(engine.id, new ContainerStore(engine));
  }

  store(engineId?: string): ContainerStore {
    const engine = this.engines.get(engineId);
    return this.stores.get(engine.id)!;
  }

  async watch(input: { engineId?: string | undefined }, emit: (m: ContainersMessage) => void, signal: AbortSignal): Promise<void> {
    const store = this.store(input.engineId);
    const off = store.subscribe(emit);
    if (store.ready) emit(store.snapshot());
    try {
      await untilAborted(signal);
    } finally {
      off();
    }
  }

  async list(input: { engineId?: string | undefined }): Promise<ContainerSummary[]> {
    const store = this.store(input.engineId);
    if (this.engines.get(input.engineId).status.state !== 'connected') {
      throw new BerthError('ENGINE_UNREACHABLE', 'The container engine is not connected right now; the list would be stale.');
    }
    const snap = store.snapshot();
    return snap.type === 'snapshot' ? snap.containers : [];
  }

  start(t: Target) {
    return this.act(t, 'start', (c) => c.start());
  }

  stop(t: Target & { timeoutSeconds?: number | undefined }) {
    return this.act(t, 'stop', (c) => c.stop(t.timeoutSeconds === undefined ? {} : { t: t.timeoutSeconds }));
  }

  restart(t: Target & { timeoutSeconds?: number | undefined }) {
    return this.act(t, 'restart', (c) => c.restart(t.timeoutSeconds === undefined ? {} : { t: t.timeoutSeconds }));
  }

  remove(t: Target & { force: boolean; removeVolumes: boolean }) {
    return this.act(t, 'remove', (c) => c.remove({ force: t.force, v: t.removeVolumes }));
  }

  async planRemoval(t: Target): Promise<ContainerRemovalPlan> {
    const engine = this.engines.get(t.engineId);
    const name = this.displayName(t);
    let info: Docker.ContainerInspectInfo;
    try {
      info = await engine.api.getContainer(t.id).inspect();
    } catch (err) {
      throw this.explain(err, 'plan the removal of', name, t);
    }
    const anonymousVolumes: string[] = [];
    const keptMounts: ContainerRemovalPlan['keptMounts'] = [];
    for (const m of info.Mounts ?? []) {
      if (m.Type === 'volume' && m.Name && ANONYMOUS_VOLUME.test(m.Name)) anonymousVolumes.push(m.Name);
      else if (m.Type === 'volume' && m.Name) keptMounts.push({ type: 'volume', name: m.Name, destination: m.Destination });
      else if (m.Type === 'bind') keptMounts.push({ type: 'bind', name: m.Source, destination: m.Destination });
    }
    const state = info.State.Status as ContainerRemovalPlan['container']['state'];
    return {
      container: { id: info.Id, name: info.Name.replace(/^\//, ''), state, image: info.Config.Image },
      running: info.State.Running || info.State.Paused || info.State.Restarting,
      anonymousVolumes,
      keptMounts,
      writableLayerLost: true,
    };
  }

  private displayName(t: Target): string {
    return this.store(t.engineId).get(t.id)?.name ?? t.id;
  }

  private async act(t: Target, verb: string, fn: (c: Docker.Container) => Promise<unknown>): Promise<void> {
    const engine = this.engines.get(t.engineId);
    const name = this.displayName(t);
    const key = `container:${engine.id}/${this.store(t.engineId).get(t.id)?.id ?? t.id}`;
    await this.lifecycle.run(key, `${verb} ${name}`, async () => {
      try {
        await fn(engine.api.getContainer(t.id));
      } catch (err) {
        if (isNotModified(err)) return;
        throw this.explain(err, verb, name, t);
      }
    });
  }

  private explain(err: unknown, verb: string, name: string, t: Target): BerthError {
    const e = toBerthError(err, `${verb} "${name}"`);
    if (e.code === 'NOT_FOUND') {
      // The list was stale: make it correct itself now rather than at the next event.
      this.store(t.engineId).refresh(this.store(t.engineId).get(t.id)?.id ?? t.id);
      return new BerthError('NOT_FOUND', `Could not ${verb} "${name}": it no longer exists (removed outside Berth?).`);
    }
    return e;
  }
}
