import type { ContainerSummary, ImageSummary, StackAction } from '../../../preload/contract';
import type { ShortcutId } from '../keymap/keymap';
import { runContainerAction } from '../pages/containers/container-actions';
import { openContainerDialog } from '../pages/containers/container-dialogs-store';
import { availableActions } from '../pages/containers/container-states';
import { openImageDialog, type ImageDialog } from '../pages/images/image-dialogs-store';
import type { StackRow } from '../pages/stacks/stack-rows';
import { runStackAction } from '../pages/stacks/stacks-store';
import { hashFor, type PageId } from '../shell/pages';
import { useNavigation } from '../stores/navigation-store';
import type { PaletteObject } from './palette-index';
import { openPaletteDialog } from './palette-store';

/**
 * What can be done to an object from the palette. Every action is one the pages already offer, run through the same
 * code: container actions through `runContainerAction` (pending state, toasts), removals through the same
 * plan-and-confirm dialogs. Keys come from the keymap, so the palette shows the key the list row answers to.
 */
export interface PaletteAction {
  id: string;
  label: string;
  shortcut?: ShortcutId;
  /** Shows a confirmation with main's plan before anything is lost. */
  danger?: boolean;
  /** Why it cannot run now (shown dimmed, with the reason). */
  disabled?: string;
  run(): void;
}

const nav = () => useNavigation.getState();

/** A page's list on one engine, as a link to it would (the route names the engine; navigation follows the hash). */
export function goToList(page: PageId, engineId: string | null) {
  window.location.hash = hashFor({ engineId, page });
}

export const openContainerTab = (c: Pick<ContainerSummary, 'id' | 'engineId'>, tab: string | null) => nav().open(c.id, tab, 'containers', c.engineId);

export function containerActions(c: ContainerSummary): PaletteAction[] {
  const can = availableActions(c.state);
  const running = c.state === 'running';
  const notRunning = 'needs a running container';
  return [
    { id: 'open', label: 'Open', shortcut: 'list.open', run: () => openContainerTab(c, null) },
    can.stop
      ? { id: 'stop', label: 'Stop', shortcut: 'container.startStop', run: () => void runContainerAction(c, 'stop') }
      : { id: 'start', label: 'Start', shortcut: 'container.startStop', ...(can.start ? {} : { disabled: `cannot start while ${c.state}` }), run: () => void runContainerAction(c, 'start') },
    { id: 'restart', label: 'Restart', shortcut: 'container.restart', ...(can.restart ? {} : { disabled: `cannot restart while ${c.state}` }), run: () => void runContainerAction(c, 'restart') },
    c.state === 'paused'
      ? { id: 'unpause', label: 'Resume', shortcut: 'container.pause', run: () => void runContainerAction(c, 'unpause') }
      : { id: 'pause', label: 'Pause', shortcut: 'container.pause', ...(running ? {} : { disabled: notRunning }), run: () => void runContainerAction(c, 'pause') },
    { id: 'logs', label: 'Logs', shortcut: 'container.logs', run: () => openContainerTab(c, 'logs') },
    { id: 'terminal', label: 'Terminal', shortcut: 'container.terminal', ...(running ? {} : { disabled: notRunning }), run: () => openContainerTab(c, 'terminal') },
    { id: 'inspect', label: 'Inspect', shortcut: 'container.inspect', run: () => openContainerTab(c, 'inspect') },
    { id: 'kill', label: 'Kill…', ...(running || c.state === 'paused' ? {} : { disabled: notRunning }), run: () => openContainerDialog({ kind: 'kill', container: c }) },
    { id: 'rename', label: 'Rename…', run: () => openContainerDialog({ kind: 'rename', container: c }) },
    { id: 'duplicate', label: 'Duplicate…', run: () => openContainerDialog({ kind: 'run', mode: 'duplicate', container: c }) },
    { id: 'remove', label: 'Remove…', shortcut: 'container.remove', danger: true, run: () => openPaletteDialog({ kind: 'remove-container', container: c }) },
  ];
}

/** The images dialogs live on the Images page (one store, rendered there): go there on the image's engine, then ask. */
function imageDialog(image: ImageSummary, dialog: ImageDialog) {
  goToList('images', image.engineId);
  openImageDialog(dialog);
}

