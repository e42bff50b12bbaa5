import { DEFAULT_CAPACITY } from './log-buffer';
import type { LogTail } from './log-session';

/** What the log stream is opened with; all but `capacity` open a new stream when they change. */
export interface StreamOptions {
  tail: LogTail;
  /** datetime-local text, '' for none. */
  since: string;
  until: string;
  /** Follow the container across restarts. */
  resume: boolean;
  /** Lines kept in memory (applied in place). */
  capacity: number;
}

export const DEFAULT_STREAM_OPTIONS: StreamOptions = { tail: '1000', since: '', until: '', resume: true, capacity: DEFAULT_CAPACITY };

/** The log view's second toolbar: how much to load, the time window, following across restarts, lines kept. */
export function LogStreamFields({ options, onChange }: { options: StreamOptions; onChange(options: StreamOptions): void }) {
  const set = (patch: Partial<StreamOptions>) => onChange({ ...options, ...patch });
  return (
    <>
      <label className="log-field">
        Tail
        <select className="select" value={options.tail} onChange={(e) => set({ tail: e.target.value as LogTail })} aria-label="Initial lines">
          <option value="1000">last 1,000</option>
          <option value="10000">last 10,000</option>
          <option value="all">all</option>
        </select>
      </label>
      <label className="log-field">
        Since
        <input className="input" type="datetime-local" step="1" value={options.since} onChange={(e) => set({ since: e.target.value })} aria-label="Since" />
      </label>
      <label className="log-field">
        Until
        <input className="input" type="datetime-local" step="1" value={options.until} onChange={(e) => set({ until: e.target.value })} aria-label="Until" />
      </label>
      <label className="log-field log-check">
        <input type="checkbox" checked={options.resume} onChange={(e) => set({ resume: e.target.checked })} />
        Follow across restarts
      </label>
      <label className="log-field">
        Keep
        <select className="select" value={options.capacity} onChange={(e) => set({ capacity: Number(e.target.value) })} aria-label="Lines kept">
          <option value={100_000}>100k lines</option>
          <option value={500_000}>500k lines</option>
          <option value={1_000_000}>1M lines</option>
          <option value={1_500_000}>1.5M lines</option>
        </select>
      </label>
    </>
  );
}
