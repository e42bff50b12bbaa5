import { Search, X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { claimFilterTyping } from '../keymap/filter-typeahead';
import './filter-box.css';

interface FilterBoxProps {
  value: string;
  onChange(value: string): void;
  placeholder: string;
  /** Names the box for screen readers and tests ("Filter containers"). */
  label: string;
}

/** The filter box of a list page: a search icon, Escape or × clears it. */
export function FilterBox({ value, onChange, placeholder, label }: FilterBoxProps) {
  const ref = useRef<HTMLInputElement>(null);
  // `/` came before this box was on screen: it takes focus and what was typed meanwhile.
  useEffect(() => {
    const typed = claimFilterTyping();
    if (typed === null || !ref.current) return;
    ref.current.focus();
    if (typed) onChange(typed);
    else ref.current.select();
    // Once, when the box mounts.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return (
    <div className="search-box">
      <Search size={14} aria-hidden className="search-icon" />
      <input
        ref={ref}
        className="input"
        type="search"
        placeholder={placeholder}
        aria-label={label}
        // `/` focuses it (the keymap's filter.focus looks for this mark first).
        data-page-filter
        aria-keyshortcuts="/"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onChange('');
          // ↓ or Enter go on to the list the filter narrowed (its first row), where Enter opens one.
          if (e.key === 'ArrowDown' || e.key === 'Enter') {
            const list = e.currentTarget.closest('.page')?.querySelector<HTMLElement>('[data-keyboard-list]');
            if (list) {
              e.preventDefault();
              list.focus();
            }
          }
        }}
      />
      {value && (
        <button type="button" className="icon-btn search-clear" aria-label="Clear filter" onClick={() => onChange('')}>
          <X size={13} />
        </button>
      )}
    </div>
  );
}
