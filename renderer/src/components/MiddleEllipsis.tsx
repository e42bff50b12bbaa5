import type { ReactNode } from 'react';
import { nameParts } from './middle-ellipsis';
import './middle-ellipsis.css';

/**
 * A name whose start gives way ("…") and whose end stays whole when its column is too narrow (middle-ellipsis.ts).
 * Uses no hooks: a list row may call it as a function, without a component of its own. The text is whole in the DOM
 * (copying, find in page, the accessible name); only the view ellipsizes it.
 */
export function MiddleEllipsis({ text }: { text: string }): ReactNode {
  const parts = nameParts(text);
  if (!parts) return text;
  return (
    <span className="mid-ellipsis">
      <span className="mid-head">{parts[0]}</span>
      <span className="mid-tail">{parts[1]}</span>
    </span>
  );
}
