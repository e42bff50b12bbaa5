import type Docker from 'dockerode';
import type { AreaImplementation, AreaInputs, EngineInput, Target } from '../../preload/contract';
import { BerthError } from '../../preload/contract/errors';
import {
  BUILT_IN_NETWORKS,
  type NetworkEndpoint,
  type NetworkInspection,
  type NetworkPrunePlan,
  type NetworkRemovalPlan,
  type NetworkSummary,
  type NetworksMessage,
} from '../../preload/contract/networks';
import type { PruneResult } from '../../preload/contract/volumes';
import type { EngineRegistry } from '../engine/registry';
import { toBerthError } from '../errors';
import type { LifecycleController } from './lifecycle';
import { locks } from './locks';
import { contains, overlaps } from './networks-cidr';
import { pruneEach } from './prune';
import { LIST_COALESCE_MS, PerEngine, SnapshotList } from './live-list';
import { engineTime } from './container-details-parse';

type Inputs = AreaInputs<'networks'>;

interface RawNetwork {
  Id: string;
  Name: string;
  Driver: string;
  Scope: string;
  Internal?: boolean;
  Attachable?: boolean;
  EnableIPv6?: boolean;
  Created?: string;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null } | null;
  Labels?: Record<string, string> | null;
  Containers?: Record<string, { Name?: string; IPv4Address?: string; IPv6Address?: string; MacAddress?: string }> | null;
}

export const isBuiltIn = (name: string) => (BUILT_IN_NETWORKS as readonly string[]).includes(name);

