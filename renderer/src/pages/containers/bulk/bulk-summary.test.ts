import { describe, expect, it } from 'vitest';
import { bulkSummary } from './bulk-summary';

const ok = (id: string) => ({ id, name: id, ok: true });
const bad = (id: string) => ({ id, name: id, ok: false, error: { code: 'CONFLICT', message: 'no' } });

describe('bulk summary', () => {
  it('says how many worked and how many failed', () => {
    expect(bulkSummary('stop', [ok('a'), ok('b'), ok('c')]).title).toBe('Stopped 3 containers');
    expect(bulkSummary('start', [ok('a'), bad('b')])).toEqual({ ok: 1, failed: 1, title: 'Started 1 of 2 containers; 1 failed' });
    expect(bulkSummary('unpause', [bad('a')]).title).toBe('Could not resume the container');
    expect(bulkSummary('remove', [bad('a'), bad('b')]).title).toBe('Could not remove any of 2 containers');
  });

  it('counts the ones a cancel kept from starting apart from failures', () => {
    const cancelled = (id: string) => ({ id, name: id, ok: false, error: { code: 'CANCELLED', message: 'Cancelled before it started.' } });
    expect(bulkSummary('stop', [ok('a'), cancelled('b'), cancelled('c')])).toEqual({ ok: 1, failed: 0, title: 'Stopped 1 of 3 containers; 2 cancelled' });
    expect(bulkSummary('stop', [ok('a'), bad('b'), cancelled('c')]).title).toBe('Stopped 1 of 3 containers; 1 failed, 1 cancelled');
  });
});
