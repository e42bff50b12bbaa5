import { describe, expect, it } from 'vitest';
import { containerKeyOf, sessionsOf, withClosed, withOpened, withShown, type PlacedSession, type SessionMap } from './session-map';

const empty: SessionMap<PlacedSession> = { sessions: new Map(), activeByContainer: new Map() };
const ID = 'c0ffee';

describe('terminal sessions per container, keyed by engine and container id', () => {
  it('two engines’ containers with the same id keep their own sessions and their own active tab', () => {
    let m = withOpened(empty, { key: 't1', engineId: 'local', containerId: ID });
    m = withOpened(m, { key: 't2', engineId: 'ctx-twin', containerId: ID });
    m = withOpened(m, { key: 't3', engineId: 'local', containerId: ID });
    expect(sessionsOf(m.sessions.values(), 'local', ID).map((s) => s.key)).toEqual(['t1', 't3']);
    expect(sessionsOf(m.sessions.values(), 'ctx-twin', ID).map((s) => s.key)).toEqual(['t2']);
    expect(m.activeByContainer.get(containerKeyOf({ engineId: 'local', containerId: ID }))).toBe('t3');
    expect(m.activeByContainer.get(containerKeyOf({ engineId: 'ctx-twin', containerId: ID }))).toBe('t2');

    // Closing the other engine's only session does not move this engine's active tab, and vice versa.
    const closedB = withClosed(m, 't2');
    expect(closedB.activeByContainer.get(containerKeyOf({ engineId: 'local', containerId: ID }))).toBe('t3');
    expect(closedB.activeByContainer.has(containerKeyOf({ engineId: 'ctx-twin', containerId: ID }))).toBe(false);
    const closedA = withClosed(m, 't3');
    expect(closedA.activeByContainer.get(containerKeyOf({ engineId: 'local', containerId: ID }))).toBe('t1');
    expect(closedA.activeByContainer.get(containerKeyOf({ engineId: 'ctx-twin', containerId: ID }))).toBe('t2');
  });

  it('showing a session on one engine leaves the same container id on another engine as it was', () => {
    let m = withOpened(empty, { key: 't1', engineId: 'local', containerId: ID });
    m = withOpened(m, { key: 't2', engineId: 'local', containerId: ID });
    m = withOpened(m, { key: 't3', engineId: 'tls', containerId: ID });
    const shown = withShown(m.activeByContainer, 'local', ID, 't1');
    expect(shown.get(containerKeyOf({ engineId: 'local', containerId: ID }))).toBe('t1');
    expect(shown.get(containerKeyOf({ engineId: 'tls', containerId: ID }))).toBe('t3');
  });
});
