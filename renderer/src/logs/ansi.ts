/**
 * ANSI escapes in log lines: SGR (colours, bold, …) becomes styles; every other escape (cursor moves, OSC titles,
 * …) is dropped. A small parser of our own rather than `anser`/`ansi_up`: those return HTML strings or their own
 * class names, while the viewer needs plain segments it can highlight search matches in; and search must strip
 * exactly what the renderer strips so match offsets line up — `stripAnsi` and `parseAnsi` share one pattern.
 * Colours 0–15 are theme variables (`--ansi-N`), 16–255 and 24-bit are rgb().
 */

export interface AnsiStyle {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
  strike?: boolean;
}

export interface AnsiSegment {
  text: string;
  style: AnsiStyle | null;
}

// CSI … final byte | OSC … (BEL | ST | end) | a two-byte escape | a lone ESC.
// eslint-disable-next-line no-control-regex
const ESCAPE = /\x1b(?:\[([0-?]*)[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_]|)/g;

export function hasAnsi(text: string): boolean {
  return text.includes('\x1b');
}

/** The text a person sees: every escape removed. */
export function stripAnsi(text: string): string {
  return hasAnsi(text) ? text.replace(ESCAPE, '') : text;
}

function color256(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
  if (n < 16) return `var(--ansi-${n})`;
  if (n >= 232) {
    const v = 8 + (n - 232) * 10;
    return `rgb(${v},${v},${v})`;
  }
  const i = n - 16;
  const level = (c: number) => (c === 0 ? 0 : 55 + c * 40);
  return `rgb(${level(Math.floor(i / 36))},${level(Math.floor(i / 6) % 6)},${level(i % 6)})`;
}

/** Applies one SGR parameter list (the part between `ESC[` and `m`) to a style. */
export function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  let s: AnsiStyle = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c === 0) s = {};
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 3) s.italic = true;
    else if (c === 4) s.underline = true;
    else if (c === 7) s.inverse = true;
    else if (c === 9) s.strike = true;
    else if (c === 22) s.bold = s.dim = false;
    else if (c === 23) s.italic = false;
    else if (c === 24) s.underline = false;
    else if (c === 27) s.inverse = false;
    else if (c === 29) s.strike = false;
    else if (c >= 30 && c <= 37) s.fg = `var(--ansi-${c - 30})`;
    else if (c === 39) delete s.fg;
    else if (c >= 40 && c <= 47) s.bg = `var(--ansi-${c - 40})`;
    else if (c === 49) delete s.bg;
    else if (c >= 90 && c <= 97) s.fg = `var(--ansi-${c - 90 + 8})`;
    else if (c >= 100 && c <= 107) s.bg = `var(--ansi-${c - 100 + 8})`;
    else if (c === 38 || c === 48) {
      const mode = codes[i + 1];
      let value: string | undefined;
      if (mode === 5) {
        value = color256(codes[i + 2]!);
        i += 2;
      } else if (mode === 2) {
        const [r, g, b] = [codes[i + 2], codes[i + 3], codes[i + 4]].map((v) => Math.max(0, Math.min(255, v ?? 0)));
        value = `rgb(${r},${g},${b})`;
        i += 4;
      }
      if (value) s[c === 38 ? 'fg' : 'bg'] = value;
    }
  }
  return s;
}

const isPlain = (s: AnsiStyle) => !s.fg && !s.bg && !s.bold && !s.dim && !s.italic && !s.underline && !s.inverse && !s.strike;

/** Segments of text with their style; the concatenated texts equal `stripAnsi(text)`. */
export function parseAnsi(text: string): AnsiSegment[] {
  if (!hasAnsi(text)) return [{ text, style: null }];
  const out: AnsiSegment[] = [];
  let style: AnsiStyle = {};
  let last = 0;
  const push = (piece: string) => {
    if (piece) out.push({ text: piece, style: isPlain(style) ? null : style });
  };
  ESCAPE.lastIndex = 0;
  for (let m = ESCAPE.exec(text); m; m = ESCAPE.exec(text)) {
    push(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[0].endsWith('m') && m[0].startsWith('\x1b[') && m[1] !== undefined) style = applySgr(style, m[1]);
  }
  push(text.slice(last));
  return out;
}
