import { useEffect, useRef } from 'react';
import { useSelection } from './selection-store';

/**
 * The Name column header's box: ticks every container the list shows now (what the filter and folded groups leave),
 * or, when all of them are ticked, unticks them. Half-ticked when some are. Containers ticked before and filtered
 * out stay ticked (the bulk bar counts them).
 */
export function SelectAllCheckbox({ keys }: { keys: readonly string[] }) {
  const ticked = useSelection((s) => {
    let n = 0;
    for (const k of keys) if (s.checked.has(k)) n++;
    return n;
  });
  const setChecked = useSelection((s) => s.setChecked);
  const ref = useRef<HTMLInputElement>(null);
  const all = keys.length > 0 && ticked === keys.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = ticked > 0 && !all;
  }, [ticked, all]);
  const label = all ? `Untick all ${keys.length} shown` : `Select all ${keys.length} shown`;
  return (
    <input
      ref={ref}
      type="checkbox"
      className="row-check"
      aria-label={label}
      title={label}
      checked={all}
      disabled={keys.length === 0}
      tabIndex={-1}
      onClick={(e) => e.stopPropagation()}
      onChange={() => setChecked(keys, !all)}
    />
  );
}
