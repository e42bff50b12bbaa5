import { describe, expect, it } from 'vitest';
import { filterRows, leastWidth, sortRows, toggleSort } from './list-rows';

const rows = [
  { name: 'b', size: 10 },
  { name: 'a', size: null },
  { name: 'c', size: 5 },
];

describe('list rows', () => {
  it('filters on every word', () => {
    expect(filterRows(rows, ' A ', (r) => r.name)).toEqual([rows[1]]);
    expect(filterRows(rows, '', (r) => r.name)).toHaveLength(3);
  });
  it('sorts numbers with unknown sizes last either way', () => {
    const by = (dir: 'asc' | 'desc') => sortRows(rows, { key: 'size', dir }, (r) => r.size, (r) => r.name).map((r) => r.name);
    expect(by('asc')).toEqual(['c', 'b', 'a']);
    expect(by('desc')).toEqual(['b', 'c', 'a']);
    expect(toggleSort({ key: 'size', dir: 'asc' }, 'size')).toEqual({ key: 'size', dir: 'desc' });
    expect(toggleSort({ key: 'size', dir: 'desc' }, 'name')).toEqual({ key: 'name', dir: 'asc' });
    expect(toggleSort({ key: 'name', dir: 'asc' }, 'size', 'desc')).toEqual({ key: 'size', dir: 'desc' });
  });
  it('sums the least widths of the columns', () => {
    expect(leastWidth([{ width: '90px' }, { width: 'minmax(200px, 2fr)' }, { width: '1fr' }])).toBe(290);
  });
});
