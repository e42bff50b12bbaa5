import type Docker from 'dockerode';
import type { AreaImplementation, Target } from '../../preload/contract';
import type { ContainerChanges, ContainerInspection, ContainerProcesses } from '../../preload/contract/container-details';
import { parseEnv } from '../../preload/contract/secrets';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';
import type { ContainerFilesService } from './container-details-files';
import { groupChanges, overviewFromInspect } from './container-details-parse';

/** One container by id or name. */
export type DetailTarget = Target;

/** More than this many changed paths are counted, not listed (a `npm install` in a container writes thousands). */
export const CHANGES_CAP = 5000;

/** The container detail's read-only views: inspect (overview + raw), `docker top`, `docker diff`. */
export class ContainerDetailsService implements AreaImplementation<'containerDetails'> {
  constructor(
    private readonly engines: EngineRegistry,
    /** `containerDetails.files`: browsing, reading, downloading and uploading a container's files. */
    readonly files: ContainerFilesService,
  ) {}

  container(t: DetailTarget): Docker.Container {
    return this.engines.get(t.engineId).api.getContainer(t.id);
  }

  async inspect(t: DetailTarget): Promise<ContainerInspection> {
    let info: Docker.ContainerInspectInfo;
    try {
      info = await this.container(t).inspect();
    } catch (err) {
      throw toBerthError(err, `inspect container "${t.id}"`);
    }
    const secretEnvNames = parseEnv(info.Config.Env ?? [])
      .filter((v) => v.secret)
      .map((v) => v.name);
    return { overview: overviewFromInspect(info), raw: info as unknown as Record<string, unknown>, secretEnvNames };
  }

  async top(t: DetailTarget): Promise<ContainerProcesses> {
    const c = this.container(t);
    try {
      const info = await c.inspect();
      if (!info.State.Running) return { running: false, titles: [], processes: [] };
      const top = (await c.top()) as { Titles?: string[]; Processes?: string[][] | null };
      return { running: true, titles: top.Titles ?? [], processes: top.Processes ?? [] };
    } catch (err) {
      // Stopped between the inspect and the top: the engine answers 409 "is not running".
      if ((err as { statusCode?: number }).statusCode === 409) return { running: false, titles: [], processes: [] };
      throw toBerthError(err, `list the processes of "${t.id}"`);
    }
  }

  async changes(t: DetailTarget): Promise<ContainerChanges> {
    try {
      const list = (await this.container(t).changes()) as { Path: string; Kind: number }[] | null;
      return groupChanges(list, CHANGES_CAP);
    } catch (err) {
      throw toBerthError(err, `list the changes in "${t.id}"`);
    }
  }
}
