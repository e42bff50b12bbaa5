import * as Menu from '@radix-ui/react-dropdown-menu';
import { Copy, CopyPlus, FileCode, Pause, PencilLine, Play, Plug, TextCursorInput, Zap } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { ContainerSummary } from '../../../../preload/contract';
import { berth } from '../../api';
import { errorMessage } from '../../format/error-message';
import { useNavigation } from '../../stores/navigation-store';
import { toast } from '../../stores/toast-store';
import { attachTo, readAttachability } from '../../terminal/attach';
import { runContainerAction } from './container-actions';
import { openContainerDialog } from './container-dialogs-store';
import { ShortcutKeys } from '../../keymap/Kbd';
import { SpriteIcon } from '../../components/SpriteIcon';
import './row-menu.css';

async function copyExport(c: ContainerSummary, as: 'command' | 'compose') {
  try {
    const exported = await berth.containers.exportRun({ engineId: c.engineId, id: c.id });
    await navigator.clipboard.writeText(as === 'command' ? exported.command : exported.compose);
    toast.success(as === 'command' ? `Copied ${c.name} as docker run` : `Copied ${c.name} as a compose service`);
  } catch (e) {
    toast.error(`Could not copy ${c.name}`, errorMessage(e));
  }
}

interface RowMenuProps {
  container: ContainerSummary;
  disabled: boolean;
}

/**
 * The less frequent actions of one container: pause/resume, kill, attach, rename, duplicate, edit, export.
 *
 * Until first used, the trigger is a plain button: a Radix menu is a dozen providers and hooks per row, and
 * scrolling 5,000 containers mounts about a dozen rows a frame. The button opens the menu the way the menu's own
 * trigger does (pointer down, or Enter, Space, ↓), and from then on the row has the full menu.
 */
export function RowMenu(props: RowMenuProps) {
  const [armed, setArmed] = useState(false);
  const { container: c, disabled } = props;
  if (armed) return <LiveRowMenu {...props} />;
  return (
    <button
      type="button"
      className="icon-btn"
      aria-label={`More actions for ${c.name}`}
      title="More actions"
      aria-haspopup="menu"
      aria-expanded={false}
      disabled={disabled}
      onPointerDown={(e) => {
        if (e.button === 0 && !e.ctrlKey) {
          e.preventDefault(); // as the menu's trigger does: focus goes to the menu, not to this button
          setArmed(true);
        }
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ' || e.key === 'ArrowDown') {
          e.preventDefault();
          setArmed(true);
        }
      }}
    >
      <SpriteIcon name="more-horizontal" size={15} />
    </button>
  );
}

/** The menu itself, mounted open on first use. */
function LiveRowMenu({ container: c, disabled }: RowMenuProps) {
  const live = c.state === 'running' || c.state === 'restarting' || c.state === 'paused';
  // Whether attach is possible is read from inspect when the menu opens (the list does not carry -i -t).
  const [attach, setAttach] = useState<{ id: string; blocker: string | null } | null>(null);
  const attachBlocker = c.state !== 'running' ? 'Attach needs a running container.' : attach?.id === c.id ? attach.blocker : 'Checking…';
  const [open, setOpen] = useState(true);
  const opened = () => {
    if (c.state !== 'running') return;
    readAttachability(c).then(
      (blocker) => setAttach({ id: c.id, blocker }),
      () => setAttach({ id: c.id, blocker: 'Could not read how the container was started.' }),
    );
  };
  // It mounts open (its first use opened it): read, once, what opening reads.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(opened, []);
  return (
    <Menu.Root
      modal={false}
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) opened();
      }}
    >
      <Menu.Trigger className="icon-btn" aria-label={`More actions for ${c.name}`} title="More actions" disabled={disabled}>
        <SpriteIcon name="more-horizontal" size={15} />
      </Menu.Trigger>
      <Menu.Portal>
        <Menu.Content className="menu" align="end" sideOffset={4} onClick={(e) => e.stopPropagation()}>
          {c.state === 'paused' ? (
            <Menu.Item className="menu-item" onSelect={() => void runContainerAction(c, 'unpause')}>
              <Play size={14} /> Resume
              <ShortcutKeys id="container.pause" />
            </Menu.Item>
          ) : (
            <Menu.Item className="menu-item" disabled={c.state !== 'running'} onSelect={() => void runContainerAction(c, 'pause')}>
              <Pause size={14} /> Pause
              <ShortcutKeys id="container.pause" />
            </Menu.Item>
          )}
          <Menu.Item className="menu-item" disabled={!live} onSelect={() => openContainerDialog({ kind: 'kill', container: c })}>
            <Zap size={14} /> Kill…
          </Menu.Item>
          <Menu.Item
            className="menu-item"
            disabled={attachBlocker !== null}
            title={attachBlocker ?? "docker attach: closing the terminal tab detaches and leaves the container running"}
            onSelect={() => {
              attachTo(c);
              useNavigation.getState().open(c.id, 'terminal', 'containers', c.engineId);
            }}
          >
            <Plug size={14} /> Attach to main process
          </Menu.Item>
          <Menu.Item className="menu-item" onSelect={() => openContainerDialog({ kind: 'rename', container: c })}>
            <TextCursorInput size={14} /> Rename…
          </Menu.Item>
          <Menu.Separator className="menu-sep" />
          <Menu.Item className="menu-item" onSelect={() => openContainerDialog({ kind: 'run', mode: 'duplicate', container: c })}>
            <CopyPlus size={14} /> Duplicate…
          </Menu.Item>
          <Menu.Item className="menu-item" onSelect={() => openContainerDialog({ kind: 'run', mode: 'edit', container: c })}>
            <PencilLine size={14} /> Edit and recreate…
          </Menu.Item>
          <Menu.Separator className="menu-sep" />
          <Menu.Item className="menu-item" onSelect={() => void copyExport(c, 'command')}>
            <Copy size={14} /> Copy as docker run
          </Menu.Item>
          <Menu.Item className="menu-item" onSelect={() => void copyExport(c, 'compose')}>
            <FileCode size={14} /> Copy as compose service
          </Menu.Item>
        </Menu.Content>
      </Menu.Portal>
    </Menu.Root>
  );
}
