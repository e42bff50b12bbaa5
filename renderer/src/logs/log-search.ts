import { hasAnsi, stripAnsi } from './ansi';
import { SeqList, type LogBuffer } from './log-buffer';

export interface LogQuery {
  text: string;
  regex: boolean;
  caseSensitive: boolean;
}

/** Only this much of a line is searched, so one 1 MB line cannot stall a search. */
export const SEARCH_CHARS = 65_536;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The query as a RegExp (null when empty), or the reason a regex does not compile. */
export function compileQuery(q: LogQuery): { matcher: RegExp | null; error: string | null } {
  if (!q.text) return { matcher: null, error: null };
  const flags = q.caseSensitive ? '' : 'i';
  try {
    return { matcher: new RegExp(q.regex ? q.text : escapeRegExp(q.text), flags), error: null };
  } catch (err) {
    return { matcher: null, error: (err as Error).message.replace(/^Invalid regular expression: /, '') };
  }
}

/** The text a query is tested against: escapes stripped, capped. */
export function searchableText(line: string): string {
  const t = hasAnsi(line) ? stripAnsi(line) : line;
  return t.length > SEARCH_CHARS ? t.slice(0, SEARCH_CHARS) : t;
}

/** [start, end) of each match in `text` (already stripped), at most `max`; empty matches are skipped. */
export function matchRanges(matcher: RegExp, text: string, max = 100): [number, number][] {
  const g = new RegExp(matcher.source, matcher.flags.includes('g') ? matcher.flags : `${matcher.flags}g`);
  const out: [number, number][] = [];
  const limit = Math.min(text.length, SEARCH_CHARS);
  for (let m = g.exec(text); m && out.length < max && m.index < limit; m = g.exec(text)) {
    if (m[0].length === 0) {
      g.lastIndex++;
      continue;
    }
    out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

export interface ScanCriteria {
  matcher: RegExp | null;
  /** Source indexes (merged logs) the user switched off. */
  hidden: ReadonlySet<number>;
  /** Show only matching lines. */
  filter: boolean;
}

/**
 * Searches and filters a LogBuffer incrementally: `step(budgetMs)` scans until its time budget is spent and says
 * whether it caught up, so a search over a million lines runs in slices between frames and typing never waits for
 * it. New lines are scanned as they arrive; evicted ones drop out of the results.
 */
export class LogScanner {
  criteria: ScanCriteria = { matcher: null, hidden: new Set(), filter: false };
  /** Lines matching the query (among visible sources). */
  readonly hits = new SeqList();
  /** The lines shown, when not simply every line held (filter mode or hidden sources). */
  view: SeqList | null = null;
  private scanned = 0;

  constructor(private readonly buffer: LogBuffer) {}

  setCriteria(criteria: ScanCriteria): void {
    this.criteria = criteria;
    this.hits.clear();
    this.view = (criteria.filter && criteria.matcher) || criteria.hidden.size > 0 ? new SeqList() : null;
    this.scanned = this.buffer.first;
  }

  get active(): boolean {
    return this.criteria.matcher !== null || this.view !== null;
  }

  get done(): boolean {
    return !this.active || this.scanned >= this.buffer.next;
  }

  /** 0..1 of the held lines scanned. */
  get progress(): number {
    const { first, next } = this.buffer;
    return next === first ? 1 : Math.min(1, Math.max(0, (this.scanned - first) / (next - first)));
  }

  /** Scans for at most `budgetMs`; true when every held line has been scanned. */
  step(budgetMs: number, now: () => number = () => performance.now()): boolean {
    const b = this.buffer;
    this.hits.dropBelow(b.first);
    this.view?.dropBelow(b.first);
    if (!this.active) {
      this.scanned = b.next;
      return true;
    }
    if (this.scanned < b.first) this.scanned = b.first;
    const { matcher, hidden, filter } = this.criteria;
    const view = this.view;
    const checkHidden = hidden.size > 0;
    const deadline = now() + budgetMs;
    let seq = this.scanned;
    const end = b.next;
    while (seq < end) {
      const stop = Math.min(end, seq + 2048);
      for (; seq < stop; seq++) {
        if (checkHidden && hidden.has(b.source(seq))) continue;
        let hit = false;
        if (matcher) {
          hit = b.isMarker(seq) ? false : matcher.test(searchableText(b.text(seq)));
          if (hit) this.hits.push(seq);
        }
        if (view && (!filter || !matcher || hit || b.isMarker(seq))) view.push(seq);
      }
      if (now() >= deadline) break;
    }
    this.scanned = seq;
    return seq >= b.next;
  }

  /** How many rows the viewer shows. */
  rowCount(): number {
    return this.view ? this.view.length : this.buffer.size;
  }

  /** The line at a row. */
  seqAt(row: number): number {
    return this.view ? this.view.at(row) : this.buffer.first + row;
  }

  /** The row of a line, or of the next shown line after it. */
  rowOf(seq: number): number {
    return this.view ? this.view.indexOf(seq) : Math.max(0, seq - this.buffer.first);
  }
}
