import { Boxes, ChevronRight, Container, HardDrive, Layers, Network, Server, SquareTerminal, type LucideIcon } from 'lucide-react';
import { memo, type ReactElement, type ReactNode } from 'react';
import { ShortcutKeys } from '../keymap/Kbd';
import type { ShortcutId } from '../keymap/keymap';
import { EngineDot } from '../shell/EngineDot';
import { commandById } from './palette-commands';
import type { PaletteHit, PaletteKind } from './palette-index';

/** One result row of the command palette, and the parts it is drawn from (CommandPalette.tsx lays out the list). */
export const KIND: Record<PaletteKind, { icon: LucideIcon; label: string }> = {
  container: { icon: Container, label: 'Container' },
  image: { icon: Layers, label: 'Image' },
  volume: { icon: HardDrive, label: 'Volume' },
  network: { icon: Network, label: 'Network' },
  stack: { icon: Boxes, label: 'Stack' },
  engine: { icon: Server, label: 'Engine' },
  command: { icon: SquareTerminal, label: 'Command' },
};

/**
 * A result row's fixed parts, made once: React skips an element it is given again, so a keystroke that puts another
 * volume in a row does not draw its icon, its kind and its chevron again (palette-5000: each icon re-rendered was an
 * SVG rebuilt by lucide on every keystroke, 30 rows at a time).
 */
const ROW_PARTS = Object.fromEntries(
  Object.entries(KIND).map(([kind, { icon: Icon, label }]) => [
    kind,
    { icon: <Icon size={15} aria-hidden className="palette-option-icon" />, label: <span className="palette-kind">{label}</span> },
  ]),
) as Record<PaletteKind, { icon: ReactElement; label: ReactElement }>;
const MORE = <ChevronRight size={14} aria-hidden className="palette-option-more" />;
const shortcutCaps = new Map<ShortcutId, ReactElement>();
export const shortcutOf = (id: ShortcutId) => shortcutCaps.get(id) ?? shortcutCaps.set(id, <ShortcutKeys id={id} />).get(id)!;

export const optionId = (key: string) => `palette-option-${key.replace(/[^a-zA-Z0-9_-]/g, '_')}`;

/** The title with the matched letters marked; the letters between are plain text, not elements. */
function Highlighted({ text, indexes }: { text: string; indexes: readonly number[] }) {
  if (indexes.length === 0) return <>{text}</>;
  const parts: ReactNode[] = [];
  let from = 0;
  for (let i = 0; i < indexes.length; ) {
    const start = indexes[i]!;
    let end = start + 1;
    while (++i < indexes.length && indexes[i] === end) end++;
    if (start > from) parts.push(text.slice(from, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    from = end;
  }
  if (from < text.length) parts.push(text.slice(from));
  return <>{parts}</>;
}

interface ResultRowProps {
  hit: PaletteHit;
  active: boolean;
  engineName: string | null;
  onPick(key: string): void;
  onHover(key: string): void;
}

export const ResultRow = memo(function ResultRow({ hit, active, engineName, onPick, onHover }: ResultRowProps) {
  const { entry } = hit;
  const parts = ROW_PARTS[entry.kind];
  const command = entry.commandId ? commandById(entry.commandId) : undefined;
  const state = entry.object?.kind === 'container' ? entry.object.container.state : undefined;
  return (
    <li
      id={optionId(entry.key)}
      role="option"
      aria-selected={active}
      className={`palette-option${active ? ' active' : ''}`}
      data-kind={entry.kind}
      data-key={entry.key}
      data-engine={entry.engineId ?? undefined}
      {...(state ? { 'data-state': state } : {})}
      onMouseMove={() => onHover(entry.key)}
      onClick={() => onPick(entry.key)}
    >
      {parts.icon}
      <span className="palette-option-text">
        <span className="palette-option-title">
          <Highlighted text={entry.title} indexes={hit.titleIndexes} />
        </span>
        {entry.detail && <span className="palette-option-detail">{entry.detail}</span>}
      </span>
      {engineName && entry.engineId && (
        <span className="palette-engine">
          <EngineDot engineId={entry.engineId} />
          {engineName}
        </span>
      )}
      {command?.shortcut ? shortcutOf(command.shortcut) : parts.label}
      {entry.object && MORE}
    </li>
  );
}, sameRow);

/** A row draws the same while its entry, its marked letters and its highlight are the same (most rows, key to key). */
function sameRow(a: ResultRowProps, b: ResultRowProps): boolean {
  if (a.hit.entry !== b.hit.entry || a.active !== b.active || a.engineName !== b.engineName || a.onPick !== b.onPick || a.onHover !== b.onHover) return false;
  const x = a.hit.titleIndexes;
  const y = b.hit.titleIndexes;
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
