import { existsSync } from 'node:fs';
import { removeTestImages, removeTestObjects, requireEngine, RUN_ID } from '../../main/test-support/engine';
import path from 'node:path';
import { appPath, distDir } from './app';

/** Fails the run with what to do when there is no engine or no build; removes this run's objects afterwards. */
export default async function globalSetup() {
  process.env.BERTH_TEST_RUN_ID = RUN_ID;
  const docker = await requireEngine();
  if (!existsSync(path.join(distDir(), 'renderer/index.html')) || !existsSync(path.join(distDir(), 'main/serve.cjs'))) {
    throw new Error('Berth is not built: run `npm run build` (npm run test:e2e does it for you).');
  }
  console.log(`e2e: ${appPath().description}`);
  return async () => {
    await removeTestObjects(docker, RUN_ID);
    await removeTestImages(docker, RUN_ID);
  };
}
