import { Pause, Play, Trash2 } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import '../../components/page.css';
import { FilterBox } from '../../components/FilterBox';
import { ListTable, type ListColumn } from '../../components/ListTable';
import { actionVerb, actorName, attributeSummary, filterEvents, type HeldEvent } from './event-filter';
import { MAX_EVENTS, useEvents } from '../../data/events';
import { need } from '../../data/sync';
import { useEngineNames, usePageEngine, useShowsEngines } from '../../data/scope';
import { PageHeader } from '../../components/PageHeader';
import './events.css';

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
      <PageHeader title="Events" className="events-header">
        <span className="page-count" data-testid="events-count">
          {shown.length === events.length ? `${events.length}` : `${shown.length} of ${events.length}`} events
          {events.length >= MAX_EVENTS ? ' (newest kept)' : ''}
        </span>
        <div className="events-toolbar">
          <FilterBox value={text} onChange={setText} placeholder="Filter: action, name, image, attribute" label="Filter events" />
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
      </PageHeader>
      {streamError && (
        <div className="events-error" role="alert">
          {streamError} Retrying…
        </div>
      )}
      <EventList events={shown} filter={`${[...types].sort().join(' ')}\n${text}`} engineNames={showsEngines ? names : null} empty={events.length === 0 ? 'No engine events in the last hour yet. Start or stop something.' : 'No events match the filter.'} />
    </div>
  );
}

function EventList({ events, filter, engineNames, empty }: { events: readonly HeldEvent[]; filter: string; engineNames: ReadonlyMap<string, string> | null; empty: string }) {
  if (events.length === 0) {
    return (
      <div className="page-center" data-testid="events-empty">
        <p>{empty}</p>
      </div>
    );
  }
  const columns: ListColumn<HeldEvent>[] = [
    { id: 'time', label: 'Time', width: '110px', className: 'events-time', cell: (e) => <span title={dateFormat.format(e.time)}>{timeFormat.format(e.time)}</span> },
    { id: 'type', label: 'Type', width: '116px', cell: (e) => <span className={`badge events-type events-type-${e.type}`}>{e.type}</span> },
    { id: 'action', label: 'Action', width: 'minmax(120px, 0.9fr)', cell: (e) => <span className={`events-action events-action-${actionVerb(e.action)}`} title={e.action}>{e.action}</span> },
    {
      id: 'actor',
      label: 'Actor',
      width: 'minmax(140px, 1fr)',
      className: 'events-actor',
      cell: (e) => (
        <span title={e.actor.id}>
          {actorName(e)}
          {engineNames && <span className="engine-tag events-engine">{engineNames.get(e.engineId) ?? e.engineId}</span>}
        </span>
      ),
    },
    { id: 'attrs', label: 'Attributes', width: 'minmax(200px, 2.4fr)', className: 'events-attrs', cell: (e) => <span title={Object.entries(e.actor.attributes).map(([k, v]) => `${k}=${v}`).join('\n')}>{attributeSummary(e)}</span> },
  ];
  return (
    <ListTable
      label="Engine events"
      rows={events}
      filter={filter}
      columns={columns}
      rowKey={(e) => String(e.seq)}
      rowHeight={30}
      rowProps={(e) => ({ 'data-testid': 'event-row', 'data-type': e.type, 'data-action': actionVerb(e.action), 'data-actor-name': actorName(e), 'data-engine': e.engineId })}
    />
  );
}
