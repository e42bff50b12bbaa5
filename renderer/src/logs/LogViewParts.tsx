import { ArrowDown, CaseSensitive, ChevronDown, ChevronUp, Clock, Copy, Download, Eraser, Filter, Regex, WrapText } from 'lucide-react';
import { memo, type CSSProperties, type ReactNode } from 'react';
import { DISPLAY_CHARS, EXPANDED_CHARS, formatLogTime, formatSize, isoTime, linePieces } from './log-line';

/** The log view's parts: its toolbar icons and switches, the merged view's source chips, one drawn line. */

// Built once: the toolbar re-renders every frame while following, its icons need not.
export const ICONS = {
  regex: <Regex size={15} />,
  caseSensitive: <CaseSensitive size={15} />,
  filter: <Filter size={15} />,
  up: <ChevronUp size={15} />,
  down: <ChevronDown size={15} />,
  clock: <Clock size={15} />,
  wrap: <WrapText size={15} />,
  copy: <Copy size={15} />,
  download: <Download size={15} />,
  downloadSmall: <Download size={13} />,
  clear: <Eraser size={15} />,
  jump: <ArrowDown size={14} />,
};

/** Merged logs: a source's label is cut to this many characters. */
export const MAX_LABEL_CHARS = 24;

export interface LogSourceLabel {
  label: string;
  /** 0..7: which of the --log-src-N colours */
  color: number;
}

/** Merged logs: a chip per container, pressed while its lines are shown. */
export function LogSources({ containerIds, labels, hidden, onChange }: { containerIds: readonly string[]; labels: ReadonlyMap<string, LogSourceLabel>; hidden: ReadonlySet<string>; onChange(hidden: ReadonlySet<string>): void }) {
  return (
    <div className="log-sources" role="group" aria-label="Containers shown">
      {containerIds.map((id) => {
        const l = labels.get(id);
        const off = hidden.has(id);
        const toggle = () => {
          const next = new Set(hidden);
          if (off) next.delete(id);
          else next.add(id);
          onChange(next);
        };
        return (
          <button key={id} type="button" className={`log-source-chip src-${l?.color ?? 0}`} aria-pressed={!off} data-testid="log-source" onClick={toggle}>
            <span className="log-source-dot" aria-hidden />
            {l?.label ?? id.slice(0, 12)}
          </button>
        );
      })}
    </div>
  );
}

/** A toolbar switch of the log view (regex, case, filter, timestamps, wrap). */
export function Toggle({ on, set, label, children }: { on: boolean; set: (v: boolean) => void; label: string; children: ReactNode }) {
  return (
    <button type="button" className={`icon-btn log-toggle${on ? ' on' : ''}`} aria-pressed={on} aria-label={label} title={label} onClick={() => set(!on)}>
      {children}
    </button>
  );
}

interface LogRowProps {
  seq: number;
  text: string;
  time: number;
  stderr: boolean;
  marker: boolean;
  label: LogSourceLabel | undefined;
  timestamps: boolean;
  matcher: RegExp | null;
  current: boolean;
  expanded: boolean;
  onToggle(seq: number): void;
  onCopy(seq: number): void;
}

/** One drawn log line: time, source label, ANSI-coloured text with the search's marks, cut long lines. */
export const LogRow = memo(function LogRow({ seq, text, time, stderr, marker, label, timestamps, matcher, current, expanded, onToggle, onCopy }: LogRowProps) {
  const long = text.length > DISPLAY_CHARS;
  const rest = long ? text.length - Math.min(text.length, expanded ? EXPANDED_CHARS : DISPLAY_CHARS) : 0;
  const pieces = marker ? null : linePieces(text, matcher, expanded ? EXPANDED_CHARS : DISPLAY_CHARS);
  return (
    <div
      className={`log-row${stderr ? ' stderr' : ''}${marker ? ' marker' : ''}${current ? ' current' : ''}${expanded ? ' expanded' : ''}`}
      data-testid="log-line"
      data-stream={stderr ? 'stderr' : 'stdout'}
    >
      {timestamps && (
        <span className="log-time" title={isoTime(time)}>
          {formatLogTime(time)}
        </span>
      )}
      {label && (
        <span className={`log-src src-${label.color}`} title={label.label.length > MAX_LABEL_CHARS ? label.label : undefined}>
          {label.label}
        </span>
      )}
      {marker ? (
        <span className="log-marker-text">— {text} —</span>
      ) : (
        <span className="log-text">
          {pieces!.map((p, i) =>
            p.hit ? (
              <mark key={i} style={styleOf(p.style)}>
                {p.text}
              </mark>
            ) : p.style ? (
              <span key={i} style={styleOf(p.style)}>
                {p.text}
              </span>
            ) : (
              p.text
            ),
          )}
        </span>
      )}
      {long && (
        // A long line draws its start only (a 1 MB line stays one cheap row); what is left out is said, and the whole
        // line is one click away (copy, or Download for the log).
        <span className="log-long">
          {rest > 0 && (
            <span className="log-cut" data-testid="log-line-more">
              … {rest.toLocaleString()} more characters
            </span>
          )}
          <button
            type="button"
            className="log-more"
            onClick={() => onToggle(seq)}
            title={expanded ? 'Draw only the start of this line' : `Draw up to ${EXPANDED_CHARS.toLocaleString()} characters of this line, wrapped`}
          >
            {expanded ? 'less' : 'more'}
          </button>
          <button type="button" className="log-more" onClick={() => onCopy(seq)} aria-label="Copy the whole line" title={`Copy the whole line (${formatSize(text.length)})`}>
            copy line
          </button>
        </span>
      )}
    </div>
  );
});

function styleOf(s: LinePiece['style']): CSSProperties | undefined {
  if (!s) return undefined;
  const css: CSSProperties = {};
  let fg = s.fg;
  let bg = s.bg;
  if (s.inverse) [fg, bg] = [bg ?? 'var(--bg)', fg ?? 'var(--text)'];
  if (fg) css.color = fg;
  if (bg) css.background = bg;
  if (s.bold) css.fontWeight = 600;
  if (s.dim) css.opacity = 0.7;
  if (s.italic) css.fontStyle = 'italic';
  if (s.underline || s.strike) css.textDecoration = `${s.underline ? 'underline' : ''} ${s.strike ? 'line-through' : ''}`.trim();
  return css;
}

type LinePiece = ReturnType<typeof linePieces>[number];
