import { useEffect } from 'react';
import { AttachButton } from '../../../terminal/attach';
import { DebugShellButton } from '../../../terminal/debug';
import { TerminalSessions } from '../../../terminal/TerminalSessions';
import { objectKey } from '../../../data/keyed';
import { containerKeyOf, sessionsOf } from '../../../terminal/session-map';
import { openTerminal, showInContainer, useTerminals } from '../../../terminal/terminal-store';
import { runContainerAction, usePendingActions } from '../../containers/container-actions';
import type { DetailTabProps } from '../detail-tabs';

/** Containers (objectKey) whose Terminal tab already opened a first session by itself (closing it all does not reopen one). */
const autoOpened = new Set<string>();

/**
 * Shell sessions in this container: a first one opens by itself; "+" adds more; "Attach" joins the main process of
 * a container started with -i -t (docker attach). They outlive the page.
 */
export function TerminalTab({ container }: DetailTabProps) {
  const running = container.state === 'running';
  const active = useTerminals((s) => s.activeByContainer.get(containerKeyOf({ engineId: container.engineId, containerId: container.id })) ?? null);
  const count = useTerminals((s) => sessionsOf(s.sessions.values(), container.engineId, container.id).length);
  const starting = usePendingActions((s) => s.pending.get(container.id) === 'start');
  const target = { engineId: container.engineId, containerId: container.id, containerName: container.name };

  useEffect(() => {
    const key = objectKey(container.engineId, container.id);
    if (running && count === 0 && !autoOpened.has(key)) {
      autoOpened.add(key);
      openTerminal({ engineId: container.engineId, containerId: container.id, containerName: container.name });
    }
  }, [running, count, container.id, container.engineId, container.name]);

  const start = (
    <button type="button" className="btn btn-primary" disabled={starting} onClick={() => void runContainerAction(container, 'start')}>
      {starting ? 'Starting…' : `Start ${container.name}`}
    </button>
  );

  if (!running && count === 0) {
    return (
      <div className="term-empty" data-testid="terminal-not-running">
        <h3>{container.name} is not running</h3>
        <p className="muted">A terminal needs a running container. Start it to open a shell, or look at its files in a debug shell.</p>
        <div className="term-notice-actions">
          {start}
          <DebugShellButton container={container} />
        </div>
      </div>
    );
  }
  return (
    <div className="term-tab-body">
      {!running && (
        <div className="term-banner" role="status" data-testid="terminal-not-running">
          <span>
            {container.name} is {container.state}; its terminals have ended.
          </span>
        </div>
      )}
      <TerminalSessions
        container={{ engineId: container.engineId, containerId: container.id }}
        active={active}
        onSelect={(key) => showInContainer(container.engineId, container.id, key)}
        {...(running
          ? {
              onNew: () => openTerminal(target),
              actions: (
                <>
                  <AttachButton container={container} />
                  <DebugShellButton container={container} />
                </>
              ),
            }
          : {})}
        empty={
          <>
            <h3>No terminal open</h3>
            <button type="button" className="btn btn-primary" onClick={() => openTerminal(target)}>
              Open a shell
            </button>
          </>
        }
      />
    </div>
  );
}
