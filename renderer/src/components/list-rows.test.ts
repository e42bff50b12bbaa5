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
  it('sorts names in natural order, numbers by value, as the containers list does', () => {
    const volumes = ['data-10', 'Data-2', 'data-1', 'cache'].map((name) => ({ name, size: 1 }));
    const names = (dir: 'asc' | 'desc') => sortRows(volumes, { key: 'name', dir }, (r) => r.name, (r) => r.name).map((r) => r.name);
    expect(names('asc')).toEqual(['cache', 'data-1', 'Data-2', 'data-10']);
    expect(names('desc')).toEqual(['data-10', 'Data-2', 'data-1', 'cache']);
    // Equal sizes fall back to the names, in the same order.
    expect(sortRows(volumes, { key: 'size', dir: 'asc' }, (r) => r.size, (r) => r.name).map((r) => r.name)).toEqual(['cache', 'data-1', 'Data-2', 'data-10']);
  });
  it('sums the least widths of the columns', () => {
    expect(leastWidth([{ width: '90px' }, { width: 'minmax(200px, 2fr)' }, { width: '1fr' }])).toBe(290);
  });
});
