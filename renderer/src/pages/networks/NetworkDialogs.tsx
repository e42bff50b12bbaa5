import { useMemo, useState } from 'react';
import type { NetworkRemovalPlan, NetworkSummary } from '../../../../preload/contract';
import { berth } from '../../api';
import { useQuery } from '../../hooks/use-query';
import { useSubmit } from '../../hooks/use-submit';
import { ConfirmDialog, type ConfirmItem } from '../../components/ConfirmDialog';
import { PruneUnusedDialog } from '../../components/PruneUnusedDialog';
import { errorMessage } from '../../format/error-message';
import { toast } from '../../stores/toast-store';
import { useContainers } from '../../data/containers';
import { EngineChoice, useDialogEngine } from '../../components/EngineChoice';
import { DialogFrame } from '../../components/DialogFrame';
import { Field } from '../../components/Field';
import { parsePairs } from '../volumes/form-values';

export type NetworkDialog =
  | { kind: 'create' }
  | { kind: 'connect'; network: NetworkSummary }
  | { kind: 'disconnect'; network: NetworkSummary }
  | { kind: 'remove'; network: NetworkSummary }
  | { kind: 'prune' };

export function NetworkDialogs({ dialog, onClose }: { dialog: NetworkDialog | null; onClose(): void }) {
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'create':
      return <CreateNetworkDialog onClose={onClose} />;
    case 'connect':
      return <ConnectDialog network={dialog.network} onClose={onClose} />;
    case 'disconnect':
      return <DisconnectDialog network={dialog.network} onClose={onClose} />;
    case 'remove':
      return <RemoveNetworkDialog network={dialog.network} onClose={onClose} />;
    case 'prune':
      return <PruneNetworksDialog onClose={onClose} />;
  }
}

function CreateNetworkDialog({ onClose }: { onClose(): void }) {
  const [engineId, setEngineId] = useDialogEngine();
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('bridge');
  const [subnet, setSubnet] = useState('');
  const [gateway, setGateway] = useState('');
  const [internal, setInternal] = useState(false);
  const [attachable, setAttachable] = useState(false);
  const [labels, setLabels] = useState('');
  const { busy, error, run } = useSubmit();
  const labs = parsePairs(labels);
  const submit = () =>
    run('Creating…', async () => {
      await berth.networks.create({ engineId, name, driver, internal, attachable, labels: labs.pairs, ...(subnet ? { subnet } : {}), ...(gateway ? { gateway } : {}) });
      toast.success(`Created network ${name}`);
      onClose();
    });
  return (
    <DialogFrame bodyClassName="form-fields" onOpenChange={(o) => !o && onClose()} title="New network" form confirm={{ label: 'Create network', disabled: !name || !!labs.error }} onConfirm={() => void submit()} busy={!!busy} status={busy} error={error ?? labs.error}>
      <EngineChoice value={engineId} onChange={setEngineId} />
      <Field label="Name"><input className="input" autoFocus value={name} onChange={(e) => setName(e.target.value)} aria-label="Network name" /></Field>
      <Field label="Driver"><input className="input" value={driver} onChange={(e) => setDriver(e.target.value)} aria-label="Network driver" /></Field>
      <div className="form-row">
        <Field label="Subnet" hint="Optional, CIDR"><input className="input mono" value={subnet} onChange={(e) => setSubnet(e.target.value)} aria-label="Subnet" placeholder="172.30.0.0/16" /></Field>
        <Field label="Gateway" hint="Optional, inside the subnet"><input className="input mono" value={gateway} onChange={(e) => setGateway(e.target.value)} aria-label="Gateway" placeholder="172.30.0.1" /></Field>
      </div>
      <div className="form-row">
        <label className="form-check"><input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} /> Internal (no outside access)</label>
        <label className="form-check"><input type="checkbox" checked={attachable} onChange={(e) => setAttachable(e.target.checked)} /> Attachable</label>
      </div>
      <Field label="Labels" hint="One key=value a line."><textarea className="input" rows={2} value={labels} onChange={(e) => setLabels(e.target.value)} aria-label="Network labels" /></Field>
    </DialogFrame>
  );
}

