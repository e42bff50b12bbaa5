import { Eye, EyeOff, ShieldAlert } from 'lucide-react';
import { useCallback, useMemo, useState } from 'react';
import { berth } from '../../../api';
import { CodeEditor } from '../../../components/CodeEditor';
import type { DetailTabProps } from '../detail-tabs';
import { inspectText } from './inspect-view';
import { RefreshButton, TabMessage } from './TabMessage';
import { useQuery } from '../../../hooks/use-query';
import './detail-views.css';

/** The engine's inspect JSON in a read-only editor (fold, Ctrl/Cmd+F); secret-looking env values masked until revealed. */
export function InspectTab({ container }: DetailTabProps) {
  const load = useCallback(() => berth.containerDetails.inspect({ engineId: container.engineId, id: container.id }), [container.engineId, container.id]);
  const query = useQuery(load, `${container.id} ${container.state}`, { keep: true });
  const [revealed, setRevealed] = useState(false);
  const text = useMemo(() => (query.data ? inspectText(query.data.raw, revealed) : ''), [query.data, revealed]);
  if (!query.data) return <TabMessage loading={query.loading} error={query.error} onRetry={query.reload} />;
  const secrets = query.data.secretEnvNames;
  return (
    <div className="detail-view inspect" data-testid="inspect-tab">
      <div className="detail-toolbar">
        {secrets.length > 0 ? (
          <span className={`secret-note${revealed ? ' revealed' : ''}`} data-testid="secret-note">
            <ShieldAlert size={14} aria-hidden />
            {revealed
              ? `Showing ${secrets.length} secret value${secrets.length === 1 ? '' : 's'}: ${secrets.join(', ')}`
              : `${secrets.length} secret-looking value${secrets.length === 1 ? '' : 's'} hidden: ${secrets.join(', ')}`}
          </span>
        ) : (
          <span className="muted">No secret-looking environment values.</span>
        )}
        <span className="toolbar-spacer" />
        {secrets.length > 0 && (
          <button type="button" className="btn" onClick={() => setRevealed((r) => !r)} aria-pressed={revealed}>
            {revealed ? <EyeOff size={14} /> : <Eye size={14} />}
            {revealed ? 'Hide secrets' : 'Reveal secrets'}
          </button>
        )}
        <RefreshButton loading={query.loading} onClick={query.reload} />
      </div>
      {query.error && <p className="detail-message tone-danger" role="alert">{query.error}</p>}
      <CodeEditor value={text} language="json" readOnly ariaLabel={`Inspect JSON of ${container.name}`} />
    </div>
  );
}
