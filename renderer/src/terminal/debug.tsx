import { Bug } from 'lucide-react';
import type { ContainerSummary } from '../../../preload/contract';
import { openTerminal } from './terminal-store';

export const DEBUG_SHELL_HELP =
  'A shell in a helper container from the toolbox image (Settings → Debug shell) that shares this container’s processes and network, with its files at /proc/1/root: for images with no shell. Closing the tab removes the helper; the container is not changed.';

const STOPPED_HELP =
  'The container is stopped: a debug shell gets a copy of its files (no processes: nothing of it is started or committed). Closing the tab removes the helper.';

/** Opens a debug shell beside the container (debugShell.open). */
export function openDebugShell(c: Pick<ContainerSummary, 'engineId' | 'id' | 'name'>): string {
  return openTerminal({ engineId: c.engineId, containerId: c.id, containerName: c.name }, { debug: true });
}

/** "Debug" beside the new-shell button; on a stopped container it says what is possible there (files, not processes). */
export function DebugShellButton({ container }: { container: ContainerSummary }) {
  const running = container.state === 'running';
  return (
    <button
      type="button"
      className="btn term-debug"
      aria-label={running ? 'Open a debug shell' : 'Open a debug shell (files only)'}
      title={running ? DEBUG_SHELL_HELP : STOPPED_HELP}
      data-testid="terminal-debug"
      disabled={container.state === 'paused'}
      onClick={() => openDebugShell(container)}
    >
      <Bug size={14} aria-hidden />
      {running ? 'Debug' : 'Debug shell (files only)'}
    </button>
  );
}
