import { LogViewer } from '../../../logs/LogViewer';
import type { DetailTabProps } from '../detail-tabs';

/** The container's logs: follow, search, filter, download (renderer/src/logs). */
export function LogsTab({ container }: DetailTabProps) {
  return <LogViewer containerIds={[container.id]} engineId={container.engineId} name={container.name} />;
}
