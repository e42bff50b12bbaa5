import type Docker from 'dockerode';
import { randomBytes } from 'node:crypto';
import type { BulkResult, ContainerRemovalPlan, ContainerSummary, ContainersMessage, KillSignal, RunChoices, RunExport } from '../../preload/contract/containers';
import { BULK_VERBS } from '../../preload/contract/containers';
import { BerthError } from '../../preload/contract/errors';
import type { RunSpec } from '../../preload/contract/run-spec';
import { isSecretName } from '../../preload/contract/secrets';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';
import type { AreaImplementation, AreaInputs, EngineInput, Target } from '../../preload/contract';
import { ContainerStore } from './container-store';
import { PerEngine } from './live-list';
import { keepComposeLabels, specFromInspect, toCreateOptions, toDockerRunCommand } from './container-run';
import { toComposeService } from './container-run-compose';
import { explainRunError } from './container-run-errors';
import type { LifecycleController, OperationHandle } from './lifecycle';
import { locks } from './locks';

type Inputs = AreaInputs<'containers'>;

/** The engine answers 304 when asked to start a running or stop a stopped container: already where the user wants. */
const isNotModified = (err: unknown) => (err as { statusCode?: number })?.statusCode === 304;

const ANONYMOUS_VOLUME = /^[0-9a-f]{64}$/;

/**
 * How many containers a bulk action drives at once. The docker CLI runs up to 50 `stop`s in parallel; the engine,
 * not Berth, is the bottleneck, so a similar width keeps a bulk stop as fast as the CLI's.
 */
export const BULK_CONCURRENCY = 32;

/**
 * A target whose action may be called off while it waits for an earlier action on the same container (a bulk
 * action being cancelled). Once started, an action runs to its end: the engine would finish it anyway.
 */
type Queued = Target & { queueSignal?: AbortSignal | undefined };

type BulkInput = Inputs['bulk'];

