import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, type CSSProperties, type ReactNode } from 'react';
import { toast } from '../stores/toast-store';
import { isoTime } from './log-line';
import { compileQuery, searchableText } from './log-search';
import { LogSession } from './log-session';
import { ICONS, LogRow, LogSources, MAX_LABEL_CHARS, Toggle, type LogSourceLabel } from './LogViewParts';
import { LogStreamFields } from './LogStreamFields';
import { initialLogView, logViewReducer, newLinesSincePause, type LogViewOption } from './log-view-state';
import './logs.css';
import { useShortcuts } from '../keymap/shortcuts';
import { withKey } from '../keymap/keymap';

const ROW = 18;
/** Browsers stop laying out past ~33M px; beyond this the scroll maps proportionally. */
const MAX_SCROLL_PX = 30_000_000;
const COPY_LIMIT = 100_000;

export interface LogViewerProps {
  containerIds: string[];
  engineId?: string;
  /** Merged logs over several engines: each container's engine. */
  engineOf?: ReadonlyMap<string, string>;
  /** Merged logs: a coloured name per container and toggles to hide them. */
  labels?: ReadonlyMap<string, LogSourceLabel>;
  /** For the download's file name. */
  name: string;
}

const toMs = (local: string) => (local ? new Date(local).getTime() : undefined);

