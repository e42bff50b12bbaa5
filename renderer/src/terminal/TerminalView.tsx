import { Bug, ChevronDown, ChevronUp, X } from 'lucide-react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { runContainerAction } from '../pages/containers/container-actions';
import { useContainers } from '../data/containers';
import { useEngineStatus } from '../data/engines';
import { useNavigation } from '../stores/navigation-store';
import { DEBUG_SHELL_HELP } from './debug';
import { exitText, parseCommand, screenFor, type TerminalScreen } from './terminal-screen';
import { changeFontSize, closeTerminal, connect, isConnected, openTerminal, reconnect, runtimeOf, useTerminals } from './terminal-store';

/** Views showing a session, latest last: only the latest holds the xterm element; the others show a note. */
const holders = new Map<string, HTMLElement[]>();

function claim(key: string, el: HTMLElement) {
  const stack = holders.get(key) ?? [];
  stack.push(el);
  holders.set(key, stack);
  runtimeOf(key)?.mount(el);
}

function release(key: string, el: HTMLElement) {
  const stack = (holders.get(key) ?? []).filter((x) => x !== el);
  holders.set(key, stack);
  const top = stack.at(-1);
  const x = runtimeOf(key);
  if (top && x) x.mount(top);
  else x?.element.remove();
}

/** One terminal session: its xterm, a find box, a context menu, and what to say when it is not live. */
export function TerminalView({ sessionKey }: { sessionKey: string }) {
  const session = useTerminals((s) => s.sessions.get(sessionKey));
  // Until the first list arrives, every container counts as existing.
  const containerExists = useContainers((s) => {
    const slice = session ? s.byEngine.get(session.engineId) : undefined;
    return !slice?.loaded || slice.items.has(session!.containerId);
  });
  const ready = session?.ready ?? false;
  // The session's own engine: another engine going away does not touch this terminal.
  const engine = useEngineStatus(session?.engineId);
  const hostRef = useRef<HTMLDivElement>(null);
  const [finding, setFinding] = useState(false);
  const [menu, setMenu] = useState<{ x: number; y: number } | null>(null);
  const [shownHere, setShownHere] = useState(true);

  useLayoutEffect(() => {
    const el = hostRef.current;
    const x = runtimeOf(sessionKey);
    if (!el || !x) return;
    claim(sessionKey, el);
    x.hooks.find = () => setFinding(true);
    x.hooks.fontSize = (d) => changeFontSize(d);
    if (!isConnected(sessionKey)) connect(sessionKey);
    x.term.focus();
    const sync = () => setShownHere(x.element.parentElement === el);
    sync();
    const observer = new ResizeObserver(() => {
      sync();
      if (x.element.parentElement === el) x.fit();
    });
    observer.observe(el);
    return () => {
      observer.disconnect();
      release(sessionKey, el);
    };
  }, [sessionKey, ready]);

  useEffect(() => {
    if (!menu) return;
    const close = () => setMenu(null);
    window.addEventListener('pointerdown', close);
    window.addEventListener('blur', close);
    return () => {
      window.removeEventListener('pointerdown', close);
      window.removeEventListener('blur', close);
    };
  }, [menu]);

  if (!session) return null;
  const screen = screenFor(session, engine?.state === 'connected', containerExists);
  const x = runtimeOf(sessionKey);

  return (
    <div className="term-view" data-testid="terminal" data-session-phase={session.phase} data-container-name={session.containerName}>
      <div
        ref={hostRef}
        className="term-host"
        onContextMenu={(e) => {
          e.preventDefault();
          const box = e.currentTarget.getBoundingClientRect();
          setMenu({ x: e.clientX - box.left, y: e.clientY - box.top });
        }}
      />
      {!shownHere && <div className="term-elsewhere muted">This session is shown in another view.</div>}
      {finding && x && <FindBox onClose={() => (setFinding(false), x.term.focus())} sessionKey={sessionKey} />}
      {menu && x && (
        <div className="term-menu" role="menu" style={{ left: menu.x, top: menu.y }} onPointerDown={(e) => e.stopPropagation()}>
          {[
            ['Copy', 'Ctrl+Shift+C', () => x.copy(), !x.term.hasSelection()],
            ['Paste', 'Ctrl+Shift+V', () => x.paste(), false],
            ['Select all', '', () => x.term.selectAll(), false],
            ['Find…', 'Ctrl+Shift+F', () => setFinding(true), false],
            ['Clear', '', () => x.term.clear(), false],
          ].map(([label, keys, run, disabled]) => (
            <button
              key={label as string}
              type="button"
              className="btn-plain"
              role="menuitem"
              disabled={disabled as boolean}
              onClick={() => {
                setMenu(null);
                void Promise.resolve((run as () => unknown)()).catch(() => undefined);
                if (label !== 'Find…') x.term.focus();
              }}
            >
              <span>{label as string}</span>
              <kbd>{keys as string}</kbd>
            </button>
          ))}
        </div>
      )}
      {screen.kind !== 'live' && screen.kind !== 'opening' && (
        <TerminalNotice sessionKey={sessionKey} screen={screen} />
      )}
    </div>
  );
}

type Notice = Exclude<TerminalScreen, { kind: 'live' } | { kind: 'opening' }>;

