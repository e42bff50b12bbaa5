import { ChevronDown, ChevronRight, ExternalLink, LoaderCircle, MoreHorizontal, Play, RotateCw, ScrollText, Square, Trash2, type LucideIcon } from 'lucide-react';

/**
 * Icons that every row of a long list repeats (container rows, compose group headers), drawn from one sprite: each
 * use is an <svg> with a <use> (2 elements, 4 attributes) instead of a full Lucide SVG (its paths and ten attributes
 * each). Scrolling 5,000 containers mounts about a dozen rows a frame, and their icons' setAttribute calls were the
 * biggest single cost of a row; a filter key that narrows them mounts a dozen group headers too.
 * The sprite holds the same Lucide icons (`IconSprite`, mounted once by the app), so they look the same.
 */
const SPRITE = {
  'chevron-down': ChevronDown,
  'chevron-right': ChevronRight,
  'external-link': ExternalLink,
  'loader-circle': LoaderCircle,
  'more-horizontal': MoreHorizontal,
  play: Play,
  'rotate-cw': RotateCw,
  'scroll-text': ScrollText,
  square: Square,
  'trash-2': Trash2,
} as const satisfies Record<string, LucideIcon>;

export type SpriteIconName = keyof typeof SPRITE;

const symbolId = (name: string) => `berth-icon-${name}`;

export function SpriteIcon({ name, size, className }: { name: SpriteIconName; size: number; className?: string }) {
  return (
    <svg className={className} width={size} height={size} aria-hidden="true" focusable="false">
      <use href={`#${symbolId(name)}`} />
    </svg>
  );
}

/** The sprite itself: once per document, out of sight and out of the accessibility tree. */
export function IconSprite() {
  return (
    <svg className="icon-sprite" width="0" height="0" aria-hidden="true" focusable="false">
      {Object.entries(SPRITE).map(([name, Icon]) => (
        <symbol key={name} id={symbolId(name)} viewBox="0 0 24 24">
          <Icon size={24} />
        </symbol>
      ))}
    </svg>
  );
}
