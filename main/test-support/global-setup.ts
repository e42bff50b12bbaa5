import { removeTestImages, removeTestObjects, requireEngine, RUN_ID } from './engine';

/** Fails the whole integration run, with what to do, when no engine answers; cleans this run's objects after. */
export default async function setup() {
  process.env.BERTH_TEST_RUN_ID = RUN_ID;
  const docker = await requireEngine();
  return async () => {
    await removeTestObjects(docker, RUN_ID);
    await removeTestImages(docker, RUN_ID);
  };
}
