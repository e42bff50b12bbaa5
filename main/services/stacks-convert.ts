import { BerthError } from '../../preload/contract/errors';
import { mergeComposeFiles, serviceNameFor, toComposeService } from './container-run-compose';
import type { ContainersService } from './containers';
import { parseDockerRun } from './stacks-run-parser';
import type { AreaInputs } from '../../preload/contract';

/** `docker run` → compose: one command's service, and several containers' services merged into one file. */
export class StackConversions {
  constructor(private readonly containers: ContainersService) {}

  convertRun(input: AreaInputs<'stacks'>['convertRun']): Promise<{ yaml: string; service: string; warnings: string[] }> {
    const { spec, warnings, shellEnv } = parseDockerRun(input.argv);
    if (!spec.image) throw new BerthError('INVALID_INPUT', 'That is not a `docker run` command with an image.');
    return Promise.resolve({ yaml: toComposeService(spec, { shellEnv }), service: serviceNameFor(spec), warnings });
  }

  /** One compose file for several containers: each one's service (from its run spec), merged. */
  async exportContainers(input: AreaInputs<'stacks'>['exportContainers']): Promise<string> {
    const files: string[] = [];
    for (const id of input.ids) files.push(toComposeService(await this.containers.runSpecOf({ engineId: input.engineId, id })));
    return mergeComposeFiles(files);
  }
}