export class ContainersService implements AreaImplementation<'containers'> {
  /** Every engine's live container list, from the start (an engine added at run time gets one like the rest). */
  private readonly stores: PerEngine<ContainerStore>;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly lifecycle: LifecycleController,
  ) {
    this.stores = new PerEngine(engines, (engine) => new ContainerStore(engine).start(), true);
  }

  store(engineId?: string): ContainerStore {
    return this.stores.get(engineId);
  }

  watch(input: EngineInput, emit: (m: ContainersMessage) => void, signal: AbortSignal): Promise<void> {
    return this.store(input.engineId).stream(emit, signal);
  }

  async list(input: EngineInput): Promise<ContainerSummary[]> {
    const store = this.store(input.engineId);
    if (this.engines.get(input.engineId).status.state !== 'connected') {
      throw new BerthError('ENGINE_UNREACHABLE', 'The container engine is not connected right now; the list would be stale.');
    }
    const snap = store.snapshot();
    return snap.type === 'snapshot' ? snap.containers : [];
  }

  start(t: Queued) {
    return this.act(t, 'start', (c) => c.start());
  }

  stop(t: Queued & Pick<Inputs['stop'], 'timeoutSeconds'>) {
    return this.act(t, 'stop', (c) => c.stop(t.timeoutSeconds === undefined ? {} : { t: t.timeoutSeconds }));
  }

  restart(t: Queued & Pick<Inputs['restart'], 'timeoutSeconds'>) {
    return this.act(t, 'restart', (c) => c.restart(t.timeoutSeconds === undefined ? {} : { t: t.timeoutSeconds }));
  }

  remove(t: Queued & { force: boolean; removeVolumes: boolean }) {
    return this.act(t, 'remove', async (c) => {
      // What the plan calls anonymous volumes (unnamed: 64 hex digits). The engine's `v` removes only those the
      // container declared without a name; one that a recreate handed on is mounted by its name and would stay.
      const anonymous = t.removeVolumes
        ? ((await c.inspect().catch(() => null))?.Mounts ?? []).flatMap((m) => (m.Type === 'volume' && m.Name && ANONYMOUS_VOLUME.test(m.Name) ? [m.Name] : []))
        : [];
      try {
        await c.remove({ force: t.force, v: t.removeVolumes });
        // Still used by another container: kept (the engine refuses), as `docker rm -v` keeps it.
        for (const name of anonymous) await this.engines.get(t.engineId).api.getVolume(name).remove().catch(() => undefined);
      } catch (err) {
        if (!t.force && /cannot remove a running container|stop the container before/i.test(toBerthError(err).message)) {
          throw new BerthError(
            'CONFLICT',
            `"${this.displayName(t)}" is running, so it was not removed. Stop it first, or remove it with force (which stops it).`,
            { reason: 'running' },
          );
        }
        throw err;
      }
    });
  }

  pause(t: Queued) {
    return this.act(t, 'pause', (c) => c.pause());
  }

  unpause(t: Queued) {
    return this.act(t, 'unpause', (c) => c.unpause());
  }

  kill(t: Queued & { signal: KillSignal }) {
    return this.act(t, 'kill', (c) => c.kill({ signal: t.signal }));
  }

  rename(t: Inputs['rename']) {
    return this.act(t, 'rename', async (c) => {
      try {
        await c.rename({ name: t.name });
      } catch (err) {
        throw explainRunError(err, { image: '', name: t.name, what: `rename "${this.displayName(t)}"` });
      }
    });
  }

  /**
   * One action per id through the lifecycle controller, `BULK_CONCURRENCY` at a time; never throws per item. More
   * than one container is a tracked operation (the operations panel shows "12 of 50" and can cancel it): cancelling
   * lets the actions under way finish and reports the ones not started as cancelled.
   */
  async bulk(input: BulkInput): Promise<BulkResult[]> {
    const ids = [...new Set(input.ids)];
    const one = (id: string, queueSignal: AbortSignal | undefined): Promise<void> => {
      const t = { engineId: input.engineId, id, queueSignal };
      switch (input.action) {
        case 'start':
          return this.start(t);
        case 'stop':
          return this.stop({ ...t, timeoutSeconds: input.timeoutSeconds });
        case 'restart':
          return this.restart({ ...t, timeoutSeconds: input.timeoutSeconds });
        case 'pause':
          return this.pause(t);
        case 'unpause':
          return this.unpause(t);
        case 'kill':
          return this.kill({ ...t, signal: input.signal });
        case 'remove':
          return this.remove({ ...t, force: input.force, removeVolumes: input.removeVolumes });
      }
    };
    const body = async (op: OperationHandle | null): Promise<BulkResult[]> => {
      const results: BulkResult[] = new Array(ids.length);
      let next = 0;
      let done = 0;
      let failed = 0;
      const worker = async () => {
        while (next < ids.length) {
          const i = next++;
          const id = ids[i]!;
          const name = this.displayName({ engineId: input.engineId, id });
          if (op?.signal.aborted) {
            results[i] = { id, name, ok: false, error: { code: 'CANCELLED', message: 'Cancelled before it started.' } };
            continue;
          }
          try {
            await one(id, op?.signal);
            results[i] = { id, name, ok: true };
          } catch (err) {
            const e = toBerthError(err, `${input.action} "${name}"`);
            results[i] = { id, name, ok: false, error: { code: e.code, message: e.message } };
            if (e.code !== 'CANCELLED') failed++;
          }
          done++;
          op?.progress(done / ids.length, `${done} of ${ids.length}${failed ? ` (${failed} failed)` : ''} · last: ${name}`);
        }
      };
      await Promise.all(Array.from({ length: Math.min(BULK_CONCURRENCY, ids.length) }, worker));
      if (failed && !op?.signal.aborted) op?.fail(`${failed} of ${ids.length} failed`);
      return results;
    };
    if (ids.length < 2) return body(null);
    const label = `${BULK_VERBS[input.action]} ${ids.length} containers`;
    return this.lifecycle.run(locks.bulk(), label, body, { kind: 'bulk' });
  }

  planRemovals(input: Inputs['planRemovals']): Promise<ContainerRemovalPlan[]> {
    return Promise.all(input.ids.map((id) => this.planRemoval({ engineId: input.engineId, id })));
  }

  /** Creates from a spec and starts it. A container that was created but would not start is removed again. */
  async run(input: Inputs['run']): Promise<{ id: string; name: string }> {
    const engine = this.engines.get(input.engineId);
    const { spec } = input;
    const label = spec.name || spec.image;
    return this.lifecycle.run(locks.containerName(engine.id, spec.name), `run ${label}`, async () => {
      await this.requireImage(engine.api, spec.image);
      const created = await this.createFrom(engine.api, spec, `create "${label}"`);
      if (input.start) await this.startOrDiscard(engine.api, created, spec, label);
      this.store(input.engineId).refresh(created.id);
      return created;
    });
  }

  async runSpecOf(t: Target): Promise<RunSpec> {
    const engine = this.engines.get(t.engineId);
    let info: Docker.ContainerInspectInfo;
    try {
      info = await engine.api.getContainer(t.id).inspect();
    } catch (err) {
      throw this.explain(err, 'read the settings of', this.displayName(t), t);
    }
    const image = await engine.api
      .getImage(info.Image)
      .inspect()
      .catch(() => null);
    return specFromInspect(info, image);
  }

  previewRun(input: Omit<Inputs['previewRun'], 'maskSecrets'> & { maskSecrets?: boolean }): Promise<RunExport> {
    const mask = input.maskSecrets ? isSecretName : undefined;
    return Promise.resolve({ command: toDockerRunCommand(input.spec, mask), compose: toComposeService(input.spec, { maskSecret: mask }) });
  }

  async exportRun(t: Target): Promise<RunExport> {
    return this.previewRun({ spec: await this.runSpecOf(t) });
  }

  async runChoices(input: EngineInput): Promise<RunChoices> {
    const api = this.engines.get(input.engineId).api;
    try {
      const [images, networks, volumes] = await Promise.all([api.listImages(), api.listNetworks(), api.listVolumes()]);
      const tags = images.flatMap((i) => (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>'));
      const byName = (a: string, b: string) => a.localeCompare(b);
      return {
        images: [...new Set(tags)].sort(byName),
        networks: networks.map((n) => n.Name).sort(byName),
        volumes: (volumes.Volumes ?? []).map((v) => v.Name).filter((n) => !ANONYMOUS_VOLUME.test(n)).sort(byName),
      };
    } catch (err) {
      throw toBerthError(err, 'list images, networks and volumes');
    }
  }

  /**
   * Replaces a container by one made from `spec`, never losing the old one on an error: it is renamed aside (when
   * the new one wants its name) and stopped (it may hold the ports), the new one is created — reusing the old
   * anonymous volumes at the same paths when asked — and started if the old one ran; only then is the old one
   * removed. Any failure before that removes the new one and puts the old one back as it was.
   */
  async recreate(t: Inputs['recreate']): Promise<{ id: string; name: string }> {
    const engine = this.engines.get(t.engineId);
    const api = engine.api;
    const name = this.displayName(t);
    const key = locks.container(engine.id, this.store(t.engineId).get(t.id)?.id ?? t.id);
    return this.lifecycle.run(key, `recreate ${name}`, async () => {
      let old: Docker.ContainerInspectInfo;
      try {
        old = await api.getContainer(t.id).inspect();
      } catch (err) {
        throw this.explain(err, 'recreate', name, t);
      }
      const oldName = old.Name.replace(/^\//, '');
      const oldContainer = api.getContainer(old.Id);
      const wasRunning = old.State.Running || old.State.Restarting || old.State.Paused;
      await this.requireImage(api, t.spec.image);

      const edited = keepComposeLabels(t.spec, old.Config.Labels);
      const spec = t.keepAnonymousVolumes ? withAnonymousVolumesOf(old, edited) : edited;
      const asideName = `${oldName}-berth-old-${randomBytes(3).toString('hex')}`;
      const undo: (() => Promise<unknown>)[] = [];
      let created: { id: string; name: string } | null = null;
      try {
        if (spec.name === oldName) {
          await oldContainer.rename({ name: asideName });
          undo.push(() => oldContainer.rename({ name: oldName }));
        }
        if (wasRunning) {
          await oldContainer.stop({ t: (old.Config as { StopTimeout?: number }).StopTimeout ?? 10 }).catch((err: unknown) => {
            if (!isNotModified(err)) throw err;
          });
          undo.push(() => oldContainer.start());
        }
        created = await this.createFrom(api, spec, `create the new "${spec.name || oldName}"`);
        if (wasRunning) await this.startOrDiscard(api, created, spec, spec.name || oldName);
      } catch (err) {
        if (created) await api.getContainer(created.id).remove({ force: true }).catch(() => undefined); // gone already if it would not start
        for (const step of undo.reverse()) await step().catch(() => undefined);
        this.store(t.engineId).refresh(old.Id);
        const e = toBerthError(err, `recreate "${name}"`);
        throw new BerthError(e.code, `${e.message} "${oldName}" was left as it was.`, e.details);
      }
      // Anonymous volumes kept for the new container are in use by it: removing the old one must not take them.
      await oldContainer.remove({ force: true, v: !t.keepAnonymousVolumes }).catch((err: unknown) => {
        throw toBerthError(err, `remove the old "${oldName}" (now "${asideName}") after creating its replacement`);
      });
      this.store(t.engineId).refresh(created.id);
      return created;
    });
  }

  private async requireImage(api: Docker, image: string): Promise<void> {
    try {
      await api.getImage(image).inspect();
    } catch (err) {
      throw explainRunError(err, { image, name: '', what: `find the image "${image}"` });
    }
  }

  private async createFrom(api: Docker, spec: RunSpec, what: string): Promise<{ id: string; name: string }> {
    try {
      const c = await api.createContainer(toCreateOptions(spec));
      const info = await c.inspect();
      return { id: info.Id, name: info.Name.replace(/^\//, '') };
    } catch (err) {
      throw explainRunError(err, { image: spec.image, name: spec.name, what });
    }
  }

  /** Starts a just-created container; if the engine refuses, removes it (it never ran: nothing is lost). */
  private async startOrDiscard(api: Docker, created: { id: string; name: string }, spec: RunSpec, label: string): Promise<void> {
    const c = api.getContainer(created.id);
    try {
      await c.start();
    } catch (err) {
      await c.remove({ force: true, v: true }).catch(() => undefined);
      const e = explainRunError(err, { image: spec.image, name: spec.name, what: `start "${label}"` });
      throw new BerthError(e.code, `${e.message} The new container was not kept.`, e.details);
    }
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
    const labels = info.Config.Labels ?? {};
    const project = labels['com.docker.compose.project'];
    return {
      container: {
        id: info.Id,
        name: info.Name.replace(/^\//, ''),
        state,
        image: info.Config.Image,
        ...(project ? { compose: { project, service: labels['com.docker.compose.service'] ?? '' } } : {}),
      },
      running: info.State.Running || info.State.Paused || info.State.Restarting,
      anonymousVolumes,
      keptMounts,
      writableLayerLost: true,
    };
  }

  private displayName(t: Target): string {
    return this.store(t.engineId).get(t.id)?.name ?? t.id;
  }

  private async act(t: Queued, verb: string, fn: (c: Docker.Container) => Promise<unknown>): Promise<void> {
    const engine = this.engines.get(t.engineId);
    const name = this.displayName(t);
    const key = locks.container(engine.id, this.store(t.engineId).get(t.id)?.id ?? t.id);
    await this.lifecycle.run(key, `${verb} ${name}`, async () => {
      try {
        await fn(engine.api.getContainer(t.id));
      } catch (err) {
        if (isNotModified(err)) return;
        throw this.explain(err, verb, name, t);
      }
      // Engine quirk (20.10 pause/unpause): the event is logged before the state reaches the view that
      // /containers/json reads, so the list call the event triggers can still say "running". Once the action's
      // own call has returned, the state is there: read it again.
      this.store(t.engineId).refresh(this.store(t.engineId).get(t.id)?.id ?? t.id);
    }, t.queueSignal ? { signal: t.queueSignal } : {});
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

/**
 * The spec with the old container's anonymous volumes mounted again at their paths (unless the spec mounts
 * something else there), so their data survives a recreate.
 */
export function withAnonymousVolumesOf(old: Docker.ContainerInspectInfo, spec: RunSpec): RunSpec {
  const taken = new Map(spec.mounts.map((m, i) => [m.target, i]));
  const mounts = [...spec.mounts];
  for (const m of old.Mounts ?? []) {
    if (m.Type !== 'volume' || !m.Name || !ANONYMOUS_VOLUME.test(m.Name)) continue;
    const i = taken.get(m.Destination);
    if (i === undefined) mounts.push({ type: 'volume', source: m.Name, target: m.Destination, readOnly: !m.RW });
    else if (mounts[i]!.type === 'volume' && mounts[i]!.source === '') mounts[i] = { ...mounts[i]!, source: m.Name };
  }
  return { ...spec, mounts };
}