/** The log viewer: toolbar, virtual list of lines, and the session that feeds it. */
export function LogViewer({ containerIds, engineId, engineOf, labels, name }: LogViewerProps) {
  // What is shown and how: one state, changed only by the named actions of log-view-state.ts.
  const [view, dispatch] = useReducer(logViewReducer, initialLogView);
  const { stream, timestamps, wrap, query, regex, caseSensitive, filter, hidden, hitIndex, expanded, height, following } = view;
  const { tail, since, until, resume, capacity } = stream;
  // An option's button in the toolbar, pressed while the option is on.
  const toggle = (o: LogViewOption, label: string, icon: ReactNode) => (
    <Toggle on={view[o]} set={(on) => dispatch({ type: 'option', option: o, on })} label={label}>
      {icon}
    </Toggle>
  );
  // The scroll position lives in a ref: while following, the view is drawn from the bottom and the scroll events that
  // sticking to the bottom causes need no render; `redraw` renders when a position that matters has changed.
  const scrollTop = useRef(0);
  const followingRef = useRef(true);
  const stickFrame = useRef(0);
  useEffect(
    () => () => {
      cancelAnimationFrame(stickFrame.current);
      stickFrame.current = 0; // else a remount (StrictMode) would never schedule sticking to the bottom again
    },
    [],
  );
  // A render for new lines or a moved scroll position: neither is React state (see above).
  const [, redraw] = useReducer((n: number) => n + 1, 0);
  const searchRef = useRef<HTMLInputElement>(null);
  const anchorSeq = useRef(-1);
  const programmaticTop = useRef(-1);
  const scroller = useRef<HTMLDivElement>(null);

  const idsKey = containerIds.join(',');
  const session = useMemo(
    () => new LogSession({ engineId, ...(engineOf ? { engineOf } : {}), containerIds: idsKey.split(','), tail, since: toMs(since), until: toMs(until), resume }),
    // capacity is applied in place below; everything else opens a new stream
    [engineId, engineOf, idsKey, tail, since, until, resume],
  );
  useEffect(() => {
    session.setCapacity(capacity);
  }, [session, capacity]);
  useEffect(() => {
    const off = session.subscribe(redraw);
    session.start();
    dispatch({ type: 'session-started' });
    return () => {
      off();
      session.dispose();
    };
  }, [session]);

  // Merged logs: the name column is as wide as the longest name (capped; longer ones end in …), so the text starts
  // right after it.
  const labelChars = useMemo(() => {
    let n = 0;
    for (const id of idsKey.split(',')) n = Math.max(n, labels?.get(id)?.label.length ?? 0);
    return Math.min(n, MAX_LABEL_CHARS);
  }, [labels, idsKey]);

  const compiled = useMemo(() => compileQuery({ text: query, regex, caseSensitive }), [query, regex, caseSensitive]);
  const hiddenSources = useMemo(() => {
    const set = new Set<number>();
    for (const id of hidden) set.add(session.buffer.sourceOf(id));
    return set;
  }, [hidden, session]);
  useEffect(() => {
    session.setCriteria({ matcher: compiled.matcher, hidden: hiddenSources, filter });
    dispatch({ type: 'criteria-changed' });
  }, [session, compiled.matcher, hiddenSources, filter]);
  // Search as you type: a new query goes to its first match once the scan finds one, as Enter would.
  const jumpPending = useRef(false);
  useEffect(() => {
    jumpPending.current = compiled.matcher !== null;
  }, [compiled.matcher]);

  const scanner = session.scanner;
  const buffer = session.buffer;
  const count = scanner.rowCount();
  const rowPx = count * ROW > MAX_SCROLL_PX ? MAX_SCROLL_PX / count : ROW;
  const total = Math.ceil(count * rowPx) + 4;
  const visibleRows = Math.ceil(height / ROW) + 2;

  // After each render (new lines, filter, resize): stick to the bottom while following, else keep the anchor line in
  // place. No dependency list on purpose; it only sets state when the scroll position really has to move.
  followingRef.current = following;
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (following) {
      // In the next frame, not here: reading or writing the scroll position lays the page out at once, which would
      // add the frame's layout to this render's task. The rows are drawn from the bottom of the sticky viewport, so
      // the frame shows the newest lines whatever the scroll position is until then.
      if (!stickFrame.current) {
        stickFrame.current = requestAnimationFrame(() => {
          stickFrame.current = 0;
          if (!followingRef.current || !scroller.current) return;
          const el = scroller.current;
          const bottom = el.scrollHeight - el.clientHeight;
          if (Math.abs(el.scrollTop - bottom) > 1) {
            el.scrollTop = bottom;
            programmaticTop.current = scrollTop.current = el.scrollTop;
            // Drawn from the bottom once the lines overflow; otherwise the position is 0 whatever happens.
            if (!(el.scrollHeight > el.clientHeight + ROW)) redraw();
          }
        });
      }
    } else if (anchorSeq.current >= 0) {
      const row = scanner.rowOf(anchorSeq.current);
      const top = Math.floor(row * rowPx);
      if (Math.abs(Math.floor(el.scrollTop / rowPx) - row) >= 1) {
        el.scrollTop = top;
        programmaticTop.current = scrollTop.current = el.scrollTop;
        redraw();
      }
    }
  });

  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const ro = new ResizeObserver(() => dispatch({ type: 'resize', height: el.clientHeight }));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const pause = useCallback(() => {
    // At once, not at the next render: a pending stick-to-bottom frame must not undo the user's scroll.
    followingRef.current = false;
    dispatch({ type: 'pause', received: session.received });
  }, [session]);

  const onScroll = () => {
    const el = scroller.current!;
    const top = el.scrollTop;
    const atBottom = top + el.clientHeight >= el.scrollHeight - 2;
    const programmatic = Math.abs(top - programmaticTop.current) < 1;
    programmaticTop.current = -1;
    scrollTop.current = top;
    anchorSeq.current = count > 0 ? scanner.seqAt(Math.min(count - 1, Math.floor(top / rowPx))) : -1;
    // Following at the bottom (also the scroll that sticking to the bottom causes): the next frame draws the end.
    if (following && (atBottom || programmatic)) return;
    if (atBottom && !programmatic) dispatch({ type: 'follow' });
    else if (!atBottom && !programmatic) pause();
    redraw();
  };

  const jumpToEnd = () => {
    followingRef.current = true;
    dispatch({ type: 'follow' });
    const el = scroller.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    // The scroll event comes a frame later, when new lines may have grown the list: it must not read as the user
    // scrolling up (which paused the view again under load).
    programmaticTop.current = scrollTop.current = el.scrollTop;
  };

  const scrollToRow = (row: number) => {
    const el = scroller.current;
    if (!el) return;
    pause();
    const top = Math.max(0, Math.floor((row - Math.floor(height / ROW / 2)) * rowPx));
    el.scrollTop = top;
    anchorSeq.current = scanner.seqAt(Math.max(0, Math.min(count - 1, Math.floor(top / rowPx))));
    programmaticTop.current = scrollTop.current = el.scrollTop;
    redraw();
  };

  const hits = scanner.hits;
  const goHit = (dir: 1 | -1) => {
    if (hits.length === 0) return;
    let i = hitIndex;
    if (i < 0 || i >= hits.length) {
      // From what is on screen: the first hit after (or before) the top row.
      const topSeq = count > 0 ? scanner.seqAt(Math.min(count - 1, Math.floor(scrollTop.current / rowPx))) : 0;
      i = hits.indexOf(topSeq);
      if (dir < 0) i -= 1;
    } else i += dir;
    i = (i + hits.length) % hits.length;
    dispatch({ type: 'go-to-hit', index: i });
    scrollToRow(scanner.rowOf(hits.at(i)));
  };
  const currentHit = hitIndex >= 0 && hitIndex < hits.length ? hits.at(hitIndex) : -1;
  useShortcuts({
    'logs.search': () => {
      searchRef.current?.focus();
      searchRef.current?.select();
    },
    'logs.next': () => goHit(1),
    'logs.prev': () => goHit(-1),
    'logs.end': jumpToEnd,
    'logs.follow': () => (following ? pause() : jumpToEnd()),
  });
  useEffect(() => {
    if (!jumpPending.current || hits.length === 0) return;
    jumpPending.current = false;
    goHit(1);
  });

  // What is drawn.
  let firstRow: number;
  let offset = 0;
  // Following a view that overflows: the newest line sits at the bottom edge (also when wrapped lines are tall).
  const anchorBottom = following && count * ROW > height;
  if (anchorBottom) firstRow = Math.max(0, count - visibleRows);
  else {
    firstRow = Math.min(Math.max(0, count - 1), Math.floor(scrollTop.current / rowPx));
    offset = ((scrollTop.current - firstRow * rowPx) / rowPx) * ROW;
  }
  const lastRow = Math.min(count, firstRow + visibleRows);
  const rows: number[] = [];
  for (let r = firstRow; r < lastRow; r++) rows.push(scanner.seqAt(r));

  const lineText = (seq: number, withMeta: boolean) => {
    const text = searchableText(buffer.text(seq));
    if (!withMeta) return text;
    const label = labels?.get(buffer.sourceIds[buffer.source(seq)] ?? '')?.label;
    return `${isoTime(buffer.time(seq))}${label ? ` ${label}` : ''}${buffer.isStderr(seq) ? ' stderr' : ''} ${text}`;
  };

  const copyView = async () => {
    const n = Math.min(count, COPY_LIMIT);
    const lines: string[] = [];
    for (let r = count - n; r < count; r++) lines.push(lineText(scanner.seqAt(r), timestamps));
    try {
      await navigator.clipboard.writeText(lines.join('\n'));
      toast.success(`Copied ${n.toLocaleString()} lines`, count > n ? `The last ${n.toLocaleString()} of ${count.toLocaleString()}; Download saves them all.` : undefined);
    } catch (e) {
      toast.error('Could not copy the lines', (e as Error).message);
    }
  };

  const download = (which: 'view' | 'all') => {
    const parts: string[] = [];
    const rowsN = which === 'all' ? buffer.size : count;
    for (let r = 0; r < rowsN; r += 10_000) {
      const chunk: string[] = [];
      for (let k = r; k < Math.min(rowsN, r + 10_000); k++) chunk.push(lineText(which === 'all' ? buffer.first + k : scanner.seqAt(k), true));
      parts.push(chunk.join('\n') + '\n');
    }
    const url = URL.createObjectURL(new Blob(parts, { type: 'text/plain' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name}${which === 'view' && scanner.active ? '-filtered' : ''}.log`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };

  const toggleExpanded = useCallback((seq: number) => dispatch({ type: 'toggle-expanded', seq }), []);

  const copyLine = useCallback(
    (seq: number) => {
      navigator.clipboard.writeText(searchableText(buffer.text(seq))).then(
        () => toast.success('Copied the line'),
        (e: Error) => toast.error('Could not copy the line', e.message),
      );
    },
    [buffer],
  );

  const newLines = newLinesSincePause(view, session.received);
  const searching = !scanner.done;
  const statusText =
    session.status === 'error'
      ? session.error
      : session.status === 'connecting'
        ? 'Connecting…'
        : session.status === 'ended'
          ? 'Stream ended'
          : session.status === 'backlog'
            ? 'Loading…'
            : following
              ? 'Following'
              : // The stream goes on; the view does not move. The count and the way back are the jump button's.
                'Live · view paused';

  return (
    <div
      className="log-viewer"
      data-testid="log-viewer"
      data-status={session.status}
      data-following={following}
      data-received={session.received}
      data-searching={searching}
      style={labelChars > 0 ? ({ '--log-src-width': `${labelChars}ch` } as CSSProperties) : undefined}
    >
      <div className="log-toolbar" role="toolbar" aria-label="Log view">
        <div className="log-search">
          <input
            className="input log-search-input"
            type="search"
            placeholder={regex ? 'Regex…' : 'Search…'}
            aria-label="Search logs"
            ref={searchRef}
            aria-keyshortcuts="/"
            aria-invalid={compiled.error ? true : undefined}
            title={compiled.error ?? undefined}
            value={query}
            onChange={(e) => dispatch({ type: 'query', text: e.target.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter') goHit(e.shiftKey ? -1 : 1);
            }}
          />
          {toggle('regex', 'Regular expression', ICONS.regex)}
          {toggle('caseSensitive', 'Match case', ICONS.caseSensitive)}
          {toggle('filter', 'Show only matching lines', ICONS.filter)}
          <span className="log-hits" data-testid="log-hits" aria-live="polite">
            {compiled.error
              ? 'bad regex'
              : compiled.matcher
                ? `${hitIndex >= 0 ? `${hitIndex + 1} / ` : ''}${hits.length.toLocaleString()}${searching ? '…' : ''} ${hits.length === 1 ? 'match' : 'matches'}`
                : ''}
          </span>
          <button type="button" className="icon-btn" aria-label="Previous match" title={`${withKey('Previous match', 'logs.prev')}, Shift+Enter in the search`} disabled={hits.length === 0} onClick={() => goHit(-1)}>
            {ICONS.up}
          </button>
          <button type="button" className="icon-btn" aria-label="Next match" title={`${withKey('Next match', 'logs.next')}, Enter in the search`} disabled={hits.length === 0} onClick={() => goHit(1)}>
            {ICONS.down}
          </button>
        </div>
        <div className="log-toolbar-group">
          {toggle('timestamps', 'Timestamps', ICONS.clock)}
          {toggle('wrap', 'Wrap lines', ICONS.wrap)}
          <button type="button" className="icon-btn" aria-label="Copy lines" title="Copy the lines shown" onClick={() => void copyView()}>
            {ICONS.copy}
          </button>
          <button type="button" className="icon-btn" aria-label="Download log" title="Download the whole log" onClick={() => download('all')}>
            {ICONS.download}
          </button>
          {scanner.active && (
            <button type="button" className="btn log-small-btn" onClick={() => download('view')} title="Download only the lines shown">
              {ICONS.downloadSmall} Filtered
            </button>
          )}
          <button type="button" className="icon-btn" aria-label="Clear" title="Clear the view (the container's log is kept)" onClick={() => session.clear()}>
            {ICONS.clear}
          </button>
        </div>
      </div>
      <div className="log-toolbar log-toolbar-secondary">
        <LogStreamFields options={stream} onChange={(options) => dispatch({ type: 'stream', options })} />
        <span
          className={`log-status${session.status === 'error' ? ' error' : ''}${session.status === 'live' && !following ? ' paused' : ''}`}
          data-testid="log-status"
          title={
            session.status === 'live' && !following
              ? 'New lines keep arriving, but the view stays where you scrolled. Scroll to the end or use the button at the bottom to follow again.'
              : undefined
          }
        >
          {statusText} · {buffer.size.toLocaleString()} lines
        </span>
      </div>
      {labels && labels.size > 0 && (
        <LogSources containerIds={containerIds} labels={labels} hidden={hidden} onChange={(ids) => dispatch({ type: 'hide-sources', hidden: ids })} />
      )}
      <div className="log-scroll" ref={scroller} onScroll={onScroll} onWheel={(e) => e.deltaY < 0 && pause()} tabIndex={0} data-testid="log-scroll">
        <div className={`log-viewport${wrap ? ' wrap' : ''}`} style={{ height }}>
          <div className={`log-rows${anchorBottom ? ' bottom' : ''}`} style={anchorBottom ? undefined : { top: -offset }}>
            {rows.map((seq, slot) => (
              // Keyed by slot, not line: while following every line moves up each frame, and the same row elements
              // take the new text instead of ~40 rows being unmounted and mounted again.
              <LogRow
                key={slot}
                seq={seq}
                text={buffer.text(seq)}
                time={buffer.time(seq)}
                stderr={buffer.isStderr(seq)}
                marker={buffer.isMarker(seq)}
                label={labels?.get(buffer.sourceIds[buffer.source(seq)] ?? '')}
                timestamps={timestamps}
                matcher={compiled.matcher}
                current={seq === currentHit}
                expanded={expanded.has(seq)}
                onToggle={toggleExpanded}
                onCopy={copyLine}
              />
            ))}
          </div>
          {count === 0 && (
            <div className="log-empty">
              {session.status === 'error' ? session.error : scanner.active && !searching ? 'No line matches.' : session.status === 'connecting' ? 'Connecting…' : 'No log lines yet.'}
            </div>
          )}
        </div>
        <div style={{ height: Math.max(0, total - height) }} aria-hidden />
      </div>
      {!following && (
        <button type="button" className="btn btn-primary log-jump" onClick={jumpToEnd} data-testid="log-jump">
          {ICONS.jump}
          {newLines > 0 ? `${newLines.toLocaleString()} new ${newLines === 1 ? 'line' : 'lines'}` : 'Jump to end'}
        </button>
      )}
    </div>
  );
}
