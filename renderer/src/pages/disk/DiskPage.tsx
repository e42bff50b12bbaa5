import { Eraser, RefreshCw } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import type { DiskKind, DiskPrunePlan, DiskUsage, SystemPrunePlan } from '../../../../preload/contract';
import { berth } from '../../api';
import { useQuery } from '../../hooks/use-query';
import { ConfirmDialog, type ConfirmItem } from '../../components/ConfirmDialog';
import '../../components/page.css';
import { formatBytes } from '../../format/bytes';
import { errorMessage } from '../../format/error-message';
import { toast } from '../../stores/toast-store';
import '../volumes/resources.css';
import { barWidths, KIND_LABELS, reclaimablePercent } from './disk-view';
import './disk.css';
import { usePrimaryEngine } from '../../data/engines';
import { useEngineNames, usePageEngine, useScopeEngines, useShowsEngines } from '../../data/scope';
import { EnginesDiskUsage } from './EnginesDiskUsage';
import { PageHeader } from '../../components/PageHeader';

type Pending = { kind: DiskKind; allImages: boolean } | { kind: 'system'; volumes: boolean };

/**
 * `docker system df` of one engine as bars (size, and the part that is reclaimable), a planned prune per kind and a
 * system prune. With "All engines" and several of them, every engine's total comes first (EnginesDiskUsage), then
 * the primary engine's kinds, named; a row or the picker chooses another.
 */
export function DiskPage() {
  const scope = usePageEngine();
  const primary = usePrimaryEngine()?.engineId ?? 'local';
  const engineId = scope ?? primary;
  const showsEngines = useShowsEngines(scope);
  const connected = useScopeEngines(scope);
  const [refreshKey, setRefreshKey] = useState(0);
  const engineName = useEngineNames().get(engineId) ?? engineId;
  const [usage, setUsage] = useState<DiskUsage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setUsage(await berth.disk.usage({ engineId }));
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }, [engineId]);
  useEffect(() => void load(), [load]);

  const widths = usage ? barWidths(usage.kinds) : null;
  const totalReclaimable = usage?.kinds.reduce((s, k) => s + k.reclaimable, 0) ?? 0;
  const total = usage?.kinds.reduce((s, k) => s + k.size, 0) ?? 0;
  return (
    <div className="page">
      <PageHeader title="Disk usage">
        {showsEngines && <span className="engine-tag" data-testid="disk-engine">{engineName}</span>}
        {usage && <span className="page-count">{formatBytes(total)} used · {formatBytes(totalReclaimable)} reclaimable</span>}
        <span className="toolbar-spacer" />
        <button type="button" className="btn" onClick={() => { setRefreshKey((k) => k + 1); void load(); }} disabled={loading}><RefreshCw size={14} className={loading ? 'spin' : undefined} /> Refresh</button>
        <button type="button" className="btn btn-danger" onClick={() => setPending({ kind: 'system', volumes: false })} disabled={!usage}><Eraser size={14} /> System prune…</button>
      </PageHeader>
      <div className="page-body">
        {showsEngines && <EnginesDiskUsage engines={connected.filter((s) => s.state === 'connected')} refreshKey={refreshKey} />}
        {error && <p className="dialog-error" role="alert">{error}</p>}
        {!usage && !error && <p className="muted">Measuring (docker system df)…</p>}
        {usage && widths && (
          <div className="disk-kinds" data-testid="disk-usage">
            {usage.kinds.map((k) => (
              <section key={k.kind} className="disk-kind" data-testid="disk-kind" data-kind={k.kind} data-size={k.size} data-reclaimable={k.reclaimable}>
                <div className="disk-kind-head">
                  <h2>{KIND_LABELS[k.kind]}</h2>
                  <span className="muted">{k.total} total · {k.active} in use</span>
                  <span className="toolbar-spacer" />
                  <span className="disk-figure">{formatBytes(k.size)}</span>
                  <button type="button" className="btn" disabled={k.total - k.active === 0 && k.reclaimable === 0} onClick={() => setPending({ kind: k.kind, allImages: false })} aria-label={`Prune ${KIND_LABELS[k.kind]}`}>
                    <Eraser size={14} /> Prune…
                  </button>
                </div>
                <div className="disk-bar" role="img" aria-label={`${KIND_LABELS[k.kind]}: ${formatBytes(k.size)}, ${formatBytes(k.reclaimable)} reclaimable`}>
                  <div className="disk-bar-used" style={{ width: `${widths[k.kind].size}%` }}>
                    <div className="disk-bar-reclaimable" style={{ width: `${widths[k.kind].size ? (widths[k.kind].reclaimable / widths[k.kind].size) * 100 : 0}%` }} />
                  </div>
                </div>
                <p className="muted disk-note">{formatBytes(k.reclaimable)} reclaimable ({reclaimablePercent(k)}%)</p>
              </section>
            ))}
            <p className="disk-legend muted">
              <span className="swatch used" /> in use <span className="swatch reclaimable" /> reclaimable — measured {new Date(usage.measuredAt).toLocaleTimeString()}
            </p>
          </div>
        )}
      </div>
      {pending && pending.kind !== 'system' && <KindPruneDialog engineId={engineId} kind={pending.kind} allImages={pending.allImages} onAllImages={(all) => setPending({ kind: pending.kind, allImages: all })} onClose={(done) => { setPending(null); if (done) void load(); }} />}
      {pending && pending.kind === 'system' && <SystemPruneDialog engineId={engineId} volumes={pending.volumes} onVolumes={(v) => setPending({ kind: 'system', volumes: v })} onClose={(done) => { setPending(null); if (done) void load(); }} />}
    </div>
  );
}

