import type { PageId } from '../shell/pages';
import { formatSequence, type Platform } from './keys';

/**
 * The one keymap: every shortcut Berth has, with the words that describe it. The dispatcher, the command palette,
 * the `?` sheet, tooltips and menus all read their keys from here, so they cannot disagree. Adding a shortcut: an
 * entry here, then `useShortcuts({ id: handler })` where it acts.
 */
export type ShortcutSection = 'General' | 'Go to' | 'Lists' | 'Containers' | 'Images' | 'Volumes' | 'Networks' | 'Logs';

export interface Shortcut {
  /** Sequences (`Mod+K`, `g i`); the first is the one shown where only one fits. */
  keys: readonly string[];
  label: string;
  section: ShortcutSection;
  /**
   * `fields`: also while a text field has focus (a chord with Mod, or F1, types nothing). Never while the terminal
   * or a code editor has focus, or while a dialog is open. Without it: only when focus is not in a field.
   */
  fields?: boolean;
}

const GO_KEYS: Record<PageId, string> = {
  containers: 'g c',
  images: 'g i',
  volumes: 'g v',
  networks: 'g n',
  disk: 'g d',
  stacks: 'g s',
  events: 'g e',
  settings: 'g ,',
};

const GO_LABELS: Record<PageId, string> = {
  containers: 'Containers',
  images: 'Images',
  volumes: 'Volumes',
  networks: 'Networks',
  disk: 'Disk usage',
  stacks: 'Stacks',
  events: 'Events',
  settings: 'Settings',
};

export type GoShortcutId = `go.${PageId}`;

const goShortcuts = {} as Record<GoShortcutId, Shortcut>;
for (const page of Object.keys(GO_KEYS) as PageId[]) {
  goShortcuts[`go.${page}`] = { keys: [GO_KEYS[page]], label: GO_LABELS[page], section: 'Go to' };
}

export const KEYMAP = {
  'palette.open': { keys: ['Mod+K', 'F1'], label: 'Command palette', section: 'General', fields: true },
  'shortcuts.sheet': { keys: ['?'], label: 'Show the shortcuts of this page', section: 'General' },
  'filter.focus': { keys: ['/'], label: "Focus the page's filter", section: 'General' },
  ...goShortcuts,

  'list.down': { keys: ['ArrowDown', 'j'], label: 'Next row', section: 'Lists' },
  'list.up': { keys: ['ArrowUp', 'k'], label: 'Previous row', section: 'Lists' },
  'list.first': { keys: ['Home'], label: 'First row', section: 'Lists' },
  'list.last': { keys: ['End'], label: 'Last row', section: 'Lists' },
  'list.open': { keys: ['Enter'], label: 'Open the row', section: 'Lists' },
  'list.toggle': { keys: ['Space'], label: 'Select the row for a bulk action (or fold a group)', section: 'Lists' },

  'container.startStop': { keys: ['s'], label: 'Start or stop', section: 'Containers' },
  'container.restart': { keys: ['r'], label: 'Restart', section: 'Containers' },
  'container.pause': { keys: ['p'], label: 'Pause or resume', section: 'Containers' },
  'container.logs': { keys: ['l'], label: 'Logs', section: 'Containers' },
  'container.terminal': { keys: ['t'], label: 'Terminal', section: 'Containers' },
  'container.inspect': { keys: ['i'], label: 'Inspect', section: 'Containers' },
  'container.remove': { keys: ['Delete', 'x'], label: 'Remove…', section: 'Containers' },

  'image.run': { keys: ['r'], label: 'Run a container…', section: 'Images' },
  'image.layers': { keys: ['Enter'], label: 'Layers and history', section: 'Images' },
  'image.inspect': { keys: ['i'], label: 'Inspect', section: 'Images' },
  'image.remove': { keys: ['Delete', 'x'], label: 'Remove…', section: 'Images' },

  'volume.browse': { keys: ['Enter'], label: 'Browse its files', section: 'Volumes' },
  'volume.backup': { keys: ['b'], label: 'Back up…', section: 'Volumes' },
  'volume.remove': { keys: ['Delete', 'x'], label: 'Remove…', section: 'Volumes' },

  'network.connect': { keys: ['c'], label: 'Connect a container…', section: 'Networks' },
  'network.remove': { keys: ['Delete', 'x'], label: 'Remove…', section: 'Networks' },

  'logs.search': { keys: ['/'], label: 'Search the log', section: 'Logs' },
  'logs.next': { keys: ['n'], label: 'Next match', section: 'Logs' },
  'logs.prev': { keys: ['N'], label: 'Previous match', section: 'Logs' },
  'logs.end': { keys: ['G'], label: 'Jump to the end', section: 'Logs' },
  'logs.follow': { keys: ['f'], label: 'Follow new lines, or stop following', section: 'Logs' },
} satisfies Record<string, Shortcut>;

export type ShortcutId = keyof typeof KEYMAP;

export const shortcut = (id: ShortcutId): Shortcut => KEYMAP[id];

export const goShortcutId = (page: PageId): GoShortcutId => `go.${page}`;

export const SECTION_ORDER: readonly ShortcutSection[] = ['General', 'Go to', 'Lists', 'Containers', 'Images', 'Volumes', 'Networks', 'Logs'];

let platform: Platform = 'other';

/** Set once at start-up from the browser; Mod is shown and matched as ⌘ on macOS, Ctrl elsewhere. */
export function setKeymapPlatform(p: Platform) {
  platform = p;
}

export const keymapPlatform = () => platform;

/** The first key of a shortcut as text (`Ctrl+K`, `⌘K`, `g then i`), for tooltips and menus. */
export const keyText = (id: ShortcutId): string => formatSequence(KEYMAP[id].keys[0]!, platform);

/** "Stop (s)": a tooltip that says the key. */
export const withKey = (label: string, id: ShortcutId): string => `${label} (${keyText(id)})`;
