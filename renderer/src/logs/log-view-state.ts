import { DEFAULT_STREAM_OPTIONS, type StreamOptions } from './LogStreamFields';

/**
 * What the log viewer shows and how, as one state with named changes (the scroll position and the lines live
 * outside React: see LogViewer). Pure, so every change can be tested without a DOM.
 */
export interface LogViewState {
  /** What the stream asks the engine for (tail, since, until, resume, capacity). */
  stream: StreamOptions;
  timestamps: boolean;
  wrap: boolean;
  query: string;
  regex: boolean;
  caseSensitive: boolean;
  /** Show only matching lines. */
  filter: boolean;
  /** Merged logs: the containers whose lines are hidden. */
  hidden: ReadonlySet<string>;
  /** The current match among the hits; -1: none picked yet. */
  hitIndex: number;
  /** Lines opened to show their whole text (by sequence number). */
  expanded: ReadonlySet<number>;
  /** The scroller's height in px. */
  height: number;
  /** Sticking to the newest line. */
  following: boolean;
  /** Lines received when the view was paused: the jump button counts the new ones from there. */
  pausedAt: number;
}

export type LogViewOption = 'timestamps' | 'wrap' | 'regex' | 'caseSensitive' | 'filter';

export type LogViewAction =
  | { type: 'stream'; options: StreamOptions }
  | { type: 'option'; option: LogViewOption; on: boolean }
  | { type: 'query'; text: string }
  | { type: 'hide-sources'; hidden: ReadonlySet<string> }
  | { type: 'toggle-expanded'; seq: number }
  | { type: 'resize'; height: number }
  /** A new stream started (another container, other stream options): follow it from the end. */
  | { type: 'session-started' }
  /** The search or the shown containers changed: the old match index means nothing now. */
  | { type: 'criteria-changed' }
  | { type: 'go-to-hit'; index: number }
  /** The user scrolled up (or a match was shown): the view stays put while lines keep arriving. */
  | { type: 'pause'; received: number }
  | { type: 'follow' };

export const initialLogView: LogViewState = {
  stream: DEFAULT_STREAM_OPTIONS,
  timestamps: false,
  wrap: false,
  query: '',
  regex: false,
  caseSensitive: false,
  filter: false,
  hidden: new Set(),
  hitIndex: -1,
  expanded: new Set(),
  height: 400,
  following: true,
  pausedAt: 0,
};

/** Returns `state` itself when nothing changes, so React skips the render. */
export function logViewReducer(state: LogViewState, action: LogViewAction): LogViewState {
  switch (action.type) {
    case 'stream':
      return { ...state, stream: action.options };
    case 'option':
      return state[action.option] === action.on ? state : { ...state, [action.option]: action.on };
    case 'query':
      return state.query === action.text ? state : { ...state, query: action.text };
    case 'hide-sources':
      return { ...state, hidden: action.hidden };
    case 'toggle-expanded': {
      const expanded = new Set(state.expanded);
      if (expanded.has(action.seq)) expanded.delete(action.seq);
      else expanded.add(action.seq);
      return { ...state, expanded };
    }
    case 'resize':
      return state.height === action.height ? state : { ...state, height: action.height };
    case 'session-started':
      return state.following && state.hitIndex === -1 ? state : { ...state, following: true, hitIndex: -1 };
    case 'criteria-changed':
      return state.hitIndex === -1 ? state : { ...state, hitIndex: -1 };
    case 'go-to-hit':
      return state.hitIndex === action.index ? state : { ...state, hitIndex: action.index };
    case 'pause':
      return state.following ? { ...state, following: false, pausedAt: action.received } : state;
    case 'follow':
      return state.following ? state : { ...state, following: true };
  }
}

/** Lines that arrived since the view was paused (0 while following). */
export const newLinesSincePause = (state: LogViewState, received: number) => (state.following ? 0 : Math.max(0, received - state.pausedAt));
