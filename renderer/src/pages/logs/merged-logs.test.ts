import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../../preload/contract';
import { mergedLabels, mergedParam, mergedTitle, parseMergedIds } from './merged-logs';

const c = (id: string, name: string, service?: string, number?: number): ContainerSummary =>
  ({ id, name, compose: service ? { project: 'shop', service, number } : null }) as ContainerSummary;

describe('merged logs', () => {
  it('labels by compose service, numbered when scaled, else by name', () => {
    const list = [c('a', 'shop-web-1', 'web', 1), c('b', 'shop-web-2', 'web', 2), c('d', 'shop-db-1', 'db', 1), c('e', 'loose')];
    const labels = mergedLabels(list, ['a', 'b', 'd', 'e']);
    expect([...labels.values()].map((l) => l.label)).toEqual(['web-1', 'web-2', 'db', 'loose']);
    expect(new Set([...labels.values()].map((l) => l.color)).size).toBe(4);
  });

  it('titles by the shared project', () => {
    expect(mergedTitle([c('a', 'x', 'web'), c('b', 'y', 'db')])).toBe('shop');
    expect(mergedTitle([c('a', 'x', 'web'), c('b', 'y')])).toBe('2 containers');
  });

  it('parses ids from the route and drops junk', () => {
    expect(parseMergedIds('abc,def, ,../x,ghi', 'local').map((r) => r.id)).toEqual(['abc', 'def', 'ghi']);
    expect(parseMergedIds(null, 'local')).toEqual([]);
  });

  it('keeps each container’s own engine across engines', () => {
    const refs = [
      { engineId: 'local', id: 'abc' },
      { engineId: 'tls', id: 'def' },
    ];
    expect(mergedParam(refs, 'local')).toBe('abc,tls/def');
    expect(parseMergedIds(mergedParam(refs, 'local'), 'local')).toEqual(refs);
    expect(parseMergedIds('a/b/c', 'local')).toEqual([]);
  });
});
