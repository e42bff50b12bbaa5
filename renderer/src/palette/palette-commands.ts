import { goShortcutId, type ShortcutId } from '../keymap/keymap';
import { openContainerDialog } from '../pages/containers/container-dialogs-store';
import { openImageDialog, type ImageDialog } from '../pages/images/image-dialogs-store';
import { PAGES } from '../shell/pages';
import { useNavigation } from '../stores/navigation-store';
import { resolveTheme, useThemeStore } from '../stores/theme-store';
import type { PaletteCommandInfo } from './palette-index';
import { goToList } from './palette-actions';
import { openPaletteDialog, openShortcutSheet } from './palette-store';

/** A command of the palette: something Berth does that is not about one object. */
export interface PaletteCommand extends PaletteCommandInfo {
  shortcut?: ShortcutId;
  run(): void;
}

const nav = () => useNavigation.getState();
/** The engine a "new …" command is for: the page's; on "All engines" the dialog asks (it has an engine picker). */
const pageEngine = () => nav().engineId;

function imagesDialog(dialog: ImageDialog) {
  if (nav().page !== 'images' || nav().item) goToList('images', nav().scope);
  openImageDialog(dialog);
}

function toggleTheme() {
  const { preference, setPreference } = useThemeStore.getState();
  const now = resolveTheme(preference, window.matchMedia('(prefers-color-scheme: dark)').matches);
  setPreference(now === 'dark' ? 'light' : 'dark');
}

export const PALETTE_COMMANDS: readonly PaletteCommand[] = [
  ...PAGES.map((p) => ({
    id: `go.${p.id}`,
    label: `Go to ${p.label}`,
    keywords: p.id === 'disk' ? 'system df space' : undefined,
    shortcut: goShortcutId(p.id),
    run: () => nav().go(p.id),
  })),
  {
    id: 'container.run',
    label: 'Run container…',
    keywords: 'new start docker run',
    run: () => {
      const engineId = pageEngine();
      openContainerDialog({ kind: 'run', mode: 'new', ...(engineId ? { engineId } : {}) });
    },
  },
  { id: 'image.pull', label: 'Pull image…', keywords: 'download registry', run: () => imagesDialog({ kind: 'pull' }) },
  { id: 'image.build', label: 'Build image…', keywords: 'dockerfile', run: () => imagesDialog({ kind: 'build' }) },
  { id: 'image.registries', label: 'Registries and logins…', keywords: 'login credentials', run: () => imagesDialog({ kind: 'registries' }) },
  { id: 'image.prune', label: 'Prune images…', keywords: 'clean delete unused dangling', run: () => imagesDialog({ kind: 'prune' }) },
  { id: 'stack.new', label: 'New stack…', keywords: 'compose create', run: () => openPaletteDialog({ kind: 'stack', which: 'new' }) },
  { id: 'stack.open', label: 'Open stack…', keywords: 'compose file', run: () => openPaletteDialog({ kind: 'stack', which: 'open' }) },
  { id: 'volume.create', label: 'Create volume…', keywords: 'new', run: () => openPaletteDialog({ kind: 'volume', dialog: { kind: 'create' } }) },
  { id: 'volume.prune', label: 'Prune volumes…', keywords: 'clean delete unused', run: () => openPaletteDialog({ kind: 'volume', dialog: { kind: 'prune' } }) },
  { id: 'network.create', label: 'Create network…', keywords: 'new', run: () => openPaletteDialog({ kind: 'network', dialog: { kind: 'create' } }) },
  { id: 'network.prune', label: 'Prune networks…', keywords: 'clean delete unused', run: () => openPaletteDialog({ kind: 'network', dialog: { kind: 'prune' } }) },
  { id: 'system.prune', label: 'System prune…', keywords: 'clean disk space', run: () => nav().go('disk') },
  { id: 'theme.toggle', label: 'Toggle theme', keywords: 'dark light mode', run: toggleTheme },
  { id: 'engines.all', label: 'Show all engines', keywords: 'scope every', run: () => nav().showScope(null) },
  { id: 'shortcuts', label: 'Keyboard shortcuts', keywords: 'keys help', shortcut: 'shortcuts.sheet', run: openShortcutSheet },
];

export const commandById = (id: string) => PALETTE_COMMANDS.find((c) => c.id === id);
