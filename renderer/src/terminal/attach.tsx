import { Plug } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ContainerSummary } from '../../../preload/contract';
import { berth } from '../api';
import { attachBlocker, type AttachConfig } from './terminal-screen';
import { openTerminal } from './terminal-store';

/** Whether the container's main process can be attached to: unknown until inspect answers; `blocker` says why not (null: it can). */
export type Attachability = { known: false } | { known: true; blocker: string | null };

/** Reads Config.OpenStdin / Config.Tty from the engine's inspect (they do not change while a container exists). */
export async function readAttachability(c: Pick<ContainerSummary, 'engineId' | 'id'>): Promise<string | null> {
  const { raw } = await berth.containerDetails.inspect({ engineId: c.engineId, id: c.id });
  return attachBlocker(raw.Config as AttachConfig | undefined);
}

export function useAttachability(c: Pick<ContainerSummary, 'engineId' | 'id'>): Attachability {
  const { id, engineId } = c;
  const [state, setState] = useState<{ id: string; blocker: string | null } | null>(null);
  // The container's id and engine identify it; how it was started cannot change.
  useEffect(() => {
    let current = true;
    readAttachability({ id, engineId }).then(
      (blocker) => current && setState({ id, blocker }),
      () => current && setState({ id, blocker: 'Could not read how the container was started.' }),
    );
    return () => {
      current = false;
    };
  }, [id, engineId]);
  return state && state.id === id ? { known: true, blocker: state.blocker } : { known: false };
}

/** Opens a session attached to the container's main process (docker attach). */
export function attachTo(c: Pick<ContainerSummary, 'engineId' | 'id' | 'name'>): string {
  return openTerminal({ engineId: c.engineId, containerId: c.id, containerName: c.name }, { mode: 'attach' });
}

const ATTACH_HELP = "Attach to the container's main process (docker attach); closing the tab detaches and leaves it running.";

/**
 * "Attach" next to the new-shell button. Disabled (but still showing its tooltip, so it says why) when the
 * container was not started with -i -t.
 */
export function AttachButton({ container }: { container: ContainerSummary }) {
  const a = useAttachability(container);
  const blocker = a.known ? a.blocker : 'Checking whether the container was started with -i -t…';
  return (
    <button
      type="button"
      className="btn term-attach"
      aria-disabled={blocker ? 'true' : undefined}
      aria-label="Attach to main process"
      title={blocker ?? ATTACH_HELP}
      data-testid="terminal-attach"
      onClick={() => {
        if (!blocker) attachTo(container);
      }}
    >
      <Plug size={14} aria-hidden />
      Attach
    </button>
  );
}
