import { useVirtualizer } from '@tanstack/react-virtual';
import { Pause, Play, Search, Trash2 } from 'lucide-react';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import '../../components/page.css';
import { actionVerb, actorName, attributeSummary, filterEvents, type HeldEvent } from './event-filter';
import { MAX_EVENTS, useEvents } from '../../data/events';
import { need } from '../../data/sync';
import { useEngineNames, usePageEngine, useShowsEngines } from '../../data/scope';
import { EngineScopePicker } from '../../shell/EngineScopePicker';
import './events.css';

const ROW_HEIGHT = 30;
const TYPES = ['container', 'image', 'volume', 'network', 'daemon', 'plugin', 'service', 'node', 'secret', 'config'] as const;

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/**
 * The engines' event streams (opened while the page is open): newest first, filterable by type and text, pausable,
 * the newest 5,000 kept. One engine's, or every engine's merged in time, each row saying its engine.
 */
export function EventsPage() {
  useEffect(() => need('events'), []);
  const scope = usePageEngine();
  const showsEngines = useShowsEngines(scope);
  const names = useEngineNames();
  const all = useEvents((s) => s.events);
  const events = useMemo(() => (scope === null ? all : all.filter((e) => e.engineId === scope)), [all, scope]);
  const paused = useEvents((s) => s.paused);
  const waiting = useEvents((s) => s.waiting);
  const errors = useEvents((s) => s.errors);
  const streamError = [...errors].filter(([id]) => scope === null || id === scope).map(([id, message]) => (showsEngines ? `${names.get(id) ?? id}: ${message}` : message))[0] ?? null;
  const [text, setText] = useState('');
  const [types, setTypes] = useState<ReadonlySet<string>>(new Set());
  const present = useMemo(() => {
    const seen = new Set(events.map((e) => e.type));
    const known: readonly string[] = TYPES;
    return known.filter((t) => seen.has(t) || types.has(t)).concat([...seen].filter((t) => !known.includes(t)));
  }, [events, types]);
  const shown = useMemo(() => filterEvents(events, { types, text }), [events, types, text]);

  const toggleType = (t: string) =>
    setTypes((prev) => {
      const next = new Set(prev);
      if (next.has(t)) next.delete(t);
      else next.add(t);
      return next;
    });

  return (
    <div className="page events-page">
      <header className="page-header events-header">
        <h1>Events</h1>
        <EngineScopePicker />
        <span className="page-count" data-testid="events-count">
          {shown.length === events.length ? `${events.length}` : `${shown.length} of ${events.length}`} events
          {events.length >= MAX_EVENTS ? ' (newest kept)' : ''}
        </span>
        <div className="events-toolbar">
          <div className="events-search">
            <Search size={14} aria-hidden className="events-search-icon" />
            <input
              className="input"
              type="search"
              placeholder="Filter: action, name, image, attribute"
              aria-label="Filter events"
              value={text}
              onChange={(e) => setText(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setText('')}
            />
          </div>
          <div className="segmented" role="group" aria-label="Filter by type">
            {present.map((t) => (
              <button key={t} type="button" aria-pressed={types.has(t)} onClick={() => toggleType(t)}>
                {t}
              </button>
            ))}
          </div>
          <button type="button" className="btn" aria-pressed={paused} onClick={() => useEvents.getState().setPaused(!paused)}>
            {paused ? <Play size={14} aria-hidden /> : <Pause size={14} aria-hidden />}
            {paused ? `Resume${waiting ? ` (${waiting} new)` : ''}` : 'Pause'}
          </button>
          <button type="button" className="icon-btn" aria-label="Clear the list" title="Clear the list" onClick={() => useEvents.getState().clear()}>
            <Trash2 size={14} />
          </button>
        </div>
      </header>
      {streamError && (
        <div className="events-error" role="alert">
          {streamError} Retrying…
        </div>
      )}
      <EventList events={shown} engineNames={showsEngines ? names : null} empty={events.length === 0 ? 'No engine events in the last hour yet. Start or stop something.' : 'No events match the filter.'} />
    </div>
  );
}

function EventList({ events, engineNames, empty }: { events: readonly HeldEvent[]; engineNames: ReadonlyMap<string, string> | null; empty: string }) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: events.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => events[i]?.seq ?? i,
    overscan: 10,
  });
  if (events.length === 0) {
    return (
      <div className="page-center" data-testid="events-empty">
        <p>{empty}</p>
      </div>
    );
  }
  return (
    <div ref={scrollRef} className="events-list" role="table" aria-label="Engine events" aria-rowcount={events.length}>
      <div className="events-row events-head" role="row">
        <span role="columnheader">Time</span>
        <span role="columnheader">Type</span>
        <span role="columnheader">Action</span>
        <span role="columnheader">Actor</span>
        <span role="columnheader">Attributes</span>
      </div>
      <div className="events-rows" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const e = events[item.index];
          return e ? <EventRow key={e.seq} event={e} top={item.start} engineName={engineNames ? (engineNames.get(e.engineId) ?? e.engineId) : undefined} /> : null;
        })}
      </div>
    </div>
  );
}

const EventRow = memo(function EventRow({ event: e, top, engineName }: { event: HeldEvent; top: number; engineName: string | undefined }) {
  const name = actorName(e);
  const verb = actionVerb(e.action);
  const attrs = attributeSummary(e);
  return (
    <div
      className="events-row"
      role="row"
      style={{ transform: `translateY(${top}px)` }}
      data-testid="event-row"
      data-type={e.type}
      data-action={verb}
      data-actor-name={name}
      data-engine={e.engineId}
    >
      <span role="cell" className="events-time" title={dateFormat.format(e.time)}>
        {timeFormat.format(e.time)}
      </span>
      <span role="cell">
        <span className={`badge events-type events-type-${e.type}`}>{e.type}</span>
      </span>
      <span role="cell" className={`events-action events-action-${verb}`} title={e.action}>
        {e.action}
      </span>
      <span role="cell" className="events-actor" title={e.actor.id}>
        {name}
        {engineName && <span className="engine-tag events-engine">{engineName}</span>}
      </span>
      <span role="cell" className="events-attrs" title={Object.entries(e.actor.attributes).map(([k, v]) => `${k}=${v}`).join('\n')}>
        {attrs}
      </span>
    </div>
  );
});
