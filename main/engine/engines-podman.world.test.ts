import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registryFromSettings } from '../services/engine-status';
import { eventually, removeTestObjects, requireEngine, testDocker, testLabels, uniqueName } from '../test-support/engine';
import { startPodmanService } from '../test-support/podman-service';
import { processEnvironment, type EngineRegistry } from './registry';

/**
 * Podman beside the three Docker engines of the modern test world (local, TCP+TLS, ssh), each with its own objects,
 * and Podman's trouble touching none of the others. It needs both worlds: `npm test` runs it last, with the modern
 * world up again once the podman world has installed Podman and built its fixture image (scripts/test-all.sh); alone:
 * `bash scripts/engine-up.sh podman && eval "$(bash scripts/engine-up.sh modern)" && npx vitest run --project world-podman`.
 * Without either it fails and says which is missing: it is never skipped.
 */
const docker = testDocker();
const fast = { retryMinMs: 50, retryMaxMs: 400 };

beforeAll(async () => {
  if (!process.env.BERTH_WORLD_TLS_HOST || !process.env.BERTH_WORLD_SSH_HOST) {
    throw new Error('No ssh/TLS endpoints of the test world: run this with the modern world up (eval "$(bash scripts/engine-up.sh modern)").');
  }
  try {
    execFileSync('podman', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('Podman is not installed: `bash scripts/engine-up.sh podman` installs it and builds its fixture image.');
  }
  await requireEngine(docker);
});
afterAll(async () => {
  await removeTestObjects(docker);
});


describe('Podman beside Docker', () => {
  it('local, TLS, ssh and Podman connected at once, each its own objects; Podman stopped → only its engine reconnects', async () => {
    // Podman's service on a socket of this test's own, where Berth looks for rootless Podman ($XDG_RUNTIME_DIR),
    // so nothing else on the machine sees an engine appear at /run/podman.
    const podman = await startPodmanService('berth-xdg-');
    const runtimeDir = podman.runtimeDir;
    let registry: EngineRegistry | null = null;
    let podmanContainer: string | null = null;
    try {
      // Discovery looks for the socket, so the registry is made once it is there (as at Berth's start).
      const reg = (registry = registryFromSettings(processEnvironment({ ...process.env, XDG_RUNTIME_DIR: runtimeDir }, fast), { get: () => undefined }));
      reg.startAll();
      const ids = ['local', 'ctx-berth-world-tls', 'ctx-berth-world-ssh', 'podman-user'];
      expect(reg.all().map((e) => e.id)).toEqual(expect.arrayContaining(ids));
      await eventually(() => {
        for (const id of ids) expect(reg.get(id).status.state, id).toBe('connected');
      }, 30_000);
      const pod = reg.get('podman-user');
      expect(pod.status).toMatchObject({ name: 'Podman (rootless)', kind: 'unix', info: { product: 'Podman' } });
      expect(reg.get('local').status.info?.product).not.toBe('Podman');

      // A container made on Podman is Podman's: listed there, not by the Docker engines.
      const images = await pod.api.listImages();
      const fixture = images.flatMap((i) => i.RepoTags ?? []).find((t) => /berth-fixture\/busybox:latest$/.test(t));
      if (!fixture) throw new Error('No berth-fixture/busybox image in Podman: run `bash scripts/engine-up.sh podman`, which builds it.');
      const name = uniqueName('podman-side');
      podmanContainer = (await pod.api.createContainer({ Image: fixture, name, Cmd: ['sleep', '600'], Labels: testLabels() })).id;
      const names = async (id: string) => (await reg.get(id).api.listContainers({ all: true, filters: { name: [name] } })).map((c) => c.Names[0]);
      expect(await names('podman-user')).toEqual([`/${name}`]);
      for (const id of ['local', 'ctx-berth-world-tls', 'ctx-berth-world-ssh']) expect(await names(id), id).toEqual([]);
      await pod.api.getContainer(podmanContainer).remove({ force: true });
      podmanContainer = null;

      // Podman goes away: its engine says so, the three others keep answering.
      await podman.stop();
      await eventually(() => expect(pod.status.state).not.toBe('connected'), 20_000);
      for (const id of ['local', 'ctx-berth-world-tls', 'ctx-berth-world-ssh']) {
        expect(reg.get(id).status.state, id).toBe('connected');
        await reg.get(id).api.listContainers({ all: true, limit: 1 });
      }
    } finally {
      if (podmanContainer) await registry?.get('podman-user').api.getContainer(podmanContainer).remove({ force: true }).catch(() => undefined);
      await registry?.stopAll();
      await podman.dispose();
    }
  }, 90_000);
});
