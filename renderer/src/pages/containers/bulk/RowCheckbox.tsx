import { useSelection } from './selection-store';
import './bulk.css';

/** Ticks a container (by object key) for a bulk action. Reads only its own state: ticking one row re-renders one row. */
export function RowCheckbox({ id, name }: { id: string; name: string }) {
  const checked = useSelection((s) => s.checked.has(id));
  const toggle = useSelection((s) => s.toggle);
  return (
    <input
      type="checkbox"
      className="row-check"
      aria-label={`Select ${name}`}
      checked={checked}
      onClick={(e) => e.stopPropagation()}
      onChange={() => toggle(id)}
    />
  );
}
