import { useLayoutEffect, useRef } from 'react';
import { ChevronDown, ChevronRight, ExternalLink, LoaderCircle, MoreHorizontal, Play, RotateCw, ScrollText, Square, Trash2, type LucideIcon } from 'lucide-react';

/**
 * Icons that every row of a long list repeats (container rows, compose group headers): each is one empty element
 * whose shape is a CSS mask, drawn in the text colour. A Lucide SVG is an <svg> and its paths with ten attributes
 * each; an <svg><use> of a sprite is two elements plus the copy of the symbol the browser makes for each use (an
 * <svg> and its paths again). A full container row has five or six icons: as masks, a row is about half the nodes
 * to create when it scrolls in or is filled in, and to take away when a filter key replaces the rows.
 * The masks are the same Lucide icons, made once from `IconSprite` (mounted once by the app), so they look the same.
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

export function SpriteIcon({ name, size, className }: { name: SpriteIconName; size: number; className?: string }) {
  return <i className={className ? `sprite-icon ${className}` : 'sprite-icon'} data-icon={name} style={{ width: size, height: size }} aria-hidden="true" />;
}

/**
 * The icons, once per document: Lucide's components drawn out of sight, then each made into a mask image for the
 * `[data-icon]` elements SpriteIcon draws (a style element; the page's policy allows data: images and inline styles).
 */
export function IconSprite() {
  const ref = useRef<SVGSVGElement>(null);
  useLayoutEffect(() => {
    const style = document.createElement('style');
    style.dataset.berthIcons = '';
    style.textContent = maskRules(ref.current);
    document.head.appendChild(style);
    return () => style.remove();
  }, []);
  return (
    <svg ref={ref} className="icon-sprite" width="0" height="0" aria-hidden="true" focusable="false">
      {Object.entries(SPRITE).map(([name, Icon]) => (
        <Icon key={name} data-icon={name} size={24} />
      ))}
    </svg>
  );
}

/** The attributes of a Lucide drawing, with Lucide's defaults. */
const DRAWING = { viewBox: '0 0 24 24', fill: 'none', 'stroke-width': '2', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' };

/** One rule per icon: its Lucide drawing (in the sprite) as the mask of `.sprite-icon[data-icon=<name>]`. */
export function maskRules(sprite: SVGSVGElement | null): string {
  if (!sprite) return '';
  const rules: string[] = [];
  for (const name of Object.keys(SPRITE)) {
    const icon = sprite.querySelector(`svg[data-icon="${name}"]`);
    if (!icon) continue;
    // The icon's own attributes (Lucide's: no fill, a round stroke of 2) with its shapes; the mask takes its alpha, so
    // the stroke's colour does not matter.
    const attrs = Object.entries(DRAWING).map(([a, byDefault]) => `${a}="${icon.getAttribute(a) ?? byDefault}"`).join(' ');
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" ${attrs} stroke="black">${icon.innerHTML}</svg>`;
    rules.push(`.sprite-icon[data-icon="${name}"]{--sprite-icon:url("data:image/svg+xml,${encodeURIComponent(svg)}")}`);
  }
  return rules.join('\n');
}
