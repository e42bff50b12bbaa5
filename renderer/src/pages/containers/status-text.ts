import { STATUS_AGE } from '../../../../preload/contract/container-constants';

/**
 * The engine's status line ("Up 3 minutes (healthy)", "Exited (137) About an hour ago") in the width of a list
 * cell: durations in short units, and without what other columns already say (health, paused). The list keeps the
 * engine's own words in the cell's tooltip.
 */
const UNITS: [RegExp, string][] = [
  [/^seconds?$/, 's'],
  [/^minutes?$/, 'min'],
  [/^hours?$/, 'h'],
  [/^days?$/, 'd'],
  [/^weeks?$/, 'wk'],
  [/^months?$/, 'mo'],
  [/^years?$/, 'y'],
];

function shortDuration(text: string): string {
  return text
    .replace(/\bLess than a second\b/i, '<1 s')
    .replace(/\bAbout an? (\w+)\b/i, (_m, unit: string) => `1 ${unit}`)
    .replace(/\ban? (\w+)\b/i, (m, unit: string) => (UNITS.some(([re]) => re.test(unit)) ? `1 ${unit}` : m))
    .replace(/\b(\d+|1) ([a-z]+)\b/gi, (m, n: string, unit: string) => {
      const found = UNITS.find(([re]) => re.test(unit.toLowerCase()));
      return found ? `${n} ${found[1]}` : m;
    });
}

export function compactStatus(status: string): string {
  const withoutExtras = status
    .replace(/\s*\((healthy|unhealthy|health: starting)\)\s*$/i, '')
    .replace(/\s*\(Paused\)\s*$/i, '');
  return shortDuration(withoutExtras).trim();
}

/** go-units' HumanDuration, the words `docker ps` uses: "Less than a second", "About a minute", "6 minutes", … */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/**
 * The status as `docker ps` would say it `now`: the engine's words, with their age counted from `since` (when the
 * status began) instead of from when the list was read.
 */
export function liveStatus(status: string, since: number | null, now: number): string {
  if (since === null) return status;
  const m = STATUS_AGE.exec(status);
  if (!m) return status;
  return `${m[1]}${humanDuration(Math.max(0, now - since))}${m[3] ?? ''}${m[4] ?? ''}`;
}

/**
 * How often a list whose newest age began at `newest` (a status's start, a creation; ms since epoch) needs a fresh
 * clock: every 5 s while an age counts seconds, every 15 s while the newest counts minutes (an age in minutes is at
 * most 15 s late), every minute after. Each tick renders the list again, and with ages that change on different
 * seconds, nearly every tick changes some row and draws the page again.
 */
export function ageTickMs(newest: number | null, now: number): number {
  if (newest === null) return 60_000;
  const age = now - newest;
  if (age < 60_000) return 5_000;
  if (age < 3_600_000) return 15_000;
  return 60_000;
}
