import { KeyRound, LockKeyhole } from 'lucide-react';
import type { ReactElement } from 'react';
import type { EngineStatus } from '../../../preload/contract';
import { engineLineOf } from '../engine/engine-view';
import { engineName, hostKeyWait, listedInAll, statusOf, twinOf, withTwinsUnder } from '../data/engines';
import { useEnabledEngines, usePageEngine } from '../data/scope';
import { useBackendStore } from '../stores/backend-store';
import { useNavigation } from '../stores/navigation-store';
import { engineTooltip } from './EngineDot';
import { hashFor, hasEngine } from './pages';

/**
 * The engines, with their health, when there are several: each one shows the current page for that engine alone,
 * "All engines" every engine's together. With one engine the indicator at the bottom says everything.
 */
export function SidebarEngines() {
  const engines = useEnabledEngines();
  const scope = usePageEngine();
  const page = useNavigation((s) => s.page);
  const item = useNavigation((s) => s.item);
  const showScope = useNavigation((s) => s.showScope);
  const backend = useBackendStore((s) => s.state);
  const backendOpen = backend === 'open';
  if (engines.length <= 1) return null;
  const target = hasEngine(page) ? page : 'containers';
  // On an object's page the list it belongs to is not in view: no engine is "current".
  const current = (id: string | null) => (!item && hasEngine(page) && scope === id ? 'page' : undefined);
  return (
    <section className="sidebar-engines" aria-labelledby="sidebar-engines-title">
      <h2 id="sidebar-engines-title" className="sidebar-section-title">
        Engines
      </h2>
      <ul className="plain-list nav-list">
        <li>
          <a
            href={hashFor({ page: target })}
            className="nav-link engine-link"
            aria-current={current(null)}
            data-testid="sidebar-engine"
            data-engine=""
            onClick={(e) => {
              e.preventDefault();
              showScope(null);
            }}
          >
            <span className="engine-link-all" aria-hidden>
              {engines.filter(listedInAll).map((s) => (
                <span key={s.engineId} className={`status-dot mini ${(backendOpen && waitFor(s)?.mini) || engineLineOf(backend, s).dot}`} />
              ))}
            </span>
            All engines
          </a>
        </li>
        {withTwinsUnder(engines).map((s) => {
          const wait = backendOpen ? waitFor(s) : undefined;
          const line = engineLineOf(backend, s);
          const twin = twinOf(s);
          const twinName = twin ? engineName(statusOf(engines, twin), twin) : null;
          return (
            <li key={s.engineId}>
              <a
                href={hashFor({ engineId: s.engineId, page: target })}
                className={`nav-link engine-link${twin ? ' engine-link-twin' : ''}`}
                aria-current={current(s.engineId)}
                title={
                  wait
                    ? `${engineName(s)} — ${wait.text} (Settings → Engines)`
                    : twinName
                      ? `${engineTooltip(s, s.engineId)}\nThe same engine as ${twinName} (the same daemon, another way to reach it): All engines shows its containers once, under ${twinName}.`
                      : engineTooltip(s, s.engineId)
                }
                data-same-as={twin}
                data-testid="sidebar-engine"
                data-engine={s.engineId}
                data-state={s.state}
                data-hostkey={hostKeyWait(s)}
                data-waits={wait?.what}
                onClick={(e) => {
                  e.preventDefault();
                  showScope(s.engineId);
                }}
              >
                {wait ? wait.icon : <span className={`status-dot ${line.dot}`} aria-hidden />}
                <span className="engine-link-name">{engineName(s)}</span>
                {twinName && (
                  <span className="engine-link-same" data-testid="engine-same-as">
                    = {twinName}
                  </span>
                )}
                <span className="visually-hidden">
                  , {wait ? wait.text : line.label}
                  {twinName ? `, the same engine as ${twinName}` : ''}
                </span>
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/**
 * An engine that waits for the user (an ssh host key to check, a key's passphrase) is not down: it is drawn with
 * what it waits for (a key, a lock) instead of a down engine's dot, amber, red when the host key changed.
 */
function waitFor(s: EngineStatus): { what: string; text: string; icon: ReactElement; mini: string } | undefined {
  const key = hostKeyWait(s);
  if (key) {
    const text = key === 'changed' ? 'host key changed: refused' : 'host key to confirm';
    return { what: `host-key-${key}`, text, icon: <KeyRound size={12} className={`status-key ${key}`} aria-hidden />, mini: `key-${key}` };
  }
  if (s.sshKeyLocked && s.enabled !== false) {
    return { what: 'passphrase', text: 'ssh key passphrase needed', icon: <LockKeyhole size={12} className="status-key unknown" aria-hidden />, mini: 'key-unknown' };
  }
  return undefined;
}