/** Endpoints per network id, from /containers/json (the network list itself leaves `Containers` empty). */
export function endpointsByNetwork(containers: Docker.ContainerInfo[]): Map<string, NetworkEndpoint[]> {
  const map = new Map<string, NetworkEndpoint[]>();
  for (const c of containers) {
    for (const n of Object.values(c.NetworkSettings?.Networks ?? {})) {
      if (!n.NetworkID) continue;
      const list = map.get(n.NetworkID) ?? [];
      list.push({
        containerId: c.Id,
        containerName: (c.Names?.[0] ?? c.Id).replace(/^\//, ''),
        ipv4: n.IPAddress ? `${n.IPAddress}/${n.IPPrefixLen}` : '',
        ipv6: n.GlobalIPv6Address ?? '',
        macAddress: n.MacAddress ?? '',
      });
      map.set(n.NetworkID, list);
    }
  }
  return map;
}

export function toNetworkSummary(engineId: string, n: RawNetwork, endpoints: NetworkEndpoint[]): NetworkSummary {
  const labels = n.Labels ?? {};
  return {
    engineId,
    id: n.Id,
    name: n.Name,
    driver: n.Driver,
    scope: n.Scope,
    internal: !!n.Internal,
    attachable: !!n.Attachable,
    ipv6: !!n.EnableIPv6,
    created: engineTime(n.Created),
    subnets: (n.IPAM?.Config ?? []).filter((c) => c.Subnet).map((c) => ({ subnet: c.Subnet!, gateway: c.Gateway ?? '' })),
    labels,
    composeProject: labels['com.docker.compose.project'] ?? null,
    builtIn: isBuiltIn(n.Name),
    containers: endpoints,
  };
}

/** The `networks` area. Every change to a network (connect, disconnect, remove) takes the network's lock. */
export class NetworksService implements AreaImplementation<'networks'> {
  /** Each engine's live network list, made when first watched. */
  private readonly lists: PerEngine<SnapshotList<NetworkSummary, NetworksMessage>>;

  constructor(
    private readonly engines: EngineRegistry,
    private readonly lifecycle: LifecycleController,
  ) {
    this.lists = new PerEngine(engines, (engine) =>
      new SnapshotList<NetworkSummary, NetworksMessage>(engine, {
        read: () => this.list({ engineId: engine.id }),
        relevant: (e) => e.Type === 'network' || (e.Type === 'container' && (e.Action === 'destroy' || e.Action === 'start' || e.Action === 'die')),
        message: (engineId, networks) => ({ type: 'snapshot', engineId, networks }),
        coalesceMs: LIST_COALESCE_MS,
      }).start(),
    );
  }

  async list(input: EngineInput): Promise<NetworkSummary[]> {
    const engine = this.engines.get(input.engineId);
    try {
      const [networks, containers] = await Promise.all([engine.api.listNetworks(), engine.api.listContainers({ all: true })]);
      const endpoints = endpointsByNetwork(containers);
      return (networks as RawNetwork[]).map((n) => toNetworkSummary(engine.id, n, endpoints.get(n.Id) ?? [])).sort((a, b) => a.name.localeCompare(b.name));
    } catch (err) {
      throw toBerthError(err, 'list networks');
    }
  }

  watch(input: EngineInput, emit: (m: NetworksMessage) => void, signal: AbortSignal): Promise<void> {
    return this.lists.get(input.engineId).stream(emit, signal);
  }

  private async raw(t: Target): Promise<RawNetwork & Record<string, unknown>> {
    try {
      return (await this.engines.get(t.engineId).api.getNetwork(t.id).inspect()) as unknown as RawNetwork & Record<string, unknown>;
    } catch (err) {
      throw toBerthError(err, `read network "${t.id}"`);
    }
  }

  async inspect(t: Target): Promise<NetworkInspection> {
    const raw = await this.raw(t);
    const endpoints = Object.entries(raw.Containers ?? {}).map(([id, c]) => ({
      containerId: id,
      containerName: c.Name ?? id,
      ipv4: c.IPv4Address ?? '',
      ipv6: c.IPv6Address ?? '',
      macAddress: c.MacAddress ?? '',
    }));
    return { summary: toNetworkSummary(this.engines.get(t.engineId).id, raw, endpoints), raw };
  }

  async create(input: Inputs['create']): Promise<NetworkSummary> {
    const engine = this.engines.get(input.engineId);
    if (input.gateway && !input.subnet) throw new BerthError('INVALID_INPUT', 'A gateway needs a subnet to belong to.');
    if (input.gateway && input.subnet && input.subnet.includes('.') && !contains(input.subnet, input.gateway)) {
      throw new BerthError('INVALID_INPUT', `The gateway ${input.gateway} is not inside the subnet ${input.subnet}.`);
    }
    const existing = await this.list(input);
    if (existing.some((n) => n.name === input.name)) throw new BerthError('CONFLICT', `A network named "${input.name}" already exists.`, { exists: true });
    if (input.subnet) {
      const clash = existing.find((n) => n.subnets.some((s) => overlaps(s.subnet, input.subnet!)));
      if (clash) {
        const theirs = clash.subnets.find((s) => overlaps(s.subnet, input.subnet!))!.subnet;
        throw new BerthError('CONFLICT', `The subnet ${input.subnet} overlaps ${theirs}, which network "${clash.name}" uses. Pick an address range no other network uses.`, {
          overlaps: clash.name,
        });
      }
    }
    try {
      const created = await engine.api.createNetwork({
        Name: input.name,
        Driver: input.driver,
        Internal: input.internal,
        Attachable: input.attachable,
        Labels: input.labels,
        CheckDuplicate: true,
        ...(input.subnet ? { IPAM: { Driver: 'default', Config: [{ Subnet: input.subnet, ...(input.gateway ? { Gateway: input.gateway } : {}) }] } } : {}),
      });
      return (await this.inspect({ engineId: input.engineId, id: created.id })).summary;
    } catch (err) {
      const e = toBerthError(err, `create network "${input.name}"`);
      // Overlaps with address ranges outside Docker's own networks (a host route, a VPN) only the engine sees.
      if (/overlap/i.test(e.message)) throw new BerthError('CONFLICT', `The subnet ${input.subnet ?? ''} overlaps an address range already in use on the engine's host. Pick another range.`);
      throw e;
    }
  }

  async connect(input: Inputs['connect']): Promise<void> {
    const net = await this.raw(input);
    const key = locks.network(this.engines.get(input.engineId).id, net.Id);
    await this.lifecycle.run(key, `connect ${input.container} to ${net.Name}`, async () => {
      try {
        await this.engines.get(input.engineId).api.getNetwork(net.Id).connect({
          Container: input.container,
          EndpointConfig: { Aliases: input.aliases, ...(input.ipv4 ? { IPAMConfig: { IPv4Address: input.ipv4 } } : {}) },
        });
      } catch (err) {
        const e = toBerthError(err, `connect "${input.container}" to "${net.Name}"`);
        if (input.ipv4 && /user specified subnet|user configured subnets/i.test(e.message)) {
          throw new BerthError('INVALID_INPUT', `A fixed IP needs a network created with its own subnet; "${net.Name}" has none.`);
        }
        throw e;
      }
    });
  }

  async disconnect(input: Inputs['disconnect']): Promise<void> {
    const api = this.engines.get(input.engineId).api;
    const net = await this.raw(input);
    let info: Docker.ContainerInspectInfo;
    try {
      info = await api.getContainer(input.container).inspect();
    } catch (err) {
      throw toBerthError(err, `read container "${input.container}"`);
    }
    const names = Object.keys(info.NetworkSettings?.Networks ?? {});
    const name = info.Name.replace(/^\//, '');
    if (!names.includes(net.Name)) throw new BerthError('NOT_FOUND', `"${name}" is not connected to "${net.Name}".`);
    if (names.length === 1 && !input.allowLastNetwork) {
      throw new BerthError('CONFLICT', `"${net.Name}" is the last network of "${name}": without it the container has no network at all.`, { lastNetwork: true });
    }
    const key = locks.network(this.engines.get(input.engineId).id, net.Id);
    await this.lifecycle.run(key, `disconnect ${name} from ${net.Name}`, async () => {
      try {
        await api.getNetwork(net.Id).disconnect({ Container: info.Id, Force: input.force });
      } catch (err) {
        throw toBerthError(err, `disconnect "${name}" from "${net.Name}"`);
      }
    });
  }

  async planRemoval(t: Target): Promise<NetworkRemovalPlan> {
    const s = (await this.inspect(t)).summary;
    return { network: { id: s.id, name: s.name, driver: s.driver }, builtIn: s.builtIn, containers: s.containers };
  }

  /** After any connect or disconnect of the same network: checked unused when its turn comes. */
  async remove(t: Target): Promise<void> {
    const engine = this.engines.get(t.engineId);
    const { network } = await this.planRemoval(t);
    await this.lifecycle.run(locks.network(engine.id, network.id), `remove network ${network.name}`, async () => {
      const plan = await this.planRemoval({ engineId: t.engineId, id: network.id });
      if (plan.builtIn) throw new BerthError('INVALID_INPUT', `"${plan.network.name}" is one of the engine's built-in networks; it cannot be removed.`);
      if (plan.containers.length > 0) {
        const names = plan.containers.map((c) => c.containerName);
        throw new BerthError('CONFLICT', `Network "${plan.network.name}" still has ${names.join(', ')} attached; disconnect ${names.length === 1 ? 'it' : 'them'} first.`, {
          containers: names,
        });
      }
      try {
        await engine.api.getNetwork(plan.network.id).remove();
      } catch (err) {
        throw toBerthError(err, `remove network "${plan.network.name}"`);
      }
    });
  }

  async planPrune(input: EngineInput): Promise<NetworkPrunePlan> {
    const all = await this.list(input);
    return {
      networks: all
        .filter((n) => !n.builtIn && n.containers.length === 0 && n.scope !== 'swarm')
        .map((n) => ({ id: n.id, name: n.name, driver: n.driver, composeProject: n.composeProject })),
    };
  }

  prune(input: Inputs['prune']): Promise<PruneResult> {
    return pruneEach(input.ids, (id) => this.remove({ engineId: input.engineId, id }));
  }
}
