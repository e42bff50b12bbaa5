import { contract, type BerthImplementation } from '../preload/contract';
import type { EngineConnectionOptions } from './engine/connection';
import { DEFAULT_ENGINE_ID, EngineRegistry, processEnvironment } from './engine/registry';
import { Router } from './rpc/router';
import { ContainerDetailsService } from './services/container-details';
import { ContainerFilesService } from './services/container-details-files';
import { ContainersService } from './services/containers';
import { EngineStatusService, registryFromSettings } from './services/engine-status';
import { EventsService } from './services/events';
import { LifecycleController } from './services/lifecycle';
import { LogsService } from './services/logs';
import { StacksService } from './services/stacks';
import { ComposeWatches } from './services/stacks-watch';
import { StatsService } from './services/stats';
import { TerminalService } from './services/terminal';
import { DebugShellService } from './services/debug-shell';
import { ImagesService } from './services/images';
import { RegistriesService } from './services/registries';
import { DiskService } from './services/disk';
import { DockerfilesService } from './services/dockerfiles';
import { HostService } from './services/host';
import { NetworksService } from './services/networks';
import { SettingsFile } from './services/settings';
import { VolumesService } from './services/volumes';
import { VolumeHelpers } from './services/volumes-helper';
import { VolumeTransfers } from './services/volumes-transfer';

export interface BackendOptions {
  /** The environment engine discovery reads (DOCKER_HOST, DOCKER_CONTEXT, …); process.env by default. */
  env?: NodeJS.ProcessEnv;
  engineTuning?: Partial<EngineConnectionOptions>;
  /**
   * Only `local` (the engine the docker CLI would pick) instead of every engine on the machine plus the saved ones:
   * for tests of one endpoint.
   */
  onlyLocalEngine?: boolean;
}

export interface Backend {
  router: Router;
  engines: EngineRegistry;
  close(): Promise<void>;
}

/** The engine an input names: `engineId`, or that of its target(s). */
function engineIdOf(input: unknown): string | undefined {
  if (!input || typeof input !== 'object') return undefined;
  const i = input as { engineId?: unknown; target?: { engineId?: unknown }; targets?: { engineId?: unknown }[] };
  const id = i.engineId ?? i.target?.engineId ?? i.targets?.[0]?.engineId;
  return typeof id === 'string' ? id : undefined;
}

/**
 * Main as a Node library: engines, services and the router, with no Electron and no transport. `main/index.ts`
 * (Electron) and `main/serve.ts` (web mode) each put one transport in front of it.
 */
