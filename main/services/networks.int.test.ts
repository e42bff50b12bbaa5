import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineRegistry } from '../engine/registry';
import { createTestContainer, eventually, removeTestObjects, RUN_ID, requireEngine, testDocker, testLabels, uniqueName } from '../test-support/engine';
import { humanSize } from './disk-usage';
import { DiskService } from './disk';
import { ContainerFilesService } from './container-details-files';
import { ContainersService } from './containers';
import { ImagesService } from './images';
import { LifecycleController } from './lifecycle';
import { NetworksService } from './networks';
import { SettingsFile } from './settings';
import { VolumesService } from './volumes';
import { VolumeHelpers } from './volumes-helper';

const docker = testDocker();
const engines = EngineRegistry.fromEnvironment(process.env);
const lifecycle = new LifecycleController();
const networks = new NetworksService(engines, lifecycle);
const volumes = new VolumesService(engines, new VolumeHelpers(engines, new SettingsFile('/nonexistent/settings.json')), new ContainerFilesService(engines), lifecycle);
const containers = new ContainersService(engines, lifecycle);
const disk = new DiskService(engines, containers, new ImagesService(engines, containers, lifecycle), volumes, networks);

/** A /16 in 10.x that no network on this engine uses yet (other runs share the engine). */
async function freeSubnet(): Promise<string> {
  const used = new Set((await docker.listNetworks()).flatMap((n) => (n.IPAM?.Config ?? []).map((c) => c.Subnet?.split('.').slice(0, 2).join('.'))));
  for (let i = 200 + Math.floor(Math.random() * 40); ; i++) if (!used.has(`10.${i}`)) return `10.${i}.0.0/16`;
}

beforeAll(async () => {
  await requireEngine(docker);
  engines.startAll();
  await eventually(() => expect(engines.get().status.state).toBe('connected'));
});

afterAll(async () => {
  await removeTestObjects(docker);
  const nets = await docker.listNetworks({ filters: { label: [`berth.test=${RUN_ID}`] } });
  await Promise.all(nets.map((n) => docker.getNetwork(n.Id).remove().catch(() => undefined)));
  await engines.stopAll();
});

