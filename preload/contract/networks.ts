import { z } from 'zod';
import { method, stream } from './define';
import { containerRef, engineId } from './common';
import type { PruneResult } from './volumes';

/** Networks: list, create, inspect, connect / disconnect containers, planned removal and prune. */

export interface NetworkEndpoint {
  containerId: string;
  containerName: string;
  ipv4: string;
  ipv6: string;
  macAddress: string;
}

export interface NetworkSummary {
  engineId: string;
  id: string;
  name: string;
  driver: string;
  scope: string;
  internal: boolean;
  attachable: boolean;
  ipv6: boolean;
  /** ms since epoch */
  created: number | null;
  subnets: { subnet: string; gateway: string }[];
  labels: Record<string, string>;
  composeProject: string | null;
  /** `bridge`, `host`, `none`: the engine's own, never removed. */
  builtIn: boolean;
  containers: NetworkEndpoint[];
}

export type NetworksMessage = { type: 'snapshot'; engineId: string; networks: NetworkSummary[] };

export interface NetworkInspection {
  summary: NetworkSummary;
  raw: Record<string, unknown>;
}

export interface NetworkRemovalPlan {
  network: { id: string; name: string; driver: string };
  builtIn: boolean;
  /** Non-empty: removal is refused until these are disconnected. */
  containers: NetworkEndpoint[];
}

export interface NetworkPrunePlan {
  /** Exactly what prune removes now: user networks with no container attached. */
  networks: { id: string; name: string; driver: string; composeProject: string | null }[];
}

/** Built-in networks Berth never removes. */
export const BUILT_IN_NETWORKS = ['bridge', 'host', 'none'] as const;

export const networkRef = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not a network id or name');

const cidr = z
  .string()
  .max(64)
  .regex(/^[0-9a-fA-F.:]+\/\d{1,3}$/, 'a subnet in CIDR form, e.g. 172.30.0.0/16');
const ip = z
  .string()
  .max(64)
  .regex(/^[0-9a-fA-F.:]+$/, 'an IP address');
const labelMap = z
  .record(z.string().min(1).max(256), z.string().max(4096))
  .refine((m) => Object.keys(m).length <= 100, 'at most 100 entries');
const alias = z.string().min(1).max(253).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'an alias is a host name');

const target = z.strictObject({ engineId: engineId.optional(), id: networkRef });

export const networksContract = {
  watch: stream<NetworksMessage>()(z.strictObject({ engineId: engineId.optional() }), { jsonMessages: true }),
  list: method<NetworkSummary[]>()(z.strictObject({ engineId: engineId.optional() })),
  create: method<NetworkSummary>()(
    z.strictObject({
      engineId: engineId.optional(),
      name: networkRef,
      driver: z.string().min(1).max(128).default('bridge'),
      subnet: cidr.optional(),
      gateway: ip.optional(),
      internal: z.boolean().default(false),
      attachable: z.boolean().default(false),
      labels: labelMap.default({}),
    }),
  ),
  inspect: method<NetworkInspection>()(target),
  connect: method<void>()(
    target.extend({
      container: containerRef,
      aliases: z.array(alias).max(32).default([]),
      ipv4: ip.optional(),
    }),
  ),
  /**
   * Disconnecting the container's last network leaves it without networking: refused (CONFLICT, details
   * `{ lastNetwork: true }`) unless `allowLastNetwork`.
   */
  disconnect: method<void>()(
    target.extend({ container: containerRef, force: z.boolean().default(false), allowLastNetwork: z.boolean().default(false) }),
  ),
  planRemoval: method<NetworkRemovalPlan>()(target),
  remove: method<void>()(target),
  planPrune: method<NetworkPrunePlan>()(z.strictObject({ engineId: engineId.optional() })),
  /** Removes exactly the previewed networks that are still unused. */
  prune: method<PruneResult>()(
    z.strictObject({ engineId: engineId.optional(), ids: z.array(networkRef).min(1).max(1000) }),
  ),
};