export async function createBackend(options: BackendOptions = {}): Promise<Backend> {
  const settings = new SettingsFile();
  const engineEnvironment = processEnvironment(options.env ?? process.env, options.engineTuning);
  const engines = options.onlyLocalEngine ? EngineRegistry.fromEnvironment(options.env ?? process.env, options.engineTuning) : registryFromSettings(engineEnvironment, settings);
  const lifecycle = new LifecycleController();
  const containers = new ContainersService(engines, lifecycle);
  const events = new EventsService(engines);
  const details = new ContainerDetailsService(engines);
  const files = new ContainerFilesService(engines);
  const stats = new StatsService(engines, containers);
  const engineStatus = new EngineStatusService(engines, settings, engineEnvironment);
  const logs = new LogsService(engines);
  const terminal = new TerminalService(engines);
  const debugShell = new DebugShellService(engines, terminal, settings);
  const registries = new RegistriesService(options.env ?? process.env);
  const images = new ImagesService(engines, containers, lifecycle, registries);
  const stacks = new StacksService(engines, lifecycle, settings, containers);
  const composeWatches = new ComposeWatches(engines, stacks);
  const volumeHelpers = new VolumeHelpers(engines, settings);
  const volumes = new VolumesService(engines, volumeHelpers, files);
  const transfers = new VolumeTransfers(engines, volumeHelpers, lifecycle);
  const networks = new NetworksService(engines, lifecycle);
  const disk = new DiskService(engines, volumes, networks);
  const host = new HostService();
  const dockerfiles = new DockerfilesService(settings);

  const implementation: BerthImplementation = {
    engine: {
      watch: (input, emit, signal) => engineStatus.watch(input, emit, signal),
      retry: (input) => engineStatus.retry(input),
      add: (input) => engineStatus.add(input),
      update: (input) => engineStatus.update(input),
      remove: (input) => engineStatus.remove(input),
      trustHostKey: (input) => engineStatus.trustHostKey(input),
      replaceHostKey: (input) => engineStatus.replaceHostKey(input),
      unlockSshKey: (input) => engineStatus.unlockSshKey(input),
    },
    containers: {
      watch: (input, emit, signal) => containers.watch(input, emit, signal),
      list: (input) => containers.list(input),
      start: (input) => containers.start(input),
      stop: (input) => containers.stop(input),
      restart: (input) => containers.restart(input),
      remove: (input) => containers.remove(input),
      planRemoval: (input) => containers.planRemoval(input),
      planRemovals: (input) => containers.planRemovals(input),
      pause: (input) => containers.pause(input),
      unpause: (input) => containers.unpause(input),
      kill: (input) => containers.kill(input),
      rename: (input) => containers.rename(input),
      bulk: (input) => containers.bulk(input),
      run: (input) => containers.run(input),
      runSpecOf: (input) => containers.runSpecOf(input),
      previewRun: (input) => containers.previewRun(input),
      exportRun: (input) => containers.exportRun(input),
      runChoices: (input) => containers.runChoices(input),
      recreate: (input) => containers.recreate(input),
      operations: () => containers.operations(),
    },
    containerDetails: {
      inspect: (input) => details.inspect(input),
      top: (input) => details.top(input),
      changes: (input) => details.changes(input),
      files: {
        list: (input) => files.list(input),
        read: (input) => files.read(input),
        download: (input, emit, signal) => files.download(input, emit, signal),
        uploadStart: (input) => files.uploadStart(input),
        uploadChunk: (input) => files.uploadChunk(input),
        uploadFinish: (input) => files.uploadFinish(input),
        uploadCancel: (input) => files.uploadCancel(input),
      },
    },
    events: {
      watch: (input, emit, signal) => events.watch(input, emit, signal),
    },
    logs: {
      follow: (input, emit, signal) => logs.follow(input, emit, signal),
    },
    stacks: {
      remembered: () => stacks.remembered(),
      open: (input) => stacks.open(input),
      forget: (input) => stacks.forget(input),
      setOptions: (input) => stacks.setOptions(input),
      readFile: (input) => stacks.readFile(input),
      save: (input) => stacks.save(input),
      history: (input) => stacks.history(input),
      historyRead: (input) => stacks.historyRead(input),
      create: (input) => stacks.create(input),
      convertRun: (input) => stacks.convertRun(input),
      exportContainers: (input) => stacks.exportContainers(input),
      config: (input) => stacks.config(input),
      planDown: (input) => stacks.planDown(input),
      drift: (input) => stacks.drift(input),
      run: (input, emit, signal) => stacks.run(input, emit, signal),
      cli: () => stacks.cliInfo(),
      setCliPath: (input) => stacks.setCliPath(input),
      composeWatch: {
        support: (input) => composeWatches.support(input),
        start: (input) => composeWatches.start(input),
        stop: (input) => composeWatches.stop(input),
        states: (_input, emit, signal) => composeWatches.watchStates(emit, signal),
        output: (input, emit, signal) => composeWatches.output(input, emit, signal),
      },
    },
    terminal: {
      open: (input, emit, signal, ctx) => terminal.open(input, emit, signal, ctx),
      write: (input, ctx) => terminal.write(input, ctx),
      resize: (input, ctx) => terminal.resize(input, ctx),
      ack: (input, ctx) => terminal.ack(input, ctx),
    },
    debugShell: {
      open: (input, emit, signal, ctx) => debugShell.open(input, emit, signal, ctx),
      toolbox: (input) => debugShell.toolbox(input),
      setToolbox: (input) => debugShell.setToolbox(input),
    },
    images: {
      watch: (input, emit, signal) => images.watch(input, emit, signal),
      history: (input) => images.history(input),
      tag: (input) => images.tag(input),
      planRemoval: (input) => images.planRemoval(input),
      remove: (input) => images.remove(input),
      pull: (input, emit, signal) => images.pull(input, emit, signal),
      push: (input, emit, signal) => images.push(input, emit, signal),
      build: (input, emit, signal) => images.build(input, emit, signal),
      readDockerfile: (input) => images.readDockerfile(input),
      planPrune: (input) => images.planPrune(input),
      prune: (input) => images.prune(input),
      save: (input) => images.save(input),
      load: (input) => images.load(input),
    },
    registries: {
      list: () => registries.list(),
      login: (input) => registries.login(input),
      logout: (input) => registries.logout(input),
      catalog: (input) => registries.catalog(input),
      tags: (input) => registries.tags(input),
    },
    stats: {
      watch: (input, emit, signal) => stats.watch(input, emit, signal),
    },
    volumes: {
      watch: (input, emit, signal) => volumes.watch(input, emit, signal),
      list: (input) => volumes.list(input),
      sizes: (input) => volumes.sizes(input),
      create: (input) => volumes.create(input),
      inspect: (input) => volumes.inspect(input),
      planRemoval: (input) => volumes.planRemoval(input),
      remove: (input) => volumes.remove(input),
      planPrune: (input) => volumes.planPrune(input),
      prune: (input) => volumes.prune(input),
      files: {
        list: (input) => volumes.listFiles(input),
        read: (input) => volumes.readFile(input),
        download: (input, emit, signal) => volumes.downloadFile(input, emit, signal),
      },
      backup: (input, emit, signal) => transfers.backup(input, emit, signal),
      restore: (input, emit, signal) => transfers.restore(input, emit, signal),
      clone: (input, emit, signal) => transfers.clone(input, emit, signal),
      helperImage: (input) => volumes.helperImage(input),
      setHelperImage: (input) => volumes.setHelperImage(input),
      defaultBackupFolder: () => volumes.defaultBackupFolder(),
    },
    networks: {
      watch: (input, emit, signal) => networks.watch(input, emit, signal),
      list: (input) => networks.list(input),
      create: (input) => networks.create(input),
      inspect: (input) => networks.inspect(input),
      connect: (input) => networks.connect(input),
      disconnect: (input) => networks.disconnect(input),
      planRemoval: (input) => networks.planRemoval(input),
      remove: (input) => networks.remove(input),
      planPrune: (input) => networks.planPrune(input),
      prune: (input) => networks.prune(input),
    },
    disk: {
      usage: (input) => disk.usage(input),
      planPrune: (input) => disk.planPrune(input),
      prune: (input) => disk.prune(input),
      planSystemPrune: (input) => disk.planSystemPrune(input),
      systemPrune: (input) => disk.systemPrune(input),
    },
    operations: {
      watch: (_input, emit, signal) => lifecycle.watch(emit, signal),
      cancel: (input) => Promise.resolve({ cancelled: lifecycle.cancel(input.id) }),
    },
    host: {
      listDir: (input) => host.listDir(input),
    },
    dockerfiles: {
      open: (input) => dockerfiles.open(input),
      save: (input) => dockerfiles.save(input),
      propose: (input) => dockerfiles.propose(input),
      write: (input) => dockerfiles.write(input),
    },
  };

  // A call that arrives while its engine's first connection attempt is in flight (a client connecting the moment
  // `berth serve` prints its URL) waits for it, up to 5 s, instead of failing with "not connected". Only for the
  // engine the call names: a slow ssh engine never holds up a call to another. engine.* answers at once.
  const router = new Router(contract, implementation, {
    ready: (path, input) => {
      if (path.startsWith('engine.')) return undefined;
      const id = engineIdOf(input) ?? DEFAULT_ENGINE_ID;
      return engines.has(id) ? engines.get(id).whenSettled(5000) : undefined;
    },
  });
  engines.startAll();
  const stopFollowingContexts = options.onlyLocalEngine ? () => undefined : engineStatus.followContexts();
  return {
    router,
    engines,
    close: async () => {
      stopFollowingContexts();
      files.close();
      await composeWatches.stopAll();
      await debugShell.close();
      await volumes.close();
      return engines.stopAll();
    },
  };
}
