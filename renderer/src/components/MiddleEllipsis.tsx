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
  const parts = nameParts(text);
  if (!parts) return { className: '', content: text };
  return {
    className: ' mid-ellipsis',
    content: (
      <>
        <span className="mid-head">{parts[0]}</span>
        <span className="mid-tail">{parts[1]}</span>
      </>
    ),
  };
}

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
