import { describe, expect, it } from 'vitest';
import type { HostEntry } from '../../preload/contract/host';
import { compareEntries, isHidden, sortAndCap } from './host-listing';

const e = (name: string, kind: HostEntry['kind']): HostEntry => ({ name, kind });

describe('host listing order', () => {
  it('puts folders and links to folders first, then names in natural, case-insensitive order', () => {
    const input = [e('b.txt', 'file'), e('Zeta', 'dir'), e('file10', 'file'), e('alpha', 'symlink-dir'), e('file2', 'symlink-file'), e('sock', 'other'), e('Beta', 'dir')];
    expect(sortAndCap(input, 100).entries.map((x) => x.name)).toEqual(['alpha', 'Beta', 'Zeta', 'b.txt', 'file2', 'file10', 'sock']);
  });

  it('breaks ties between names differing only in case by code point, so the order is stable', () => {
    expect([e('readme', 'file'), e('README', 'file')].sort(compareEntries).map((x) => x.name)).toEqual(['README', 'readme']);
    expect([e('README', 'file'), e('readme', 'file')].sort(compareEntries).map((x) => x.name)).toEqual(['README', 'readme']);
  });

  it('caps after sorting, keeping the folders, and says it cut', () => {
    const files = Array.from({ length: 10 }, (_, i) => e(`f${i}`, 'file'));
    const r = sortAndCap([...files, e('zdir', 'dir')], 3);
    expect(r.truncated).toBe(true);
    expect(r.entries.map((x) => x.name)).toEqual(['zdir', 'f0', 'f1']);
    const all = sortAndCap(files, 10);
    expect(all.truncated).toBe(false);
    expect(all.entries).toHaveLength(10);
  });

  it('does not reorder its input', () => {
    const input = [e('b', 'file'), e('a', 'file')];
    sortAndCap(input, 5);
    expect(input.map((x) => x.name)).toEqual(['b', 'a']);
  });

  it('calls dot-names hidden', () => {
    expect(isHidden('.git')).toBe(true);
    expect(isHidden('git')).toBe(false);
  });
});