function TerminalNotice({ sessionKey, screen }: { sessionKey: string; screen: Notice }) {
  const session = useTerminals((s) => s.sessions.get(sessionKey))!;
  const openTab = useNavigation((s) => s.open);
  const [command, setCommand] = useState('');
  const target = { engineId: session.engineId, containerId: session.containerId, containerName: session.containerName };

  if (screen.kind === 'container-gone') {
    return (
      <div className="term-notice bar" data-testid="terminal-notice" data-kind="container-gone" role="status">
        <span>The container {session.containerName} no longer exists: this terminal cannot reconnect.</span>
        <button type="button" className="btn" onClick={() => closeTerminal(sessionKey)}>
          Close tab
        </button>
      </div>
    );
  }
  if (screen.kind === 'exited') {
    const debug = !!session.options.debug;
    return (
      <div className="term-notice bar" data-testid="terminal-notice" data-kind="exited" role="status">
        <span>{exitText(screen.code, screen.containerStopped, debug)}</span>
        {debug ? (
          // A stopped target still gets a debug shell (its files, copied): nothing of it is started for that.
          <button type="button" className="btn btn-primary" onClick={() => reconnect(sessionKey)}>
            {screen.containerStopped ? 'Reopen (files only)' : 'Reopen debug shell'}
          </button>
        ) : (
          <button type="button" className="btn btn-primary" onClick={() => void startThenReconnect(sessionKey, screen.containerStopped)}>
            {screen.containerStopped ? 'Start and reconnect' : 'Reconnect'}
          </button>
        )}
      </div>
    );
  }
  if (screen.kind === 'toolbox-missing') {
    return (
      <div className="term-notice card" data-testid="terminal-notice" data-kind="toolbox-missing" role="alert">
        <h3>The debug toolbox image is missing</h3>
        <p className="muted">{screen.message}</p>
        <div className="term-notice-actions">
          <a className="btn" href="#/settings">
            Open Settings
          </a>
          <button type="button" className="btn btn-primary" onClick={() => reconnect(sessionKey)}>
            Try again
          </button>
        </div>
      </div>
    );
  }
  if (screen.kind === 'no-shell') {
    const argv = parseCommand(command);
    return (
      <div className="term-notice card" data-testid="terminal-notice" data-kind="no-shell" role="status">
        <h3>No shell in this image</h3>
        <p className="muted">{screen.message}</p>
        <form
          className="term-run"
          onSubmit={(e) => {
            e.preventDefault();
            if (argv.length) openTerminal(target, { command: argv });
          }}
        >
          <input className="input" aria-label="Command to run" placeholder="/app --version" value={command} onChange={(e) => setCommand(e.target.value)} />
          <button type="submit" className="btn btn-primary" disabled={argv.length === 0}>
            Run a command
          </button>
        </form>
        <div className="term-notice-actions">
          <button type="button" className="btn btn-primary" onClick={() => openTerminal(target, { debug: true })} title={DEBUG_SHELL_HELP}>
            <Bug size={14} aria-hidden /> Open a debug shell
          </button>
          <button type="button" className="btn-link" onClick={() => openTab(session.containerId, 'files', 'containers', session.engineId)}>
            Open the Files tab
          </button>
        </div>
      </div>
    );
  }
  const title =
    screen.kind === 'not-running' ? 'The container is not running' : screen.kind === 'engine-gone' ? 'The engine went away' : 'The terminal failed';
  const canRetry = screen.kind !== 'engine-gone' || screen.engineBack;
  return (
    <div className="term-notice card" data-testid="terminal-notice" data-kind={screen.kind} role="status">
      <h3>{title}</h3>
      <p className="muted">
        {screen.message}
        {screen.kind === 'engine-gone' && !screen.engineBack && ' It can be reopened once the engine is back.'}
      </p>
      <button
        type="button"
        className="btn btn-primary"
        disabled={!canRetry}
        onClick={() => void startThenReconnect(sessionKey, screen.kind === 'not-running')}
      >
        {screen.kind === 'not-running' ? 'Start and reopen' : 'Reopen'}
      </button>
    </div>
  );
}

async function startThenReconnect(key: string, start: boolean) {
  const s = useTerminals.getState().sessions.get(key);
  if (!s) return;
  if (start && !(await runContainerAction({ id: s.containerId, name: s.containerName, engineId: s.engineId }, 'start'))) return;
  reconnect(key);
}

function FindBox({ sessionKey, onClose }: { sessionKey: string; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const x = runtimeOf(sessionKey)!;
  const opts = { decorations: { matchOverviewRuler: '#f59e0b', activeMatchColorOverviewRuler: '#2563eb', activeMatchBackground: '#2563eb88', matchBackground: '#f59e0b55' } };
  return (
    <div className="term-find" role="search">
      <input
        className="input"
        autoFocus
        aria-label="Find in terminal"
        placeholder="Find"
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          x.search.findNext(e.target.value, { ...opts, incremental: true });
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            x.search.clearDecorations();
            onClose();
          } else if (e.key === 'Enter') {
            if (e.shiftKey) x.search.findPrevious(query, opts);
            else x.search.findNext(query, opts);
          }
        }}
      />
      <button type="button" className="icon-btn" aria-label="Previous match" onClick={() => x.search.findPrevious(query, opts)}>
        <ChevronUp size={14} />
      </button>
      <button type="button" className="icon-btn" aria-label="Next match" onClick={() => x.search.findNext(query, opts)}>
        <ChevronDown size={14} />
      </button>
      <button
        type="button"
        className="icon-btn"
        aria-label="Close find"
        onClick={() => {
          x.search.clearDecorations();
          onClose();
        }}
      >
        <X size={14} />
      </button>
    </div>
  );
}
