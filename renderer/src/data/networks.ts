import { create } from 'zustand';
import type { NetworkSummary, NetworksMessage } from '../../../preload/contract';
import { replaceSnapshot, type ByEngine } from './keyed';

/** Every engine's networks, from `networks.watch` per engine (a snapshot after each change). */
export const useNetworks = create<{ byEngine: ByEngine<NetworkSummary> }>()(() => ({ byEngine: new Map() }));

export const applyNetworksMessage = (byEngine: ByEngine<NetworkSummary>, engineId: string, m: NetworksMessage) =>
  replaceSnapshot(byEngine, engineId, m.networks, (n) => n.id);
