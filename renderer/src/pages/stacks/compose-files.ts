/**
 * The stack options' files list (one path per line) with `chosen` added at the end, once. An empty list means
 * compose's own choice (the stack's file), and `-f` replaces that choice, so the stack's file goes first: adding an
 * override keeps the base.
 */
export function addComposeFile(text: string, chosen: string, stackFile: string): string {
  const current = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const next = current.length === 0 && chosen !== stackFile ? [stackFile] : current;
  return (next.includes(chosen) ? next : [...next, chosen]).join('\n');
}
