import { describe, expect, it } from 'vitest';
import { ageTickMs, compactStatus, humanDuration, liveStatus } from './status-text';

describe('compactStatus', () => {
  it.each([
    ['Up Less than a second', 'Up <1 s'],
    ['Up 1 second', 'Up 1 s'],
    ['Up 45 seconds', 'Up 45 s'],
    ['Up About a minute', 'Up 1 min'],
    ['Up 3 minutes', 'Up 3 min'],
    ['Up About an hour', 'Up 1 h'],
    ['Up 5 hours (healthy)', 'Up 5 h'],
    ['Up 2 days (unhealthy)', 'Up 2 d'],
    ['Up 3 weeks (health: starting)', 'Up 3 wk'],
    ['Up 4 months (Paused)', 'Up 4 mo'],
    ['Up 2 years', 'Up 2 y'],
    ['Exited (0) Less than a second ago', 'Exited (0) <1 s ago'],
    ['Exited (137) About an hour ago', 'Exited (137) 1 h ago'],
    ['Exited (1) 12 minutes ago', 'Exited (1) 12 min ago'],
    ['Created', 'Created'],
    ['Restarting (1) 5 seconds ago', 'Restarting (1) 5 s ago'],
    ['Removal In Progress', 'Removal In Progress'],
    ['Dead', 'Dead'],
    ['', ''],
  ])('%j → %j', (status, short) => {
    expect(compactStatus(status)).toBe(short);
  });
});

describe('liveStatus: the age counted from when the status began, not from when the list was read', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  const ago = (ms: number) => now - ms;
  it.each([
    // A container listed one second after its start, looked at six minutes later (issue 20: it said "Up <1 s").
    ['Up Less than a second', ago(6 * 60_000 + 2_000), 'Up 6 minutes', 'Up 6 min'],
    ['Up 5 seconds (healthy)', ago(9 * 60_000), 'Up 9 minutes (healthy)', 'Up 9 min'],
    ['Up 2 seconds (Paused)', ago(45_000), 'Up 45 seconds (Paused)', 'Up 45 s'],
    ['Up 1 second', ago(90_000), 'Up About a minute', 'Up 1 min'],
    ['Up 3 minutes', ago(65 * 60_000), 'Up About an hour', 'Up 1 h'],
    ['Up 1 hour', ago(3 * 86_400_000), 'Up 3 days', 'Up 3 d'],
    ['Exited (0) Less than a second ago', ago(12 * 60_000), 'Exited (0) 12 minutes ago', 'Exited (0) 12 min ago'],
    ['Restarting (1) 2 seconds ago', ago(30_000), 'Restarting (1) 30 seconds ago', 'Restarting (1) 30 s ago'],
    ['Created', ago(60_000), 'Created', 'Created'],
  ])('%j began %d → %j', (status, since, long, short) => {
    expect(liveStatus(status, since, now)).toBe(long);
    expect(compactStatus(liveStatus(status, since, now))).toBe(short);
  });

  it('keeps the engine words when the start is unknown', () => {
    expect(liveStatus('Up 3 minutes', null, now)).toBe('Up 3 minutes');
  });

  it('says what `docker ps` says (go-units HumanDuration)', () => {
    expect(humanDuration(999)).toBe('Less than a second');
    expect(humanDuration(1_000)).toBe('1 second');
    expect(humanDuration(59_999)).toBe('59 seconds');
    expect(humanDuration(119_000)).toBe('About a minute');
    expect(humanDuration(59 * 60_000)).toBe('59 minutes');
    expect(humanDuration(89 * 60_000)).toBe('About an hour');
    expect(humanDuration(47 * 3_600_000)).toBe('47 hours');
    expect(humanDuration(13 * 86_400_000)).toBe('13 days');
    expect(humanDuration(59 * 86_400_000)).toBe('8 weeks');
    expect(humanDuration(729 * 86_400_000)).toBe('24 months');
    expect(humanDuration(800 * 86_400_000)).toBe('2 years');
  });
});

describe('ageTickMs: the clock of a list ticks as often as its newest age changes', () => {
  const now = 10_000_000;
  it('every 5 s while an age counts seconds', () => {
    expect(ageTickMs(now - 3_000, now)).toBe(5_000);
    expect(ageTickMs(now - 59_999, now)).toBe(5_000);
  });
  it('every 15 s while the newest counts minutes, every minute once all count hours', () => {
    expect(ageTickMs(now - 60_000, now)).toBe(15_000);
    expect(ageTickMs(now - 3_599_999, now)).toBe(15_000);
    expect(ageTickMs(now - 3_600_000, now)).toBe(60_000);
  });
  it('every minute with no ages at all', () => {
    expect(ageTickMs(null, now)).toBe(60_000);
  });
});
