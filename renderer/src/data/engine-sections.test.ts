import { describe, expect, it } from 'vitest';
import { groupByEngine, isEngineHeader, type EngineHeader } from './engine-sections';

describe('groupByEngine', () => {
  const items = [
    { e: 'tls', n: 'b' },
    { e: 'local', n: 'a' },
    { e: 'gone', n: 'z' },
    { e: 'tls', n: 'a' },
  ];
  const names = new Map([
    ['local', 'Local'],
    ['tls', 'TLS'],
  ]);
  const label = (r: { n: string } | EngineHeader) =>
    isEngineHeader(r) ? `<${r.title} ${r.count}>` : (r as { n: string }).n;
  /** The items grouped under the engines local and tls (in that order), each engine's rows made by `rowsOf`. */
  const grouped = (rowsOf: (list: typeof items) => typeof items) => groupByEngine(items, (i) => i.e, ['local', 'tls'], names, rowsOf).map(label);

  it('puts each engine’s rows under its header, in the engines’ order, unknown engines last', () => {
    expect(grouped((list) => [...list].sort((a, b) => a.n.localeCompare(b.n)))).toEqual(['<Local 1>', 'a', '<TLS 2>', 'a', 'b', '<gone 1>', 'z']);
  });

  it('leaves out engines whose rows are all filtered away', () => {
    expect(grouped((list) => list.filter((i) => i.n === 'b'))).toEqual(['<TLS 1>', 'b']);
  });
});
