import { FilePlus2, FilePen, FileMinus2 } from 'lucide-react';
import { useCallback } from 'react';
import { berth } from '../../../api';
import type { DetailTabProps } from '../detail-tabs';
import { RefreshButton, TabMessage } from './TabMessage';
import { useQuery } from '../../../hooks/use-query';
import { changesSummary, changesTruncated } from './detail-format';
import './detail-views.css';

const GROUPS = [
  { key: 'added', label: 'Added', icon: FilePlus2, tone: 'success' },
  { key: 'changed', label: 'Changed', icon: FilePen, tone: 'warning' },
  { key: 'deleted', label: 'Deleted', icon: FileMinus2, tone: 'danger' },
] as const;

/** `docker diff`: what the container changed in its writable layer (lost when it is removed), grouped. */
export function ChangesTab({ container }: DetailTabProps) {
  const load = useCallback(() => berth.containerDetails.changes({ engineId: container.engineId, id: container.id }), [container.engineId, container.id]);
  const query = useQuery(load, `${container.id} ${container.state}`, { keep: true });
  if (!query.data) return <TabMessage loading={query.loading} error={query.error} onRetry={query.reload} />;
  const changes = query.data;
  return (
    <div className="detail-view changes" data-testid="changes-tab">
      <div className="detail-toolbar">
        <span className="muted">{changesSummary(changes.total)}</span>
        <span className="toolbar-spacer" />
        <RefreshButton loading={query.loading} onClick={query.reload} />
      </div>
      {query.error && <p className="detail-message tone-danger" role="alert">{query.error}</p>}
      {changes.truncated && (
        <p className="detail-message tone-warning">
          {changesTruncated(changes.added.length + changes.changed.length + changes.deleted.length, changes.total)}
        </p>
      )}
      <div className="changes-groups">
        {GROUPS.map(({ key, label, icon: Icon, tone }) => {
          const paths = changes[key];
          if (paths.length === 0) return null;
          return (
            <section key={key} className="detail-card wide" aria-label={label} data-testid={`changes-${key}`}>
              <header>
                <h2 className="caption">
                  <span className={`change-icon tone-${tone}`}>
                    <Icon size={13} aria-hidden />
                  </span>
                  {label} <span className="muted">({paths.length})</span>
                </h2>
              </header>
              <ul className="path-list">
                {paths.map((p) => (
                  <li key={p} className="mono">
                    {p}
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </div>
  );
}
