import { contract, type BerthImplementation } from '../preload/contract';
import type { EngineConnectionOptions } from './engine/connection';
import { DEFAULT_ENGINE_ID, EngineRegistry, processEnvironment } from './engine/registry';
import { joined } from './rpc/joined';
import { Router } from './rpc/router';
import { ContainerDetailsService } from './services/container-details';
import { ContainerFilesService } from './services/container-details-files';
import { ContainersService } from './services/containers';
import { EngineStatusService, registryFromSettings } from './services/engine-status';
import { EventsService } from './services/events';
import { LifecycleController } from './services/lifecycle';
import { LogsService } from './services/logs';
import { StacksService } from './services/stacks';
import { StackCompose } from './services/stacks-compose';
import { StackConversions } from './services/stacks-convert';
import { ComposeWatches } from './services/stacks-watch';
import { StatsService } from './services/stats';
import { TerminalService } from './services/terminal';
import { DebugShellService } from './services/debug-shell';
import { ImagesService } from './services/images';
import { ImageArchives } from './services/images-archive';
import { ImageCopies } from './services/images-copy';
import { ImageBuilder } from './services/image-builder';
import { ImagePrunes } from './services/images-prune';
import { ImageDiskUse } from './services/images-disk-use';
import { ImageTransfers } from './services/images-transfer';
import { RegistriesService } from './services/registries';
import { DiskService } from './services/disk';
import { DockerfilesService } from './services/dockerfiles';
import { HostService } from './services/host';
import { NetworksService } from './services/networks';
import { defaultSettingsPath, SettingsFile } from './services/settings';
import { VolumesService } from './services/volumes';
import { VolumeHelpers } from './services/volumes-helper';
import { VolumeTransfers } from './services/volumes-transfer';

export interface BackendOptions {
  /**
   * The environment engine discovery and the settings file read (DOCKER_HOST, DOCKER_CONTEXT, BERTH_CONFIG_DIR, …);
   * process.env by default.
   */
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
  const settings = new SettingsFile(defaultSettingsPath(options.env ?? process.env));
  const engineEnvironment = processEnvironment(options.env ?? process.env, options.engineTuning);
  const engines = options.onlyLocalEngine ? EngineRegistry.fromEnvironment(options.env ?? process.env, options.engineTuning) : registryFromSettings(engineEnvironment, settings);
  const lifecycle = new LifecycleController();
  const containers = new ContainersService(engines, lifecycle);
  const events = new EventsService(engines);
  const files = new ContainerFilesService(engines);
  const details = new ContainerDetailsService(engines, files);
  const stats = new StatsService(engines, containers);
  const engineStatus = new EngineStatusService(engines, settings, engineEnvironment);
  const logs = new LogsService(engines);
  const terminal = new TerminalService(engines);
  const debugShell = new DebugShellService(engines, terminal, settings);
  const registries = new RegistriesService(options.env ?? process.env);
  const images = new ImagesService(engines, containers, lifecycle);
  const stacks = new StacksService(settings);
  const stackCompose = new StackCompose(engines, lifecycle, settings, stacks);
  const composeWatches = new ComposeWatches(engines, stackCompose);
  const volumeHelpers = new VolumeHelpers(engines, settings);
  const volumes = new VolumesService(engines, volumeHelpers, files, lifecycle);
  const transfers = new VolumeTransfers(engines, volumeHelpers, lifecycle);
  const networks = new NetworksService(engines, lifecycle);
  const disk = new DiskService(engines, containers, images, volumes, networks);
  const host = new HostService();
  const dockerfiles = new DockerfilesService(settings);

  // Each area is its service; the router binds the contract's entries to the services' methods of the same name.
  const implementation: BerthImplementation = {
    engine: engineStatus,
    containers,
    containerDetails: details,
    events,
    logs,
    stacks: joined(stacks, stackCompose, new StackConversions(containers), { composeWatch: composeWatches }),
    terminal,
    debugShell,
    images: joined(
      images,
      new ImageTransfers(engines, lifecycle, images, registries),
      new ImageBuilder(engines, lifecycle, images),
      new ImagePrunes(engines, lifecycle, images),
      new ImageDiskUse(engines),
      new ImageArchives(engines, images),
      new ImageCopies(engines, lifecycle, images),
    ),
    registries,
    stats,
    volumes: joined(volumes, transfers),
    networks,
    disk,
    operations: lifecycle,
    host,
    dockerfiles,
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
      await volumes.files.close();
      return engines.stopAll();
    },
  };
}
