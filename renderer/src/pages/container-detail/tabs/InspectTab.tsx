import { useCallback } from 'react';
import { berth } from '../../../api';
import { InspectJson } from '../../../components/InspectJson';
import type { DetailTabProps } from '../detail-tabs';
import { RefreshButton, TabMessage } from './TabMessage';
import { useQuery } from '../../../hooks/use-query';
import './detail-views.css';

/** The engine's inspect JSON in a read-only editor (fold, Ctrl/Cmd+F); secret-looking env values masked until revealed. */
export function InspectTab({ container }: DetailTabProps) {
  const load = useCallback(() => berth.containerDetails.inspect({ engineId: container.engineId, id: container.id }), [container.engineId, container.id]);
  const query = useQuery(load, `${container.id} ${container.state}`, { keep: true });
  if (!query.data) return <TabMessage loading={query.loading} error={query.error} onRetry={query.reload} />;
  return (
    <div className="detail-view inspect" data-testid="inspect-tab">
      {query.error && <p className="detail-message tone-danger" role="alert">{query.error}</p>}
      <InspectJson
        raw={query.data.raw}
        secretEnvNames={query.data.secretEnvNames}
        label={`Inspect JSON of ${container.name}`}
        tools={<RefreshButton loading={query.loading} onClick={query.reload} />}
      />
    </div>
  );
}
