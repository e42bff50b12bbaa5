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