function ConnectDialog({ network, onClose }: { network: NetworkSummary; onClose(): void }) {
  // Only the network's own engine's containers can join it.
  const containers = useContainers((s) => s.byEngine.get(network.engineId)?.items);
  const choices = useMemo(() => {
    const attached = new Set(network.containers.map((c) => c.containerId));
    return [...(containers?.values() ?? [])].filter((c) => !attached.has(c.id)).map((c) => c.name).sort();
  }, [containers, network.containers]);
  const [container, setContainer] = useState('');
  const [aliases, setAliases] = useState('');
  const [ipv4, setIpv4] = useState('');
  const { busy, error, run } = useSubmit();
  const submit = () =>
    run('Connecting…', async () => {
      await berth.networks.connect({ engineId: network.engineId, id: network.id, container, aliases: aliases.split(/[\s,]+/).filter(Boolean), ...(ipv4 ? { ipv4 } : {}) });
      toast.success(`Connected ${container}`, `to ${network.name}`);
      onClose();
    });
  return (
    <DialogFrame bodyClassName="form-fields" onOpenChange={(o) => !o && onClose()} title={`Connect to ${network.name}`} form confirm={{ label: 'Connect', disabled: !container }} onConfirm={() => void submit()} busy={!!busy} status={busy} error={error}>
      <Field label="Container">
        <input className="input" list="connect-choices" autoFocus value={container} onChange={(e) => setContainer(e.target.value)} aria-label="Container to connect" placeholder="name or id" />
        <datalist id="connect-choices">{choices.map((c) => <option key={c} value={c} />)}</datalist>
      </Field>
      <Field label="Aliases" hint="Other names it answers to on this network (space or comma separated)."><input className="input" value={aliases} onChange={(e) => setAliases(e.target.value)} aria-label="Aliases" /></Field>
      <Field label="Fixed IPv4" hint={network.subnets.length ? `Inside ${network.subnets.map((s) => s.subnet).join(', ')}` : 'Needs a network created with its own subnet.'}>
        <input className="input mono" value={ipv4} onChange={(e) => setIpv4(e.target.value)} aria-label="Fixed IPv4" />
      </Field>
    </DialogFrame>
  );
}

function DisconnectDialog({ network, onClose }: { network: NetworkSummary; onClose(): void }) {
  const [container, setContainer] = useState(network.containers[0]?.containerId ?? '');
  const [last, setLast] = useState(false);
  const { busy, error, setError, run } = useSubmit();
  const name = network.containers.find((c) => c.containerId === container)?.containerName ?? container;
  const submit = () =>
    run(
      'Disconnecting…',
      async () => {
        await berth.networks.disconnect({ engineId: network.engineId, id: network.id, container, allowLastNetwork: last });
        toast.success(`Disconnected ${name}`, `from ${network.name}`);
        onClose();
      },
      (e) => {
        if ((e as { details?: { lastNetwork?: boolean } }).details?.lastNetwork) setLast(true);
      },
    );
  return (
    <DialogFrame bodyClassName="form-fields" onOpenChange={(o) => !o && onClose()} title={`Disconnect from ${network.name}`} form confirm={{ label: last ? 'Disconnect anyway' : 'Disconnect', disabled: !container }} onConfirm={() => void submit()} busy={!!busy} status={busy} error={error}>
      <Field label="Container">
        <select className="select" value={container} onChange={(e) => { setContainer(e.target.value); setLast(false); setError(null); }} aria-label="Container to disconnect">
          {network.containers.map((c) => <option key={c.containerId} value={c.containerId}>{c.containerName} {c.ipv4 && `(${c.ipv4})`}</option>)}
        </select>
      </Field>
      {last && <p className="form-check danger">It will have no network at all until connected again.</p>}
    </DialogFrame>
  );
}

function RemoveNetworkDialog({ network, onClose }: { network: NetworkSummary; onClose(): void }) {
  const asked = useQuery<NetworkRemovalPlan>(() => berth.networks.planRemoval({ engineId: network.engineId, id: network.id }), JSON.stringify([network.engineId, network.id]));
  const plan = asked.data;
  const error = asked.error;
  const blocked = plan && (plan.builtIn || plan.containers.length > 0);
  const confirm = async () => {
    try {
      await berth.networks.remove({ engineId: network.engineId, id: network.id });
      toast.success(`Removed network ${network.name}`);
      onClose();
    } catch (e) {
      toast.error(`Could not remove ${network.name}`, errorMessage(e));
    }
  };
  const items: ConfirmItem[] = [{ key: 'n', label: `Network “${network.name}”`, detail: `${network.driver}${network.subnets.length ? ` · ${network.subnets.map((s) => s.subnet).join(', ')}` : ''}`, effect: 'lost' }];
  return (
    <ConfirmDialog
      open
      onOpenChange={(o) => !o && onClose()}
      title={`Remove network ${network.name}?`}
      items={items}
      confirmLabel="Remove network"
      onConfirm={() => void confirm()}
      loading={!plan && !error}
      error={error ?? (plan?.builtIn ? 'A built-in network cannot be removed.' : blocked ? `Still attached: ${plan.containers.map((c) => c.containerName).join(', ')}. Disconnect them first.` : null)}
    />
  );
}

function PruneNetworksDialog({ onClose }: { onClose(): void }) {
  return (
    <PruneUnusedDialog
      noun="network"
      plan={(engineId) => berth.networks.planPrune({ engineId })}
      itemsOf={(plan) => plan.networks}
      item={(n) => ({ key: n.id, label: n.name, detail: `${n.driver}${n.composeProject ? ` · compose project ${n.composeProject}` : ''}`, effect: 'lost' })}
      describe={(plan) => (plan && plan.networks.length === 0 ? 'Every user network has a container attached: nothing to prune.' : 'User networks with no container attached. The built-in bridge, host and none are never touched.')}
      prune={(engineId, networks) => berth.networks.prune({ engineId, ids: networks.map((n) => n.id) })}
      failure={(f) => f.message}
      onClose={onClose}
    />
  );
}
