import { useCallback } from 'react';
import { berth } from '../../../api';
import type { DetailTabProps } from '../detail-tabs';
import { MiniTable } from './MiniTable';
import { RefreshButton, TabMessage } from './TabMessage';
import { useQuery } from '../../../hooks/use-query';
import './detail-views.css';

/** `docker top`: what runs in the container, refreshed on demand (only while it runs). */
export function ProcessesTab({ container }: DetailTabProps) {
  const running = container.state === 'running';
  const load = useCallback(
    () => (running ? berth.containerDetails.top({ engineId: container.engineId, id: container.id }) : Promise.resolve({ running: false, titles: [], processes: [] })),
    [container.engineId, container.id, running],
  );
  const query = useQuery(load, `${container.id} ${container.state}`, { keep: true });
  if (!running || (query.data && !query.data.running)) {
    return (
      <TabMessage>
        <h2>{container.name} is not running</h2>
        <p>{container.state === 'paused' ? 'It is paused: unpause it to list its processes.' : 'Start it to see its processes.'}</p>
      </TabMessage>
    );
  }
  if (!query.data) return <TabMessage loading={query.loading} error={query.error} onRetry={query.reload} />;
  const { titles, processes } = query.data;
  const cmdColumn = titles.findIndex((t) => t === 'CMD' || t === 'COMMAND');
  return (
    <div className="detail-view processes" data-testid="processes-tab">
      <div className="detail-toolbar">
        <span className="muted">
          {processes.length} process{processes.length === 1 ? '' : 'es'}
        </span>
        <span className="toolbar-spacer" />
        <RefreshButton loading={query.loading} onClick={query.reload} />
      </div>
      {query.error && <p className="detail-message tone-danger" role="alert">{query.error}</p>}
      <div className="table-scroll">
        <MiniTable className="processes-table" head={titles}>
          {processes.map((p, i) => (
            <tr key={`${p.join('\u0000')}-${i}`} data-testid="process-row">
              {p.map((cell, j) => (
                <td key={j} className={j === cmdColumn ? 'mono cmd' : 'mono'}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </MiniTable>
      </div>
    </div>
  );
}