describe('networks', () => {
  it('creates, connects with an alias and a fixed IP, inspects, disconnects and removes', async () => {
    const subnet = await freeSubnet();
    const prefix = subnet.split('.').slice(0, 2).join('.');
    const name = uniqueName('net');
    const created = await networks.create({ name, driver: 'bridge', subnet, gateway: `${prefix}.0.1`, internal: true, attachable: true, labels: testLabels() });
    expect(created).toMatchObject({ name, driver: 'bridge', internal: true, attachable: true, builtIn: false, subnets: [{ subnet, gateway: `${prefix}.0.1` }] });

    await expect(networks.create({ name: uniqueName('net'), driver: 'bridge', subnet: `${prefix}.5.0/24`, internal: false, attachable: false, labels: testLabels() })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining(`network "${name}"`),
    });

    const c = await createTestContainer(docker, { start: true });
    await networks.connect({ id: name, container: c.id, aliases: ['db-alias'], ipv4: `${prefix}.0.42` });
    const inspected = await networks.inspect({ id: name });
    expect(inspected.summary.containers).toEqual([expect.objectContaining({ containerId: c.id, ipv4: `${prefix}.0.42/16` })]);
    const info = await c.inspect();
    expect(info.NetworkSettings.Networks[name]?.Aliases).toContain('db-alias');
    const listed = (await networks.list({})).find((n) => n.name === name);
    expect(listed?.containers.map((e) => e.containerId)).toEqual([c.id]);

    await expect(networks.remove({ id: name })).rejects.toMatchObject({ code: 'CONFLICT' });
    await networks.disconnect({ id: name, container: c.id, force: false, allowLastNetwork: false });
    expect(Object.keys((await c.inspect()).NetworkSettings.Networks)).toEqual(['bridge']);

    // bridge is now its last network: refused unless explicitly allowed.
    await expect(networks.disconnect({ id: 'bridge', container: c.id, force: false, allowLastNetwork: false })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { lastNetwork: true },
    });
    expect(Object.keys((await c.inspect()).NetworkSettings.Networks)).toEqual(['bridge']);

    const plan = await networks.planPrune({});
    expect(plan.networks.map((n) => n.name)).toContain(name);
    expect(plan.networks.map((n) => n.name)).not.toContain('bridge');
    const pruned = await networks.prune({ ids: [created.id] });
    expect(pruned.removed).toEqual([created.id]);
  });

  it('protects the built-in networks', async () => {
    for (const id of ['bridge', 'host', 'none']) await expect(networks.remove({ id })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});

describe('disk usage', () => {
  it('matches `docker system df`', async () => {
    // Other runs share the engine, so both readings are taken back to back and retried until they agree.
    await eventually(async () => {
      const cli = execFileSync('docker', ['system', 'df', '--format', '{{json .}}'], { encoding: 'utf8' })
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { Type: string; TotalCount: string; Active: string; Size: string; Reclaimable: string });
      const ours = await disk.usage({});
      const byType = { Images: 'images', Containers: 'containers', 'Local Volumes': 'volumes', 'Build Cache': 'buildCache' } as const;
      for (const row of cli) {
        const k = ours.kinds.find((x) => x.kind === byType[row.Type as keyof typeof byType])!;
        expect({ type: row.Type, total: String(k.total), active: String(k.active), size: humanSize(k.size) }).toEqual({
          type: row.Type,
          total: row.TotalCount,
          active: row.Active,
          size: row.Size,
        });
        expect(row.Reclaimable.startsWith(humanSize(k.reclaimable))).toBe(true);
      }
    }, 20_000, 500);
  });

  it('plans a container prune that lists stopped containers and removes only the ones given', async () => {
    const stopped = await createTestContainer(docker);
    const running = await createTestContainer(docker, { start: true });
    const plan = await disk.planPrune({ kind: 'containers' });
    const ids = plan.items.map((i) => i.id);
    expect(ids).toContain(stopped.id);
    expect(ids).not.toContain(running.id);
    const result = await disk.prune({ kind: 'containers', ids: [stopped.id, running.id] });
    expect(result.removed).toEqual([stopped.id]);
    expect(result.failed.map((f) => f.name)).toEqual([running.id]);
    await expect(stopped.inspect()).rejects.toMatchObject({ statusCode: 404 });
  });

  it('prunes the previewed images that are still unused: one goes, one a container started using since the preview stays', async () => {
    // Two images of this run's own, made by committing a stopped container (each with its own layer, no tag).
    const commit = async () => {
      const c = await createTestContainer(docker, { cmd: ['sh', '-c', `echo ${uniqueName('layer')} > /marker`], start: true });
      await c.wait();
      const { Id } = (await c.commit({ changes: [`LABEL berth.test=${RUN_ID}`] })) as { Id: string };
      await c.remove({ force: true });
      return Id;
    };
    const [unused, taken] = [await commit(), await commit()];
    try {
      const planned = (await disk.planPrune({ kind: 'images' })).items.map((i) => i.id);
      expect(planned).toEqual(expect.arrayContaining([unused, taken]));
      const user = await docker.createContainer({ Image: taken, Cmd: ['true'], Labels: testLabels() });
      const result = await disk.prune({ kind: 'images', ids: [unused, taken] });
      expect(result.removed).toEqual([unused]);
      expect(result.failed.map((f) => f.name)).toEqual([taken]);
      await expect(docker.getImage(unused).inspect()).rejects.toMatchObject({ statusCode: 404 });
      expect((await docker.getImage(taken).inspect()).Id).toBe(taken);
      await user.remove({ force: true });
    } finally {
      for (const id of [unused, taken]) await docker.getImage(id).remove({ force: true }).catch(() => undefined);
    }
  });
});
