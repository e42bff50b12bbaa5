import { describe, expect, it } from 'vitest';
import { backupFileName, filterRows, parsePairs, sortRows, toggleSort } from './resource-list';

const rows = [
  { name: 'b', size: 10 },
  { name: 'a', size: null },
  { name: 'c', size: 5 },
];

describe('resource-list', () => {
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
  });
  it('names backups by volume and time', () => {
    expect(backupFileName('pgdata', new Date(2025, 0, 31, 9, 5))).toBe('pgdata-2025-01-31-0905.tar.gz');
  });
  it('parses key=value lines and points at a bad one', () => {
    expect(parsePairs('a=1\n\n b = two=2 ')).toEqual({ pairs: { a: '1', b: 'two=2' }, error: null });
    expect(parsePairs('a=1\nnope').error).toBe('Line 2: write key=value.');
  });
});
