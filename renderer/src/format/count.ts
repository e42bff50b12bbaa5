/** "1 volume", "3 volumes", "0 volumes": a number and its noun, singular only for one. `plural` for irregular nouns. */
export function countOf(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
