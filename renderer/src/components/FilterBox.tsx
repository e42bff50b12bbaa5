import { Search, X } from 'lucide-react';

interface FilterBoxProps {
  value: string;
  onChange(value: string): void;
  placeholder: string;
  /** Names the box for screen readers and tests ("Filter containers"). */
  label: string;
}

/** The filter box of a list page: a search icon, Escape or × clears it. Styled by `.search-box` (containers.css). */
export function FilterBox({ value, onChange, placeholder, label }: FilterBoxProps) {
  return (
    <div className="search-box">
      <Search size={14} aria-hidden className="search-icon" />
      <input
        className="input"
        type="search"
        placeholder={placeholder}
        aria-label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && onChange('')}
      />
      {value && (
        <button type="button" className="icon-btn search-clear" aria-label="Clear filter" onClick={() => onChange('')}>
          <X size={13} />
        </button>
      )}
    </div>
  );
}
