import { ServerOff } from 'lucide-react';
import '../components/page.css';
import { engineName } from '../data/engines';
import { useEnabledEngines } from '../data/scope';
import { useNavigation } from '../stores/navigation-store';
import { PAGES, hasEngine } from './pages';

/**
 * The route names an engine Berth does not have (removed or disabled while its page was open, or an old link):
 * say so, and offer the engines there are.
 */
export function EngineGone({ engineId }: { engineId: string }) {
  const engines = useEnabledEngines();
  const page = useNavigation((s) => s.page);
  const showScope = useNavigation((s) => s.showScope);
  const label = PAGES.find((p) => p.id === page)?.label ?? 'Containers';
  return (
    <div className="page">
      <header className="page-header">
        <h1>{label}</h1>
      </header>
      <div className="page-center" data-testid="engine-gone" data-engine={engineId}>
        <ServerOff size={40} strokeWidth={1.5} className="page-center-icon" aria-hidden />
        <h2>The engine “{engineId}” is no longer in Berth</h2>
        <p>It was removed or switched off in Settings › Engines. Nothing on it was changed.</p>
        {engines.length > 0 && hasEngine(page) && (
          <div className="engine-gone-choices" role="group" aria-label="Show another engine">
            {engines.length > 1 && (
              <button type="button" className="btn btn-primary" onClick={() => showScope(null)}>
                {label} of all engines
              </button>
            )}
            {engines.map((s) => (
              <button
                key={s.engineId}
                type="button"
                className={`btn${engines.length === 1 ? ' btn-primary' : ''}`}
                onClick={() => showScope(s.engineId)}
              >
                {label} of {engineName(s)}
              </button>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}
