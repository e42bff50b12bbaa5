import { describe, expect, it } from 'vitest';
import { compactStatus } from './status-text';

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
