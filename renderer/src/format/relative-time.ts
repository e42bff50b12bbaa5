const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

const UNITS = [
  { ms: YEAR, long: 'year', short: 'y' },
  { ms: MONTH, long: 'month', short: 'mo' },
  { ms: DAY, long: 'day', short: 'd' },
  { ms: HOUR, long: 'hour', short: 'h' },
  { ms: MINUTE, long: 'minute', short: 'min' },
] as const;

/**
 * "just now", "5 minutes ago", "3 days ago": the way `docker ps` says when a container was created. `short` is
 * for narrow list cells: "5 min ago", "3 d ago".
 */
export function formatRelativeTime(then: number, now: number, style: 'long' | 'short' = 'long'): string {
  const elapsed = Math.max(0, now - then);
  for (const unit of UNITS) {
    if (elapsed < unit.ms) continue;
    const n = Math.floor(elapsed / unit.ms);
    if (style === 'short') return `${n} ${unit.short} ago`;
    return `${n} ${unit.long}${n === 1 ? '' : 's'} ago`;
  }
  return 'just now';
}

/** Seconds left until `at`, never negative, rounded up so a countdown does not show 0 while still waiting. */
export function secondsUntil(at: number, now: number): number {
  return Math.max(0, Math.ceil((at - now) / 1000));
}

// What Date#toLocaleString() gives, from one formatter: toLocaleString builds a new Intl.DateTimeFormat on every
// call, and lists and detail pages format many.
let localeFormat: Intl.DateTimeFormat | null = null;

/** The absolute date and time in the user's locale, e.g. for a tooltip beside a relative time. */
export function formatLocalDateTime(ms: number): string {
  localeFormat ??= new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  return localeFormat.format(ms);
}

/**
 * For a tooltip with the absolute time on an element showing a relative one: sets `title` when the pointer first
 * enters, because the first Intl formatter of a page costs 6–15 ms (ICU loads its locale data), which a list's
 * first render would otherwise pay for tooltips nobody has asked for yet.
 */
export function titleOnHover(ms: number): { onPointerEnter: (e: { currentTarget: HTMLElement }) => void } {
  return {
    onPointerEnter: (e) => {
      e.currentTarget.title = formatLocalDateTime(ms);
    },
  };
}
