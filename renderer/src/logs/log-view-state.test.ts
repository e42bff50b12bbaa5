import { describe, expect, it } from 'vitest';
import { initialLogView, logViewReducer, newLinesSincePause, type LogViewAction, type LogViewState } from './log-view-state';

const run = (...actions: LogViewAction[]) => actions.reduce(logViewReducer, initialLogView);

describe('logViewReducer', () => {
  it('starts following, with nothing searched, hidden or expanded', () => {
    expect(initialLogView).toMatchObject({ following: true, hitIndex: -1, query: '', filter: false, timestamps: false, wrap: false });
    expect(initialLogView.hidden.size).toBe(0);
    expect(initialLogView.expanded.size).toBe(0);
  });

  it('pauses once, remembering how many lines had arrived, and counts the new ones until it follows again', () => {
    const paused = run({ type: 'pause', received: 120 });
    expect(paused).toMatchObject({ following: false, pausedAt: 120 });
    // A second pause (another scroll up) keeps the first count: the button says what came since the view stopped.
    const again = logViewReducer(paused, { type: 'pause', received: 150 });
    expect(again).toBe(paused);
    expect(newLinesSincePause(again, 175)).toBe(55);
    const followed = logViewReducer(again, { type: 'follow' });
    expect(followed.following).toBe(true);
    expect(newLinesSincePause(followed, 175)).toBe(0);
  });

  it('goes to a match, and forgets it when the search changes or a new stream starts', () => {
    const at = run({ type: 'query', text: 'error' }, { type: 'go-to-hit', index: 3 });
    expect(at).toMatchObject({ query: 'error', hitIndex: 3 });
    expect(logViewReducer(at, { type: 'criteria-changed' }).hitIndex).toBe(-1);
    const restarted = logViewReducer(logViewReducer(at, { type: 'pause', received: 10 }), { type: 'session-started' });
    expect(restarted).toMatchObject({ following: true, hitIndex: -1, query: 'error' });
  });

  it('switches each option by name and opens and closes a line', () => {
    const s = run({ type: 'option', option: 'regex', on: true }, { type: 'option', option: 'wrap', on: true }, { type: 'toggle-expanded', seq: 7 }, { type: 'toggle-expanded', seq: 9 }, { type: 'toggle-expanded', seq: 7 });
    expect(s).toMatchObject({ regex: true, wrap: true, caseSensitive: false, timestamps: false, filter: false });
    expect([...s.expanded]).toEqual([9]);
  });

  it('keeps the stream options and hidden containers it is given', () => {
    const options = { ...initialLogView.stream, tail: 'all' as const };
    const hidden = new Set(['c1']);
    const s = run({ type: 'stream', options }, { type: 'hide-sources', hidden }, { type: 'resize', height: 640 });
    expect(s.stream).toBe(options);
    expect(s.hidden).toBe(hidden);
    expect(s.height).toBe(640);
  });

  it('returns the same state when nothing changes, so React does not render again', () => {
    const s: LogViewState = initialLogView;
    for (const a of [
      { type: 'follow' },
      { type: 'criteria-changed' },
      { type: 'session-started' },
      { type: 'resize', height: 400 },
      { type: 'option', option: 'filter', on: false },
      { type: 'query', text: '' },
      { type: 'go-to-hit', index: -1 },
    ] satisfies LogViewAction[])
      expect(logViewReducer(s, a)).toBe(s);
  });
});
