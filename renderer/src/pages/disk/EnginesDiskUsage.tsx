import { useEffect, useState } from 'react';
import type { DiskUsage, EngineStatus } from '../../../../preload/contract';
import { berth } from '../../api';
import { engineName } from '../../data/engines';
import { formatBytes } from '../../format/bytes';
import { errorMessage } from '../../format/error-message';
import { useNavigation } from '../../stores/navigation-store';
import { engineBarWidths, usageTotals } from './disk-view';

type Measured = { usage: DiskUsage } | { error: string };

/**
 * "All engines" on the Disk page: every engine's `docker system df` side by side (used, reclaimable, a bar against
 * the biggest), each measured on its own so a slow engine holds up only its own row; a row opens that engine's
 * page. Twins (the same daemon reached another way) are not in `engines`: their disk is their engine's.
 */
export function EnginesDiskUsage({ engines, refreshKey }: { engines: readonly EngineStatus[]; refreshKey: number }) {
  const showScope = useNavigation((s) => s.showScope);
  const [measured, setMeasured] = useState<ReadonlyMap<string, Measured>>(new Map());
  const ids = engines.map((s) => s.engineId).join(',');

  useEffect(() => {
    let live = true;
    for (const id of ids.split(',').filter(Boolean)) {
      berth.disk.usage({ engineId: id }).then(
        (usage) => live && setMeasured((m) => new Map(m).set(id, { usage })),
        (e: unknown) => live && setMeasured((m) => new Map(m).set(id, { error: errorMessage(e) })),
      );
    }
    return () => {
      live = false;
    };
  }, [ids, refreshKey]);

  const totals = engines.map((s) => {
    const m = measured.get(s.engineId);
    return m && 'usage' in m ? usageTotals(m.usage.kinds) : null;
  });
  const widths = engineBarWidths(totals.map((t) => t?.size ?? 0));
  return (
    <section className="disk-engines" data-testid="disk-engines" aria-label="Disk usage per engine">
      <h2>Every engine</h2>
      <ul className="plain-list">
        {engines.map((s, i) => {
          const m = measured.get(s.engineId);
          const t = totals[i];
          return (
            <li key={s.engineId} data-testid="disk-engine-row" data-engine={s.engineId} data-size={t?.size} data-reclaimable={t?.reclaimable}>
              <button type="button" className="btn-link disk-engine-name" onClick={() => showScope(s.engineId)} title={`${engineName(s)}: each kind, and its prunes`}>
                {engineName(s)}
              </button>
              <div className="disk-bar" role="img" aria-label={t ? `${engineName(s)}: ${formatBytes(t.size)}, ${formatBytes(t.reclaimable)} reclaimable` : `${engineName(s)}: measuring`}>
                {t && (
                  <div className="disk-bar-used" style={{ width: `${widths[i]}%` }}>
                    <div className="disk-bar-reclaimable" style={{ width: `${t.size ? (t.reclaimable / t.size) * 100 : 0}%` }} />
                  </div>
                )}
              </div>
              <span className="disk-figure">{t ? formatBytes(t.size) : m && 'error' in m ? '—' : '…'}</span>
              <span className="muted disk-engine-note">{t ? `${formatBytes(t.reclaimable)} reclaimable` : m && 'error' in m ? m.error : 'measuring…'}</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