function planItems(plan: DiskPrunePlan, prefix = ''): ConfirmItem[] {
  return plan.items.map((i) => ({ key: `${prefix}${i.id}`, label: `${prefix}${i.label}`, detail: [i.size !== null ? formatBytes(i.size) : null, i.detail].filter(Boolean).join(' · '), effect: 'lost' as const }));
}

function KindPruneDialog({ engineId, kind, allImages, onAllImages, onClose }: { engineId: string; kind: DiskKind; allImages: boolean; onAllImages(all: boolean): void; onClose(done: boolean): void }) {
  const asked = useQuery<DiskPrunePlan>(() => berth.disk.planPrune({ engineId, kind, allImages }), JSON.stringify([engineId, kind, allImages]));
  const plan = asked.data;
  const error = asked.error;
  const confirm = async () => {
    if (!plan || plan.items.length === 0) return onClose(false);
    try {
      const r = await berth.disk.prune({ engineId, kind, ids: plan.items.map((i) => i.id) });
      if (r.failed.length) toast.error(`Kept ${r.failed.length} item(s)`, r.failed.map((f) => `${f.name.slice(0, 24)}: ${f.message}`).join('\n'));
      toast.success(`Pruned ${KIND_LABELS[kind].toLowerCase()}`, `${r.removed.length} removed · ${formatBytes(r.reclaimedBytes)} freed`);
      onClose(true);
    } catch (e) {
      toast.error(`Could not prune ${KIND_LABELS[kind].toLowerCase()}`, errorMessage(e));
    }
  };
  const what = { containers: 'Stopped containers (their writable layers)', images: allImages ? 'Images no container uses' : 'Dangling images (untagged, unused)', volumes: 'Volumes no container uses — their data', buildCache: 'Build cache not in use (pruned whole)' }[kind];
  return (
    <ConfirmDialog
      open
      onOpenChange={(o) => !o && onClose(false)}
      title={`Prune ${KIND_LABELS[kind].toLowerCase()}?`}
      description={plan ? (plan.items.length === 0 ? 'Nothing to prune.' : `${what}: ${plan.items.length} item(s), ${formatBytes(plan.totalBytes)}.`) : undefined}
      items={plan ? planItems(plan) : []}
      options={kind === 'images' ? [{ id: 'all', label: 'Also tagged images no container uses', checked: allImages, onChange: onAllImages }] : []}
      confirmLabel={plan && plan.items.length === 0 ? 'Close' : `Remove ${plan?.items.length ?? ''}`}
      onConfirm={() => void confirm()}
      loading={!plan && !error}
      error={error}
    />
  );
}

function SystemPruneDialog({ engineId, volumes, onVolumes, onClose }: { engineId: string; volumes: boolean; onVolumes(v: boolean): void; onClose(done: boolean): void }) {
  const asked = useQuery<SystemPrunePlan>(() => berth.disk.planSystemPrune({ engineId, volumes }), JSON.stringify([engineId, volumes]));
  const plan = asked.data;
  const error = asked.error;
  const ids = (kind: DiskKind) => plan?.plans.find((p) => p.kind === kind)?.items.map((i) => i.id) ?? [];
  const confirm = async () => {
    if (!plan) return;
    try {
      const r = await berth.disk.systemPrune({
        engineId,
        containers: ids('containers'),
        images: ids('images'),
        volumes: volumes ? ids('volumes') : [],
        networks: plan.networks.map((n) => n.id),
        buildCache: ids('buildCache').length > 0,
      });
      if (r.failed.length) toast.error(`Kept ${r.failed.length} item(s)`, r.failed.map((f) => f.message).join('\n'));
      toast.success('System prune done', `${r.removed.length} removed · ${formatBytes(r.reclaimedBytes)} freed`);
      onClose(true);
    } catch (e) {
      toast.error('System prune failed', errorMessage(e));
    }
  };
  const items: ConfirmItem[] = plan
    ? [
        ...plan.plans.flatMap((p) => planItems(p, `${KIND_LABELS[p.kind]}: `)),
        ...plan.networks.map((n) => ({ key: `net-${n.id}`, label: `Network: ${n.label}`, detail: n.detail, effect: 'lost' as const })),
        ...(volumes ? [] : [{ key: 'vols', label: 'Volumes and their data', detail: 'Not touched unless you tick the option below.', effect: 'kept' as const }]),
        { key: 'running', label: 'Running containers, images they use, networks in use', effect: 'kept' as const },
      ]
    : [];
  return (
    <ConfirmDialog
      open
      onOpenChange={(o) => !o && onClose(false)}
      title="System prune: the plan"
      description={plan ? `Frees about ${formatBytes(plan.totalBytes)}. Everything listed under “Will be deleted” goes, in this order: containers, networks, volumes, images, build cache.` : undefined}
      items={items}
      options={[{ id: 'volumes', label: 'Also remove unused volumes (their data is gone)', checked: volumes, onChange: onVolumes }]}
      confirmLabel="Run system prune"
      onConfirm={() => void confirm()}
      loading={!plan && !error}
      error={error}
    />
  );
}
