import { parseAnsi, type AnsiStyle } from './ansi';
import { matchRanges } from './log-search';

/** Characters drawn for one line until the user expands it (a 1 MB line stays one cheap row). */
export const DISPLAY_CHARS = 2_000;
/** An expanded line draws this much; Copy / Download give the whole text. */
export const EXPANDED_CHARS = 100_000;

export interface LinePiece {
  text: string;
  style: AnsiStyle | null;
  hit: boolean;
}

/**
 * What a row draws: the (capped) line cut into ANSI-styled pieces, with search matches marked. Matches are found
 * in the stripped text, which is exactly the concatenation of the ANSI segments.
 */
export function linePieces(text: string, matcher: RegExp | null, cap: number): LinePiece[] {
  const shown = text.length > cap ? text.slice(0, cap) : text;
  const segments = parseAnsi(shown);
  if (!matcher) return segments.map((s) => ({ text: s.text, style: s.style, hit: false }));
  const plain = segments.length === 1 ? segments[0]!.text : segments.map((s) => s.text).join('');
  const ranges = matchRanges(matcher, plain);
  if (ranges.length === 0) return segments.map((s) => ({ text: s.text, style: s.style, hit: false }));
  const out: LinePiece[] = [];
  let at = 0; // offset of the current segment in `plain`
  let r = 0;
  for (const seg of segments) {
    const end = at + seg.text.length;
    let pos = at;
    while (pos < end) {
      while (r < ranges.length && ranges[r]![1] <= pos) r++;
      const range = ranges[r];
      if (!range || range[0] >= end) {
        out.push({ text: seg.text.slice(pos - at), style: seg.style, hit: false });
        pos = end;
      } else if (range[0] > pos) {
        out.push({ text: seg.text.slice(pos - at, range[0] - at), style: seg.style, hit: false });
        pos = range[0];
      } else {
        const stop = Math.min(end, range[1]);
        out.push({ text: seg.text.slice(pos - at, stop - at), style: seg.style, hit: true });
        pos = stop;
      }
    }
    at = end;
  }
  return out;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Local time as `MM-DD HH:MM:SS.mmm`. */
export function formatLogTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** ISO-8601 with microseconds, for downloads and tooltips. */
export function isoTime(ms: number): string {
  const iso = new Date(Math.floor(ms)).toISOString();
  const micros = Math.round((ms - Math.floor(ms)) * 1000);
  return `${iso.slice(0, 23)}${pad(micros, 3)}Z`;
}

export function formatSize(chars: number): string {
  if (chars < 1024) return `${chars} chars`;
  if (chars < 1024 * 1024) return `${(chars / 1024).toFixed(0)} KB`;
  return `${(chars / 1024 / 1024).toFixed(1)} MB`;
}