export function imageActions(image: ImageSummary): PaletteAction[] {
  return [
    { id: 'run', label: 'Run a container…', shortcut: 'image.run', run: () => openContainerDialog({ kind: 'run', mode: 'new', image: image.repoTags[0] ?? image.id, engineId: image.engineId }) },
    { id: 'layers', label: 'Layers and history', shortcut: 'image.layers', run: () => imageDialog(image, { kind: 'history', image }) },
    { id: 'inspect', label: 'Inspect', shortcut: 'image.inspect', run: () => imageDialog(image, { kind: 'inspect', image }) },
    { id: 'tag', label: 'Tag…', run: () => imageDialog(image, { kind: 'tag', image }) },
    { id: 'push', label: 'Push…', ...(image.dangling ? { disabled: 'a dangling image has no name to push' } : {}), run: () => imageDialog(image, { kind: 'push', image }) },
    { id: 'remove', label: 'Remove…', shortcut: 'image.remove', danger: true, run: () => imageDialog(image, { kind: 'remove', image, target: image.id }) },
  ];
}

/**
 * A stack's compose actions, run as the stack view runs them (`runStackAction`: output in the operations panel, the
 * outcome in a toast) on the file as saved: the stack view's own Up saves its editor first. Down removes containers
 * and networks, so it stays in the stack view, behind its plan.
 */
export function stackActions(engineId: string, stack: StackRow): PaletteAction[] {
  const open = { id: 'open', label: 'Open the stack', shortcut: 'list.open' as const, run: () => nav().open(stack.key, null, 'stacks', engineId) };
  const path = stack.path;
  const noFile = path === null ? 'no compose file is known for it (open it to choose one)' : stack.missing ? 'its compose file is missing' : undefined;
  const deployed = stack.containers.length > 0;
  // As the stack view: a deployed stack's project name is the one its containers carry; else main's saved options.
  const compose = (action: StackAction) => () => {
    if (path === null) return;
    runStackAction({ engineId, stackKey: stack.key, stackName: stack.name, path, ...(deployed ? { projectName: stack.name } : {}), action });
  };
  const running = stack.running > 0;
  return [
    open,
    { id: 'up', label: deployed ? 'Up (apply the saved file)' : 'Up (deploy)', ...(noFile ? { disabled: noFile } : {}), run: compose('up') },
    { id: 'restart', label: 'Restart', ...(noFile ? { disabled: noFile } : !running ? { disabled: 'nothing of it runs' } : {}), run: compose('restart') },
    { id: 'stop', label: 'Stop', ...(noFile ? { disabled: noFile } : !running ? { disabled: 'nothing of it runs' } : {}), run: compose('stop') },
    { id: 'pull', label: 'Pull its images', ...(noFile ? { disabled: noFile } : {}), run: compose('pull') },
    { id: 'down', label: 'Down… (in the stack view, with its plan)', danger: true, ...(deployed ? {} : { disabled: 'nothing of it is deployed' }), run: open.run },
  ];
}

export function actionsFor(obj: PaletteObject): PaletteAction[] {
  switch (obj.kind) {
    case 'container':
      return containerActions(obj.container);
    case 'image':
      return imageActions(obj.image);
    case 'volume': {
      const volume = obj.volume;
      return [
        { id: 'show', label: 'Show in Volumes', shortcut: 'list.open', run: () => goToList('volumes', volume.engineId) },
        { id: 'backup', label: 'Back up to a file…', run: () => openPaletteDialog({ kind: 'volume', dialog: { kind: 'backup', volume } }) },
        { id: 'clone', label: 'Clone…', run: () => openPaletteDialog({ kind: 'volume', dialog: { kind: 'clone', volume } }) },
        { id: 'restore', label: 'Restore from a file…', run: () => openPaletteDialog({ kind: 'volume', dialog: { kind: 'restore', volume } }) },
        { id: 'remove', label: 'Remove…', danger: true, run: () => openPaletteDialog({ kind: 'volume', dialog: { kind: 'remove', volume } }) },
      ];
    }
    case 'network': {
      const network = obj.network;
      const builtIn = network.builtIn ? 'the engine’s own network' : undefined;
      return [
        { id: 'show', label: 'Show in Networks', shortcut: 'list.open', run: () => goToList('networks', network.engineId) },
        { id: 'connect', label: 'Connect a container…', run: () => openPaletteDialog({ kind: 'network', dialog: { kind: 'connect', network } }) },
        { id: 'disconnect', label: 'Disconnect a container…', run: () => openPaletteDialog({ kind: 'network', dialog: { kind: 'disconnect', network } }) },
        { id: 'remove', label: 'Remove…', danger: true, ...(builtIn ? { disabled: builtIn } : {}), run: () => openPaletteDialog({ kind: 'network', dialog: { kind: 'remove', network } }) },
      ];
    }
    case 'stack':
      return stackActions(obj.engineId, obj.stack);
    case 'engine': {
      const engineId = obj.status.engineId;
      return [
        { id: 'containers', label: 'Show its containers', shortcut: 'list.open', run: () => goToList('containers', engineId) },
        { id: 'images', label: 'Show its images', run: () => goToList('images', engineId) },
        { id: 'settings', label: 'Engine settings', run: () => nav().go('settings') },
      ];
    }
  }
}
