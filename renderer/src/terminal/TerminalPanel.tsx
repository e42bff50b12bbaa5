import { ChevronDown, SquareTerminal } from 'lucide-react';
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useContainers } from '../data/containers';
import { itemsInScope } from '../data/keyed';
import { usePageEngine, useShowsEngines } from '../data/scope';
import { TerminalSessions } from './TerminalSessions';
import { openTerminal, showInPanel, togglePanel, useTerminals } from './terminal-store';
import './terminal.css';
import { compareNatural } from '../format/natural-compare';

/** Ctrl+` anywhere toggles the panel. */
function useToggleKey() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey && !e.shiftKey && !e.altKey && e.code === 'Backquote') {
        e.preventDefault();
        togglePanel();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}

/**
 * The bottom panel: every terminal session, across containers, reachable from any page (Ctrl+`). Sessions live in
 * the terminal store, so they keep running while the user moves between pages, with or without the panel open.
 */
export function TerminalPanel() {
  useToggleKey();
  const open = useTerminals((s) => s.panelOpen);
  const active = useTerminals((s) => s.panelActive);
  const count = useTerminals((s) => s.sessions.size);
  const live = useTerminals((s) => [...s.sessions.values()].filter((x) => x.phase === 'ready').length);

  if (!open) {
    if (count === 0) return null;
    return (
      <button type="button" className="term-panel-bar" onClick={() => togglePanel(true)} aria-label="Show terminals" title="Show terminals (Ctrl+`)">
        <SquareTerminal size={13} aria-hidden />
        <span>
          Terminals · {live} running{count > live ? `, ${count - live} ended` : ''}
        </span>
        <kbd>Ctrl+`</kbd>
      </button>
    );
  }
  return (
    <section className="term-panel" aria-label="Terminals" data-testid="terminal-panel">
      <TerminalSessions
        active={active}
        onSelect={showInPanel}
        empty={<RunningContainers />}
        extra={
          <button type="button" className="icon-btn" aria-label="Hide terminals" title="Hide (Ctrl+`)" onClick={() => togglePanel(false)}>
            <ChevronDown size={15} />
          </button>
        }
      />
    </section>
  );
}

/** With no session yet, the panel offers a shell in any running container. */
function RunningContainers() {
  const scope = usePageEngine();
  const showsEngines = useShowsEngines(scope);
  const running = useContainers(
    useShallow((s) =>
      itemsInScope(s.byEngine, scope)
        .filter((c) => c.state === 'running')
        .sort((a, b) => compareNatural(a.name, b.name))
        .slice(0, 12),
    ),
  );
  if (running.length === 0) return <p className="muted">No container is running. Start one to open a terminal in it.</p>;
  return (
    <div className="term-pick">
      <p className="muted">Open a shell in:</p>
      <div className="term-pick-list">
        {running.map((c) => (
          <button key={`${c.engineId}/${c.id}`} type="button" className="btn" onClick={() => openTerminal({ engineId: c.engineId, containerId: c.id, containerName: c.name })}>
            <SquareTerminal size={13} aria-hidden /> {c.name}
            {showsEngines && <span className="engine-tag">{c.engineId}</span>}
          </button>
        ))}
      </div>
    </div>
  );
}
