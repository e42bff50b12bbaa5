import { Bug, Minus, Plug, Plus, Search, SquareTerminal, X } from 'lucide-react';
import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { TerminalView } from './TerminalView';
import { sessionsOf } from './session-map';
import { changeFontSize, closeTerminal, runtimeOf, useTerminals, type TermSession } from './terminal-store';
import '../components/page.css';
import './terminal.css';

interface Props {
  /** Only this container's sessions (the container detail), or all of them (the bottom panel). */
  container?: { engineId: string; containerId: string };
  active: string | null;
  onSelect(key: string): void;
  /** The "+" button; absent when there is nothing to open a terminal in. */
  onNew?: () => void;
  /** More ways to open a session, after "+" (the Terminal tab's Attach). */
  actions?: ReactNode;
  /** Shown when there is no session. */
  empty: ReactNode;
  /** Extra controls at the right end of the strip. */
  extra?: ReactNode;
}

/** A strip of session tabs (with new, find and font size) above the active session. */
export function TerminalSessions({ container, active, onSelect, onNew, actions, empty, extra }: Props) {
  const sessions = useTerminals(
    useShallow((s) => (container ? sessionsOf(s.sessions.values(), container.engineId, container.containerId) : [...s.sessions.values()])),
  );
  const fontSize = useTerminals((s) => s.fontSize);
  const shown = sessions.find((s) => s.key === active) ?? sessions.at(-1) ?? null;

  return (
    <div className="term-sessions">
      <div className="term-strip" role="tablist" aria-label="Terminal sessions">
        {sessions.map((s) => (
          <SessionTab key={s.key} session={s} selected={s.key === shown?.key} withContainer={!container} onSelect={() => onSelect(s.key)} />
        ))}
        {onNew && (
          <button type="button" className="icon-btn" aria-label="New terminal" title="New terminal" onClick={onNew}>
            <Plus size={15} />
          </button>
        )}
        {actions}
        <div className="term-tools">
          {shown && (
            <button type="button" className="icon-btn" aria-label="Find in terminal" title="Find (Ctrl+Shift+F)" onClick={() => runtimeOf(shown.key)?.hooks.find()}>
              <Search size={14} />
            </button>
          )}
          <button type="button" className="icon-btn" aria-label="Smaller text" title="Smaller text (Ctrl+-)" onClick={() => changeFontSize(-1)}>
            <Minus size={14} />
          </button>
          <span className="term-font muted" aria-label="Font size">
            {fontSize}px
          </span>
          <button type="button" className="icon-btn" aria-label="Larger text" title="Larger text (Ctrl+=)" onClick={() => changeFontSize(1)}>
            <Plus size={14} />
          </button>
          {extra}
        </div>
      </div>
      {shown ? <TerminalView key={shown.key} sessionKey={shown.key} /> : <div className="page-center term-empty">{empty}</div>}
    </div>
  );
}

function SessionTab({ session, selected, withContainer, onSelect }: { session: TermSession; selected: boolean; withContainer: boolean; onSelect(): void }) {
  const attach = session.options.mode === 'attach';
  const debug = !!session.options.debug;
  const what = attach ? 'attached · main process' : session.title;
  const label = withContainer ? `${session.containerName} · ${what}` : what;
  const ended = session.phase === 'exited' || session.phase === 'failed';
  // Closing an attach session detaches (the connection is dropped; nothing is typed into the process).
  const close = attach
    ? `Detach from ${session.containerName} (the container keeps running)`
    : debug
      ? `Close debug shell ${label} (removes its helper container)`
      : `Close terminal ${label} (ends its shell)`;
  const Icon = attach ? Plug : debug ? Bug : SquareTerminal;
  const title = attach
    ? `${label}: docker attach to ${session.containerName}'s main process`
    : debug
      ? `${label}: a shell in a helper container from ${session.debugReach?.toolbox ?? 'the toolbox image'}, beside ${session.containerName}`
      : label;
  return (
    <div
      className={`term-tab${selected ? ' active' : ''}${ended ? ' ended' : ''}${attach ? ' attach' : ''}${debug ? ' debug' : ''}`}
      data-testid="terminal-tab"
      data-mode={attach ? 'attach' : debug ? 'debug' : 'exec'}
    >
      <button type="button" role="tab" aria-selected={selected} className="term-tab-label" onClick={onSelect} title={title}>
        <Icon size={13} aria-hidden />
        <span>{label}</span>
        {debug && <span className="term-tab-badge">debug</span>}
      </button>
      <button type="button" className="term-tab-close" aria-label={close} title={close} onClick={() => closeTerminal(session.key)}>
        <X size={12} />
      </button>
    </div>
  );
}
