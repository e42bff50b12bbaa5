import type { ReactNode } from 'react';
import { nameParts } from './middle-ellipsis';
import './middle-ellipsis.css';

/**
 * A name whose start gives way ("…") and whose end stays whole when its element is too narrow (middle-ellipsis.ts):
 * the element's class (`mid-ellipsis` for a split name, added to its own) and its content. The element holds the two
 * parts itself, no wrapper of their own: a list row has one element fewer to make, style and lay out. Uses no hooks
 * (a list row calls it while rendering). The text is whole in the DOM (copying, find in page); the view ellipsizes it.
 */
export function middleEllipsis(text: string): { className: string; content: ReactNode } {
  // Made once a name: a recycled row shows name after name while a list scrolls, and the same element for the same
  // name lets React skip its two parts when the row renders again.
  let made = madeFor.get(text);
  if (made) return made;
  const parts = nameParts(text);
  made = parts
    ? {
        className: ' mid-ellipsis',
        content: (
          <>
            <span className="mid-head">{parts[0]}</span>
            <span className="mid-tail">{parts[1]}</span>
          </>
        ),
      }
    : { className: '', content: text };
  if (madeFor.size >= MADE_MOST) madeFor.clear();
  madeFor.set(text, made);
  return made;
}

/** Names whose split is kept: more than a list of 5,000 containers, 1,000 volumes and their networks shows. */
const MADE_MOST = 10_000;
const madeFor = new Map<string, { className: string; content: ReactNode }>();

/**
 * A name that gives way in the middle, in an element of class `className` that is not a link (a volume's or a
 * network's name in its list). Split in two flex items, the name would read as two words to a screen reader, and an
 * element without a role cannot be named by a label: the split copy is hidden from screen readers, which read the
 * whole name from a copy hidden from view instead. Uses no hooks.
 */
export function MiddleEllipsisText({ text, className }: { text: string; className: string }): ReactNode {
  const { className: split, content } = middleEllipsis(text);
  if (!split) return <span className={className}>{text}</span>;
  return (
    <>
      <span className={className + split} aria-hidden="true">
        {content}
      </span>
      <span className="visually-hidden">{text}</span>
    </>
  );
}
