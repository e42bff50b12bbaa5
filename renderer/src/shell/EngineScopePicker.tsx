import { engineName } from '../data/engines';
import { useEnabledEngines, usePageEngine } from '../data/scope';
import { useNavigation } from '../stores/navigation-store';

/**
 * "All engines" or one engine, in a list page's header; the choice is remembered. Not shown with a single engine,
 * where there is nothing to choose (the page looks as it did before Berth knew of several).
 */
export function EngineScopePicker() {
  const engines = useEnabledEngines();
  const scope = usePageEngine();
  const showScope = useNavigation((s) => s.showScope);
  if (engines.length <= 1 && (scope === null || engines.some((e) => e.engineId === scope))) return null;
  return (
    <select
      className="select engine-scope"
      aria-label="Engine"
      data-testid="engine-scope"
      value={scope ?? ''}
      onChange={(e) => showScope(e.target.value || null)}
    >
      <option value="">All engines</option>
      {engines.map((s) => (
        <option key={s.engineId} value={s.engineId}>
          {engineName(s)}
          {s.state === 'connected' ? '' : ` (${s.state})`}
        </option>
      ))}
    </select>
  );
}
