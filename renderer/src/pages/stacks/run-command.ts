import { splitShellWords } from '../containers/run-dialog/shell-words';

/**
 * A pasted `docker run …` command → its words, as a POSIX shell would split them (quotes, escapes), with the
 * backslash-newline continuations of multi-line commands joined first. Null while a quote is still open.
 */
export function runCommandWords(text: string): string[] | null {
  const joined = text.replace(/\\\r?\n/g, ' ').replace(/\r?\n/g, ' ').trim();
  return joined ? splitShellWords(joined) : null;
}
